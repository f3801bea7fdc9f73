import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 with the seconds until the counting window ends (sent as Retry-After). */
export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many attempts. Wait a moment and try again.', HttpStatus.TOO_MANY_REQUESTS);
  }
}
