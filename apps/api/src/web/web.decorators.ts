import {
  applyDecorators,
  Controller,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Person } from '@kierto/network';
import { WebExceptionFilter } from './web-exception.filter';
import { SESSION_REQUIRED, WebSessionGuard } from './web-session.guard';
import { WebRequest } from './web-request';

/**
 * A controller of browser pages: HTML errors (and a redirect to /login), the session and CSRF
 * guard. Pages are sent by WebPages (never cached). `anonymousForms` adds the per-IP throttle for forms used without a login.
 */
export const WebController = (options: { anonymousForms?: boolean } = {}) =>
  applyDecorators(
    Controller(),
    ApiExcludeController(),
    UseFilters(WebExceptionFilter),
    ...(options.anonymousForms ? [UseGuards(ThrottlerGuard, WebSessionGuard)] : [UseGuards(WebSessionGuard)]),
  );

/** The route needs a logged-in person; without a session the browser is sent to /login. */
export const WebSession = () => SetMetadata(SESSION_REQUIRED, true);

/** The logged-in person of a @WebSession() route. */
export const WebPerson = createParamDecorator((_: unknown, ctx: ExecutionContext): Person => {
  const req = ctx.switchToHttp().getRequest<WebRequest>();
  return req.webSession?.person as Person;
});
