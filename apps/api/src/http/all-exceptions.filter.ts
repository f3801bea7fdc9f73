import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { Request, Response } from 'express';
import { redactPath } from '../logging';
import {
  clientErrorOf,
  errorKind,
  isDatabaseUnavailable,
  RETRY_AFTER_SECONDS,
  stackFrames,
} from './error-mapping';
import { sendPlainPage } from './plain-page';

/** The route for the log: method and path with tokens replaced, never the query string or the body. */
export const routeOf = (req: Request) =>
  `${req.method} ${redactPath((req.originalUrl ?? req.url).split('?')[0])}`;

/** A 400 whose only content is a message from JSON.parse (Nest's mapping of body-parser's error). */
function isJsonSyntaxError(e: BadRequestException): boolean {
  const body = e.getResponse() as { message?: unknown; errors?: unknown };
  return body.errors === undefined && typeof body.message === 'string' && /JSON/.test(body.message);
}

/** A client error (see clientErrorOf) as the HttpException the API answers with. */
function clientErrorException(e: unknown): HttpException {
  const c = clientErrorOf(e)!;
  return new HttpException({ statusCode: c.status, message: c.message, errors: c.errors }, c.status);
}

/** Statuses of unreadable input, answered with a plain page on page paths. */
const INPUT_STATUSES = [400, 413, 415];

/** Requests answered in JSON: the API, its docs and the health check; everything else is a page. */
const wantsJson = (req: Request) => /^\/(api|health)(\/|$)/.test(req.path);

/**
 * HttpExceptions pass through as they are. Errors the request caused (body-parser's, database errors
 * from input) become 4xx; the database away is a 503 with Retry-After; anything else is a 500. The log
 * says route, status and error class only (values in messages may echo input). Page paths reach this
 * filter only for errors before their controllers (an unreadable form): they get a plain page.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const json = wantsJson(req);
    const send = (status: number, body: object) =>
      json ? res.status(status).json(body) : sendPlainPage(res, status);
    // Nest turns body-parser's JSON SyntaxError into a BadRequestException with the parser's message
    // (which quotes the body): the API's own words and shape instead.
    if (exception instanceof BadRequestException && isJsonSyntaxError(exception)) {
      exception = clientErrorException(Object.assign(new SyntaxError(), { type: 'entity.parse.failed' }));
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      if (status >= 500) this.logger.error(`${routeOf(req)} ${status} ${errorKind(exception)}`);
      const payload = typeof body === 'string' ? { statusCode: status, message: body } : body;
      // Other HttpExceptions of page routes (a 404 of an unknown path) keep their answer as before.
      if (!INPUT_STATUSES.includes(status)) res.status(status).json(payload);
      else send(status, payload);
      return;
    }
    const client = clientErrorOf(exception);
    if (client) {
      this.logger.warn(`${routeOf(req)} ${client.status} ${errorKind(exception)}`);
      send(client.status, {
        statusCode: client.status,
        message: client.message,
        ...(client.errors ? { errors: client.errors } : {}),
      });
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.error(`${routeOf(req)} 503 database unavailable: ${errorKind(exception)}`);
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      send(503, {
        statusCode: 503,
        error: 'Service Unavailable',
        message: `The database is not reachable just now. Try again in ${RETRY_AFTER_SECONDS} seconds.`,
      });
      return;
    }
    this.logger.error(`${routeOf(req)} 500 ${errorKind(exception)}\n${stackFrames(exception)}`);
    send(500, { statusCode: 500, message: 'Internal server error' });
  }
}
