import { Body, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { KiertoConfig } from '@kierto/config';
import { LoginService, normalizeEmail, safeReturnTo, SessionService } from '@kierto/access';
import { Person } from '@kierto/network';
import { WebCookies } from './cookies';
import { WebController, WebPerson, WebSession } from './web.decorators';
import { WebPages } from './web-pages.service';
import { WebRequest } from './web-request';

/**
 * Login by an emailed link, and logout. The link opens a page with a button: opening the link
 * (as mail scanners do) never logs anyone in; only the POST from that page does.
 */
@WebController({ anonymousForms: true })
export class LoginController {
  constructor(
    private readonly login: LoginService,
    private readonly sessions: SessionService,
    private readonly pages: WebPages,
    private readonly config: KiertoConfig,
  ) {}

  /** `next`: the page that asked for a login (same-site paths only); the emailed link lands there. */
  @Get('login')
  form(@Query('next') next: unknown, @Req() req: WebRequest, @Res() res: Response) {
    const back = safeReturnTo(next);
    if (req.webSession) return res.redirect(303, back ?? '/');
    return this.pages.send(req, res, 'login', (t) => ({
      title: t.loginTitle,
      data: { email: '', error: false, next: back ?? '' },
    }));
  }

  /** The same answer whether or not the address is known (only 429 past the limits, for any address). */
  @Post('login')
  @HttpCode(200)
  async requestLink(
    @Body() body: { email?: unknown; next?: unknown },
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const email = normalizeEmail(body?.email);
    const next = safeReturnTo(body?.next);
    if (!email) {
      const typed = typeof body?.email === 'string' ? body.email.slice(0, 254) : '';
      return this.pages.send(
        req,
        res,
        'login',
        (t) => ({ title: t.loginTitle, data: { email: typed, error: true, next: next ?? '' } }),
        400,
      );
    }
    await this.login.requestLink(email, req.ip ?? req.socket.remoteAddress ?? 'unknown', next);
    return this.pages.send(req, res, 'login-sent', (t) => ({
      title: t.sentTitle,
      data: { sentText: t.sentText.replace('{minutes}', String(this.config.LOGIN_LINK_MINUTES)) },
    }));
  }

  /** The landing page of the emailed link: a button, nothing else happens here. */
  @Get('login/:token')
  async landing(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response) {
    const usable = await this.login.isUsable(token);
    return this.pages.send(req, res, 'login-confirm', (t) => ({
      title: usable ? t.confirmTitle : t.linkDeadTitle,
      data: { usable, action: `/login/${encodeURIComponent(token)}` },
    }));
  }

  @Post('login/:token')
  async confirm(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response) {
    const cookies = new WebCookies(req, this.config);
    const done = await this.login.logIn(token, cookies.get('session'));
    if (!done) {
      return this.pages.send(
        req,
        res,
        'login-confirm',
        (t) => ({ title: t.linkDeadTitle, data: { usable: false, action: '' } }),
        400,
      );
    }
    cookies.set(res, 'session', done.sessionId, done.maxAgeSeconds);
    res.redirect(303, done.returnTo ?? '/');
  }

  @Post('logout')
  async logout(@Req() req: WebRequest, @Res() res: Response) {
    const cookies = new WebCookies(req, this.config);
    await this.sessions.end(cookies.get('session'));
    cookies.clear(res, 'session');
    req.webSession = null;
    return this.pages.message(req, res, (t) => ({
      heading: t.loggedOutTitle,
      text: t.loggedOutText,
      tone: 'ok',
      link: { href: '/login', label: t.loginAgain },
    }));
  }

  @Post('logout/everywhere')
  @WebSession()
  async logoutEverywhere(@WebPerson() person: Person, @Req() req: WebRequest, @Res() res: Response) {
    await this.sessions.endAll(person.id);
    new WebCookies(req, this.config).clear(res, 'session');
    req.webSession = null;
    return this.pages.message(req, res, (t) => ({
      heading: t.loggedOutTitle,
      text: t.loggedOutEverywhereText,
      tone: 'ok',
      link: { href: '/login', label: t.loginAgain },
    }));
  }
}
