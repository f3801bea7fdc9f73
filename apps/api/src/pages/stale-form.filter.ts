import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import { Response } from 'express';
import { RSVP_ANSWERS, RsvpService } from '@kierto/mail';
import { Language } from '@kierto/network';
import { StaleFormException } from '../web/personal-link-form.guard';
import { WebRequest } from '../web/web-request';
import { PageRenderer } from './page-renderer';
import { RSVP_TEXTS } from './texts';
import { WEB_TEXTS } from './web-texts';

/**
 * A refused RSVP or unsubscribe form (403, nothing changed) as a page in the person's language that
 * says so and links back to the link's page (a GET, which changes nothing), with the answer marked.
 */
@Injectable()
@Catch(StaleFormException)
export class StaleFormFilter implements ExceptionFilter {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly pages: PageRenderer,
  ) {}

  async catch(_e: StaleFormException, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const token = String(req.params?.token ?? '');
    const lang = await this.language(req.path, token);
    res
      .status(lang ? 403 : 404)
      .set('Cache-Control', 'no-store')
      .type('html');
    if (!lang) {
      const w = WEB_TEXTS.fi;
      res.send(
        this.pages.render('web-message', 'fi', w.notFoundTitle, {
          heading: w.notFoundTitle,
          text: w.notFoundText,
          tone: 'warn',
          link: null,
        }),
      );
      return;
    }
    const t = RSVP_TEXTS[lang];
    const answer = RSVP_ANSWERS.find((a) => a === (req.body as { answer?: unknown } | undefined)?.answer);
    res.send(
      this.pages.render('web-message', lang, t.staleTitle, {
        heading: t.staleTitle,
        text: t.staleText,
        tone: 'warn',
        link: { href: answer ? `${req.path}?answer=${answer}` : req.path, label: t.staleLink },
      }),
    );
  }

  /** The person's language, or null when the link is not valid. */
  private async language(path: string, token: string): Promise<Language | null> {
    try {
      const { person, series } = path.startsWith('/rsvp/')
        ? await this.rsvp.view(token)
        : await this.rsvp.unsubscribeView(token);
      return person.preferredLanguage ?? series.defaultLanguage;
    } catch {
      return null;
    }
  }
}
