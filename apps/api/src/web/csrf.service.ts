import { Injectable } from '@nestjs/common';
import { Request, Response } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { KiertoConfig } from '@kierto/config';
import { newSecretToken } from '@kierto/access';
import { WebCookies } from './cookies';
import { WebRequest } from './web-request';

/**
 * CSRF tokens for every form: a signed double-submit token. The browser holds a random HttpOnly
 * cookie; each form carries HMAC(cookie, session) in a hidden field. A cross-site page can neither
 * read the cookie nor compute the field, and a token is bound to the session it was made for (or to
 * "no session" on the login forms). Nothing is stored, so any api instance can check any form.
 */
@Injectable()
export class CsrfService {
  constructor(private readonly config: KiertoConfig) {}

  /** The token for forms on this page; sets the cookie when the browser has none yet. */
  token(req: WebRequest, res: Response): string {
    const cookies = new WebCookies(req, this.config);
    let secret = cookies.get('csrf');
    if (!secret || secret.length < 32) {
      secret = newSecretToken();
      cookies.set(res, 'csrf', secret);
      // Later code in this request (another form on the page) sees the same secret.
      req.headers.cookie = `${cookies.name('csrf')}=${secret}; ${req.headers.cookie ?? ''}`;
    }
    return this.sign(secret, req);
  }

  verify(req: WebRequest): boolean {
    const secret = new WebCookies(req, this.config).get('csrf');
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token'];
    if (!secret || typeof sent !== 'string') return false;
    const expected = Buffer.from(this.sign(secret, req));
    const given = Buffer.from(sent);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(secret: string, req: WebRequest): string {
    const binding = req.webSession?.idHash ?? 'no-session';
    return createHmac('sha256', secret).update(`kierto-csrf:${binding}`).digest('base64url');
  }
}

export function isSafeMethod(req: Request): boolean {
  return req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
}
