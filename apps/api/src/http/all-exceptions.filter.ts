import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';

const PG_TO_HTTP: Record<string, { status: number; message: string }> = {
  '23505': { status: HttpStatus.CONFLICT, message: 'This conflicts with existing data' },
  '23503': {
    status: HttpStatus.CONFLICT,
    message: 'This is still referred to by other data, or refers to missing data',
  },
  '23514': { status: HttpStatus.BAD_REQUEST, message: 'A value is out of its allowed range' },
  '22P02': { status: HttpStatus.BAD_REQUEST, message: 'A value has the wrong format' },
  '22007': { status: HttpStatus.BAD_REQUEST, message: 'A date or time has the wrong format' },
  '22008': { status: HttpStatus.BAD_REQUEST, message: 'A date or time is out of range' },
};

/**
 * HttpExceptions pass through as they are. Database errors a client can cause become 4xx; anything
 * else is a 500 whose details go to the log (without the request body), never to the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res
        .status(exception.getStatus())
        .json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const code = (exception as { driverError?: { code?: string }; code?: string })?.driverError?.code;
    const mapped = code ? PG_TO_HTTP[code] : undefined;
    if (mapped) {
      res.status(mapped.status).json({ statusCode: mapped.status, message: mapped.message });
      return;
    }
    if ((exception as { type?: string })?.type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ statusCode: 400, error: 'Bad Request', message: 'The request body is not valid JSON' });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(500).json({ statusCode: 500, message: 'Internal server error' });
  }
}
