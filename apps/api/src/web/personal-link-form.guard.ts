import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CsrfService } from './csrf.service';
import { WebRequest } from './web-request';

const ONE_CLICK = 'kierto:rfc8058-one-click';

/** A personal link's form without a valid CSRF token: an old page, or another site's form. */
export class StaleFormException extends ForbiddenException {
  constructor() {
    super('The form is missing a valid CSRF token');
  }
}

/** The route also takes an RFC 8058 one-click POST (`List-Unsubscribe=One-Click`) from a mail client. */
export const AllowOneClickUnsubscribe = () => SetMetadata(ONE_CLICK, true);

/**
 * The forms behind personal email links (RSVP, unsubscribe): a POST needs the CSRF token of the page
 * the link opened, like every other form, so nothing but a person pressing the button changes state.
 * The one exception is the RFC 8058 one-click unsubscribe a mail client POSTs itself (no page, no
 * cookie): the secret token in the address is the authority there, and a link scanner only GETs.
 */
@Injectable()
export class PersonalLinkFormGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly csrf: CsrfService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    if (req.method !== 'POST') return true;
    const body = req.body as Record<string, unknown> | undefined;
    if (
      this.reflector.get<boolean>(ONE_CLICK, ctx.getHandler()) &&
      body?.['List-Unsubscribe'] === 'One-Click'
    )
      return true;
    if (req.headers['sec-fetch-site'] === 'cross-site' || !this.csrf.verify(req))
      throw new StaleFormException();
    return true;
  }
}
