import { BadRequestException, HttpException, INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response } from 'express';
import { FieldError } from './validation';

/** Bodies larger than this are refused with 413 (JSON and forms alike; the CSV upload has its own). */
export const BODY_LIMIT = '100kb';
/** No form or API body of Kierto nests deeper than a few levels; deeper input is refused before validation. */
export const MAX_DEPTH = 20;

const isApi = (req: Request) => req.path.startsWith('/api/');

/** The first problem in a parsed value: a NUL character (PostgreSQL cannot store it) or too deep nesting. */
export function inputProblem(value: unknown, field: string, depth = 0): FieldError | undefined {
  const name = field || 'body';
  if (typeof value === 'string') {
    return value.includes('\u0000')
      ? { field: name, reasons: [`${name} must not contain the character U+0000 (NUL)`] }
      : undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH)
    return { field: name, reasons: [`${name} is nested deeper than ${MAX_DEPTH} levels`] };
  for (const [key, child] of Object.entries(value)) {
    const childField = Array.isArray(value) ? `${field}[${key}]` : field ? `${field}.${key}` : key;
    if (key.includes('\u0000')) {
      return { field: name, reasons: [`a key in ${name} must not contain the character U+0000 (NUL)`] };
    }
    const found = inputProblem(child, childField, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * A page form's values are text, or lists of text (repeated checkboxes). Numbers and booleans (a
 * JSON post) become text; an object (`note[a]=1`, `{"note":{}}`) is refused: no page handler reads one.
 */
export function formProblem(body: Record<string, unknown>): FieldError | undefined {
  if (Array.isArray(body)) return { field: 'body', reasons: ['The form must be fields with text values'] };
  for (const [field, value] of Object.entries(body)) {
    if (typeof value === 'number' || typeof value === 'boolean') body[field] = String(value);
    else if (value === null) delete body[field];
    else if (
      typeof value === 'object' &&
      !(Array.isArray(value) && value.every((v) => typeof v === 'string'))
    ) {
      return { field, reasons: [`${field} must be text`] };
    }
  }
  return undefined;
}

const refuse = (status: number, errors: FieldError[]) =>
  status === 415
    ? new HttpException(
        { statusCode: 415, error: 'Unsupported Media Type', message: errors[0].reasons, errors },
        415,
      )
    : new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: errors.flatMap((e) => e.reasons),
        errors,
      });

/** A request with a body (a length, or chunked), as opposed to a bare POST /confirm. */
const hasBody = (req: Request) =>
  Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

/**
 * The request checks that hold for every route, before any guard, pipe or handler:
 * `Cache-Control: no-store` on the API (personal data everywhere), the body parsers with their limits
 * (errors mapped to 413/415/400 by the exception filters), an API body must be JSON (415), and no
 * NUL characters or deep nesting in the path, the query or the body (400, naming the field).
 * Called before app.init(), so Nest does not add its own parsers.
 */
export function applyInputLimits(app: INestApplication): void {
  const express = app as NestExpressApplication;
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/v1')) res.set('Cache-Control', 'no-store');
    next();
  });
  // Named jsonParser and urlencodedParser: Nest sees them and does not register its defaults.
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true, depth: MAX_DEPTH });
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (isApi(req) && hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
      return next(
        refuse(415, [
          { field: 'body', reasons: ['The request body must be JSON (Content-Type: application/json)'] },
        ]),
      );
    }
    // Express 5 leaves an unparsed body undefined; handlers read `{}` (multer fills the import routes').
    if (req.body === undefined) req.body = {};
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next(refuse(400, [{ field: 'path', reasons: ['The address has a malformed %-escape'] }]));
    }
    const problem =
      inputProblem(path, 'path') ??
      inputProblem(req.query, '') ??
      inputProblem(req.body, '') ??
      (isApi(req) ? undefined : formProblem(req.body as Record<string, unknown>));
    next(problem ? refuse(400, [problem]) : undefined);
  });
}
