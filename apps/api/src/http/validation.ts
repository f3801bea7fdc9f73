import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
/** Where @nestjs/swagger keeps each @ApiProperty's options (not exported from the package root). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
import type { ValidatorOptions } from 'class-validator';

export interface FieldError {
  field: string;
  reasons: string[];
}

/** class-validator's nested errors as `{ field: 'dayRule.nth', reasons }`, the API's 400 shape. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own: FieldError[] = e.constraints ? [{ field, reasons: Object.values(e.constraints) }] : [];
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

const isDto = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && v.constructor !== Object;

/**
 * `null` for a documented property that is not `nullable` in its @ApiProperty. class-validator's
 * @IsOptional lets null through (and PartialType makes every property optional), so without this a
 * PATCH with `{ "name": null }` reached the database's NOT NULL. Nested DTOs are checked too.
 */
export function nullErrors(dto: object): ValidationError[] {
  const out: ValidationError[] = [];
  for (const [property, value] of Object.entries(dto)) {
    const meta = Reflect.getMetadata(API_MODEL_PROPERTIES, Object.getPrototypeOf(dto), property) as
      { nullable?: boolean } | undefined;
    if (value === null && meta && !meta.nullable) {
      out.push({ property, constraints: { isNotNull: `${property} must not be null` }, children: [] });
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    const children = items.flatMap((item, i) => {
      if (!isDto(item)) return [];
      const inner = nullErrors(item);
      return Array.isArray(value) && inner.length ? [{ property: String(i), children: inner }] : inner;
    });
    if (children.length) out.push({ property, children });
  }
  return out;
}

/** class-validator's errors and nullErrors' together, one entry per property. */
function merge(a: ValidationError[], b: ValidationError[]): ValidationError[] {
  const byName = new Map(a.map((e) => [e.property, e]));
  for (const e of b) {
    const found = byName.get(e.property);
    if (!found) byName.set(e.property, e);
    else {
      found.constraints = { ...found.constraints, ...e.constraints };
      found.children = merge(found.children ?? [], e.children ?? []);
    }
  }
  return [...byName.values()];
}

class KiertoValidationPipe extends ValidationPipe {
  protected override async validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    return merge(errors, isDto(object) ? nullErrors(object) : []);
  }
}

/**
 * Whitelisted, transformed input; a 400 names every bad field and why:
 * { statusCode, error, message: [reasons], errors: [{ field, reasons }] }.
 */
export function validationPipe(): ValidationPipe {
  return new KiertoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: fields.flatMap((f) => f.reasons),
        errors: fields,
      });
    },
  });
}
