import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

/**
 * Whitelisted, transformed input; a 400 names every bad field and why:
 * { statusCode, error, message: [reasons], errors: [{ field, reasons }] }.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
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
