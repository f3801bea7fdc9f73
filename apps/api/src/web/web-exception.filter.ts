import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import { Response } from 'express';
import { safeReturnTo, TooManyAttemptsException } from '@kierto/access';
import { routeOf } from '../http/all-exceptions.filter';
import {
  clientErrorOf,
  errorKind,
  isDatabaseUnavailable,
  RETRY_AFTER_SECONDS,
  stackFrames,
} from '../http/error-mapping';
import { sendPlainPage } from '../http/plain-page';
import { LoginRequiredException } from './web-session.guard';
import { WebPages } from './web-pages.service';
import { WebRequest } from './web-request';

/** Errors on browser routes become pages in the person's language; no session sends them to /login. */
@Injectable()
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrors');

  constructor(private readonly pages: WebPages) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof LoginRequiredException) {
      // A page opened from an email (the proposal's meeting page): back there after the login.
      const next = req.method === 'GET' || req.method === 'HEAD' ? safeReturnTo(req.originalUrl) : null;
      res.redirect(303, next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login');
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      // Rendering a page may need the database (the session's language): a page that needs nothing.
      this.logger.error(`${routeOf(req)} 503 database unavailable: ${errorKind(exception)}`);
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      sendPlainPage(res, 503);
      return;
    }
    const client = exception instanceof HttpException ? undefined : clientErrorOf(exception);
    const status = exception instanceof HttpException ? exception.getStatus() : (client?.status ?? 500);
    if (status >= 500) {
      this.logger.error(`${routeOf(req)} ${status} ${errorKind(exception)}\n${stackFrames(exception)}`);
    } else if (client) this.logger.warn(`${routeOf(req)} ${status} ${errorKind(exception)}`);
    if (status === 429) {
      const retry =
        exception instanceof TooManyAttemptsException
          ? exception.retryAfterSeconds
          : Number(res.getHeader('Retry-After-forms') ?? 60);
      res.set('Retry-After', String(retry));
    }
    const home = req.webSession ? '/' : '/login';
    const page = this.pages.message(
      req,
      res,
      (t) => {
        const link = { href: home, label: req.webSession ? t.backHome : t.loginTitle };
        if (status === 429) return { heading: t.tooManyTitle, text: t.tooManyText, tone: 'warn', link };
        if (status === 403) return { heading: t.forbiddenTitle, text: t.forbiddenText, tone: 'warn', link };
        if (status === 404) return { heading: t.notFoundTitle, text: t.notFoundText, tone: 'warn', link };
        if (status >= 400 && status < 500)
          return { heading: t.badInputTitle, text: t.badInputText, tone: 'warn', link };
        return { heading: t.errorTitle, text: t.errorText, tone: 'warn', link };
      },
      status,
    );
    page.catch((e: unknown) => {
      this.logger.error(`${routeOf(req)} ${status} page failed: ${errorKind(e)}\n${stackFrames(e)}`);
      const away = isDatabaseUnavailable(e);
      if (away) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      if (!res.headersSent) sendPlainPage(res, away ? 503 : status);
    });
  }
}
