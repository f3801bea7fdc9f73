import { BadRequestException } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { DateTime, Info } from 'luxon';

/** ?limit=&offset= on every list endpoint. */
export class PageQuery {
  @ApiProperty({ required: false, minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiProperty({ required: false, minimum: 0, default: 0, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function IsTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/Helsinki`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && Info.isValidIANAZone(v) },
    });
}

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date YYYY-MM-DD`, ...options },
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid,
      },
    });
}

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A 400 in the same shape as the ValidationPipe's: which field, and why. */
export function badField(field: string, reason: string) {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: [reason],
    errors: [{ field, reasons: [reason] }],
  });
}
