import { HttpStatus } from '@nestjs/common';
import { FieldError } from './validation';

/** How long a client should wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 30;

/** SQLSTATEs of a server that is shutting down, starting, refusing or has lost the connection. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (also pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '08P01',
]);
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** node-postgres and TypeORM say these in words only. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not currently accepting connections/i, // 55000 after ALTER DATABASE … ALLOW_CONNECTIONS false
  /not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /connection is not established/i,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error, its driverError and cause, and the errors of an AggregateError (both addresses refused). */
function chain(e: unknown, depth = 0): ErrorLike[] {
  if (!e || typeof e !== 'object' || depth > 3) return [];
  const x = e as ErrorLike;
  const inner = [x.driverError, x.cause, ...(Array.isArray(x.errors) ? x.errors : [])];
  return [x, ...inner.flatMap((i) => chain(i, depth + 1))];
}

/**
 * The one place that decides "PostgreSQL cannot be reached just now" (refused, terminated, pool
 * timeout, shutting down or starting up, connections not allowed): such errors answer 503 with
 * Retry-After instead of a 500, and go away by themselves when the database is back.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  return chain(e).some((x) => {
    const code = typeof x.code === 'string' ? x.code : '';
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return true;
    const message = typeof x.message === 'string' ? x.message : '';
    return UNAVAILABLE_MESSAGES.some((m) => m.test(message));
  });
}

export interface ClientError {
  status: number;
  message: string;
  errors?: FieldError[];
}

/** Database errors a client's input can cause (never with the offending value). */
const PG_TO_HTTP: Record<string, ClientError> = {
  '23505': { status: HttpStatus.CONFLICT, message: 'This conflicts with existing data' },
  '23503': {
    status: HttpStatus.CONFLICT,
    message: 'This is still referred to by other data, or refers to missing data',
  },
  '23514': { status: HttpStatus.BAD_REQUEST, message: 'A value is out of its allowed range' },
  '23502': { status: HttpStatus.BAD_REQUEST, message: 'A required value is missing' },
  '22P02': { status: HttpStatus.BAD_REQUEST, message: 'A value has the wrong format' },
  '22P05': { status: HttpStatus.BAD_REQUEST, message: 'A text contains a character that cannot be stored' },
  '22021': { status: HttpStatus.BAD_REQUEST, message: 'A text contains a character that cannot be stored' },
  '22001': { status: HttpStatus.BAD_REQUEST, message: 'A text is too long' },
  '22003': { status: HttpStatus.BAD_REQUEST, message: 'A number is out of range' },
  '22007': { status: HttpStatus.BAD_REQUEST, message: 'A date or time has the wrong format' },
  '22008': { status: HttpStatus.BAD_REQUEST, message: 'A date or time is out of range' },
};

/** body-parser's error types, in words a client can act on. */
const BODY_ERRORS: Record<string, ClientError> = {
  'entity.too.large': { status: 413, message: 'The request body is larger than 100 kB' },
  'parameters.too.many': { status: 413, message: 'The form has too many fields' },
  'encoding.unsupported': {
    status: 415,
    message: 'The Content-Encoding is not supported: send the body as it is, or gzip, deflate or br',
  },
  'charset.unsupported': { status: 415, message: 'The charset is not supported: send UTF-8' },
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON' },
  'request.aborted': { status: 400, message: 'The request body was cut off' },
  'request.size.invalid': { status: 400, message: 'The request body is not as long as Content-Length says' },
};

const snakeToCamel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Errors that are not HttpExceptions but were caused by the request: body-parser's (size, encoding,
 * charset, syntax), express's (a malformed %-escape in the path) and database errors caused by input.
 * Undefined for anything else (a real fault: 500, or the database away: see isDatabaseUnavailable).
 */
export function clientErrorOf(e: unknown): ClientError | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const x = e as {
    type?: unknown;
    status?: unknown;
    expose?: unknown;
    driverError?: { code?: unknown; column?: unknown };
    code?: unknown;
  };
  if (typeof x.type === 'string' && BODY_ERRORS[x.type]) {
    const mapped = BODY_ERRORS[x.type];
    return { ...mapped, errors: [{ field: 'body', reasons: [mapped.message] }] };
  }
  const status = typeof x.status === 'number' ? x.status : 0;
  if (status >= 400 && status < 500 && x.expose === true) {
    const message =
      status === 413
        ? 'The request is too large'
        : status === 415
          ? 'The request body has an unsupported encoding'
          : 'The request could not be read';
    return { status, message };
  }
  const code = typeof x.driverError?.code === 'string' ? x.driverError.code : undefined;
  const mapped = code ? PG_TO_HTTP[code] : undefined;
  if (!mapped) return undefined;
  const column = x.driverError?.column;
  if (code === '23502' && typeof column === 'string') {
    const field = snakeToCamel(column);
    return { ...mapped, errors: [{ field, reasons: [`${field} must be given`] }] };
  }
  return mapped;
}

/** The error's class and database code for the log: never its message, which may echo input. */
export function errorKind(e: unknown): string {
  if (!e || typeof e !== 'object') return typeof e;
  const x = e as { constructor?: { name?: string }; driverError?: { code?: unknown }; code?: unknown };
  const name = x.constructor?.name ?? 'Error';
  const code = x.driverError?.code ?? x.code;
  return typeof code === 'string' ? `${name} (${code})` : name;
}

/** The stack frames of an error without its first line (the message, which may echo input). */
export function stackFrames(e: unknown): string {
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  return stack
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
}
