import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KiertoConfig } from '@kierto/config';
import { SessionService } from '@kierto/access';
import { WebCookies } from './cookies';
import { CsrfService, isSafeMethod } from './csrf.service';
import { WebRequest } from './web-request';

export const SESSION_REQUIRED = 'kierto:web-session-required';

/** No session on a page that needs one: the web exception filter sends the browser to /login. */
export class LoginRequiredException extends HttpException {
  constructor() {
    super('Log in first', HttpStatus.UNAUTHORIZED);
  }
}

/**
 * Every browser route: finds the session from its cookie (and marks it used), then refuses state
 * changes without a valid CSRF token. Routes marked with @WebSession() need a session.
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly csrf: CsrfService,
    private readonly config: KiertoConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    const session = await this.sessions.resume(new WebCookies(req, this.config).get('session'));
    req.webSession = session;
    if (session) req.person = session.person;
    const required = this.reflector.getAllAndOverride<boolean>(SESSION_REQUIRED, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (required && !session) throw new LoginRequiredException();
    if (!isSafeMethod(req)) {
      // Fetch metadata: a browser tells us when another site sent the form.
      if (req.headers['sec-fetch-site'] === 'cross-site' || !this.csrf.verify(req))
        throw new ForbiddenException('The form is missing a valid CSRF token');
    }
    return true;
  }
}
