import { QueryFailedError } from 'typeorm';

/** PostgreSQL error codes Kierto reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';

export function pgErrorCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string })?.code;
  return (error as { code?: string })?.code;
}

export function pgConstraint(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { constraint?: string })?.constraint;
  return (error as { constraint?: string })?.constraint;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return pgErrorCode(error) === PG_UNIQUE_VIOLATION && (!constraint || pgConstraint(error) === constraint);
}
