import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { KiertoConfig } from '@kierto/config';
import { SessionService } from '@kierto/access';
import { CoordinatorService } from '@kierto/network';
import { WebCookies } from '../web/cookies';
import { CsrfService, isSafeMethod } from '../web/csrf.service';
import { WebRequest } from '../web/web-request';

/**
 * Who is calling /api/v1: a coordinator's API token (`Authorization: Bearer <token>`, neither expired
 * nor revoked), or else the browser session of a logged-in coordinator or staff member. With a session,
 * a state change needs the page's CSRF token in `X-CSRF-Token` (a cookie alone is sent by any site).
 * What the caller may do is decided next, by SeriesAccessGuard.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(
    private readonly coordinators: CoordinatorService,
    private readonly sessions: SessionService,
    private readonly csrf: CsrfService,
    private readonly config: KiertoConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    const header = req.headers['authorization'];
    if (header !== undefined) {
      const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      const person = match ? await this.coordinators.authenticate(match[1]) : null;
      if (!person)
        throw new UnauthorizedException(
          'The API token is not valid (unknown, expired or revoked): issue a new one with npm run cli -- coordinator:create',
        );
      req.person = person;
      return true;
    }
    const session = await this.sessions.resume(new WebCookies(req, this.config).get('session'));
    if (!session) {
      throw new UnauthorizedException(
        'Send a coordinator API token (Authorization: Bearer <token>) or log in at /login',
      );
    }
    req.webSession = session;
    req.person = session.person;
    if (!isSafeMethod(req) && (req.headers['sec-fetch-site'] === 'cross-site' || !this.csrf.verify(req)))
      throw new ForbiddenException('Send the CSRF token of the page in X-CSRF-Token');
    return true;
  }
}
