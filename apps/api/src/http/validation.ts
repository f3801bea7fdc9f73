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

const SCALARS: unknown[] = [String, Number, Boolean, Object, Date, Array];

/** The declared type of a property: a list, a nested DTO (object), or anything else. */
function shapeOf(
  proto: object,
  property: string,
  meta: { type?: unknown; isArray?: boolean },
): 'list' | 'object' | null {
  const design: unknown = Reflect.getMetadata('design:type', proto, property);
  if (meta.isArray || design === Array) return 'list';
  let type = meta.type ?? design;
  // `type: () => Dto` (lazy, for circular imports) has no prototype of its own.
  if (typeof type === 'function' && !type.prototype) type = (type as () => unknown)();
  return typeof type === 'function' && !SCALARS.includes(type) ? 'object' : null;
}

/**
 * What class-validator lets through but the handlers cannot take, checked against each property's
 * @ApiProperty: `null` where it is not `nullable` (@IsOptional lets null through, and PartialType
 * makes every property optional, so `{ "name": null }` reached the database's NOT NULL), a scalar
 * where a list is declared, and a list or scalar where a nested object is declared (a
 * @ValidateNested() object given as `[]` passed validation with nothing in it). Nested DTOs too.
 */
export function shapeErrors(dto: object): ValidationError[] {
  const out: ValidationError[] = [];
  const proto = Object.getPrototypeOf(dto) as object;
  for (const [property, value] of Object.entries(dto)) {
    const meta = Reflect.getMetadata(API_MODEL_PROPERTIES, proto, property) as
      { nullable?: boolean; type?: unknown; isArray?: boolean } | undefined;
    if (!meta || value === undefined) continue;
    const fail = (key: string, message: string) =>
      out.push({ property, constraints: { [key]: message }, children: [] });
    if (value === null) {
      if (!meta.nullable) fail('isNotNull', `${property} must not be null`);
      continue;
    }
    const shape = shapeOf(proto, property, meta);
    if (shape === 'list' && !Array.isArray(value)) {
      fail('isList', `${property} must be a list`);
      continue;
    }
    if (shape === 'object' && (Array.isArray(value) || typeof value !== 'object')) {
      fail('isObject', `${property} must be an object`);
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    const children = items.flatMap((item, i) => {
      if (!isDto(item)) return [];
      const inner = shapeErrors(item);
      return Array.isArray(value) && inner.length ? [{ property: String(i), children: inner }] : inner;
    });
    if (children.length) out.push({ property, children });
  }
  return out;
}

/** class-validator's errors and shapeErrors' together, one entry per property. */
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
    return merge(errors, isDto(object) ? shapeErrors(object) : []);
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
