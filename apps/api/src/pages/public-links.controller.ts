import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Response } from 'express';
import { DateTime } from 'luxon';
import { RsvpService, RsvpView, RSVP_ANSWERS, RsvpAnswer } from '@kierto/mail';
import { Person, Series } from '@kierto/network';
import { CsrfService } from '../web/csrf.service';
import { AllowOneClickUnsubscribe, PersonalLinkFormGuard } from '../web/personal-link-form.guard';
import { WebRequest } from '../web/web-request';
import { ME_TEXTS } from './me-texts';
import { PageRenderer } from './page-renderer';
import { StaleFormFilter } from './stale-form.filter';
import { RSVP_TEXTS } from './texts';
import { DATE_LOCALES } from './web-texts';

/**
 * Personal links from emails, no account needed: RSVP, unsubscribe and the calendar feed. Mail
 * scanners open every link (GET and HEAD) before the person does, so opening a link never changes
 * anything: it shows the page with the choice marked and one button, a CSRF-checked POST. Pages
 * carry personal data: never cached.
 */
@ApiExcludeController()
@Controller()
@UseGuards(PersonalLinkFormGuard)
@UseFilters(StaleFormFilter)
export class PublicLinksController {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly pages: PageRenderer,
    private readonly csrf: CsrfService,
  ) {}

  private page(
    view: RsvpView,
    state: { saved: boolean; preselect?: RsvpAnswer },
    token: string,
    csrf: string,
  ): string {
    const lang = view.person.preferredLanguage ?? view.series.defaultLanguage;
    const t = RSVP_TEXTS[lang];
    const start = DateTime.fromJSDate(view.meeting.startsAt, { zone: view.series.timezone }).setLocale(
      DATE_LOCALES[lang],
    );
    const end = DateTime.fromJSDate(view.meeting.endsAt, { zone: view.series.timezone }).setLocale(
      DATE_LOCALES[lang],
    );
    const answer = view.invitation.answer;
    const marked = state.preselect ?? answer;
    return this.pages.render('rsvp', lang, t.title, {
      t,
      csrf,
      seriesName: view.series.name,
      when: `${start.toFormat('cccc d.L.yyyy')} ${start.toFormat('HH.mm')}–${end.toFormat('HH.mm')}`,
      hostName: view.host.name,
      streetAddress: view.host.streetAddress,
      accessibilityNotes: view.host.accessibilityNotes ?? '',
      cancelled: view.meeting.status === 'cancelled',
      saved: state.saved && Boolean(answer),
      // The email's ?answer= link marks the choice; it is saved only when the person presses the button.
      preselected: !state.saved && state.preselect !== undefined && state.preselect !== answer,
      answerText: answer ? t[answer] : '',
      action: `/rsvp/${token}`,
      // The person's own pages (propose a topic, minutes, "you said, we did") open with the same token.
      home: { href: `/p/${token}`, label: ME_TEXTS[lang].rsvpHomeLink },
      note: view.invitation.note ?? '',
      options: RSVP_ANSWERS.map((value) => ({ value, label: t[value], checked: marked === value })),
    });
  }

  /** The link in the email: `?answer=yes|no|maybe` only marks that answer on the form. */
  @Get('rsvp/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(
    @Param('token') token: string,
    @Query('answer') answer: unknown,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const preselect = RSVP_ANSWERS.find((a) => a === answer);
    const view = await this.rsvp.view(token);
    return this.page(view, { saved: false, preselect }, token, this.csrf.token(req, res));
  }

  @Post('rsvp/:token')
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async answer(
    @Param('token') token: string,
    @Body() body: { answer?: string; note?: string },
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = await this.rsvp.answer(token, String(body?.answer ?? ''), body?.note);
    return this.page(view, { saved: true }, token, this.csrf.token(req, res));
  }

  /** The page of the email's unsubscribe link: what it would stop, and one button. */
  @Get('unsubscribe/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unsubscribePage(
    @Param('token') token: string,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { series, person, unsubscribed } = await this.rsvp.unsubscribeView(token);
    if (unsubscribed) return this.unsubscribed(series, person);
    const lang = person.preferredLanguage ?? series.defaultLanguage;
    const t = RSVP_TEXTS[lang];
    return this.pages.render('unsubscribe', lang, t.unsubscribeTitle, {
      t,
      csrf: this.csrf.token(req, res),
      seriesName: series.name,
      action: `/unsubscribe/${token}`,
    });
  }

  /** The page's button, or RFC 8058 one-click unsubscribe (List-Unsubscribe-Post) from a mail client. */
  @Post('unsubscribe/:token')
  @AllowOneClickUnsubscribe()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unsubscribePost(@Param('token') token: string): Promise<string> {
    const { series, person } = await this.rsvp.unsubscribe(token);
    return this.unsubscribed(series, person);
  }

  private unsubscribed(series: Series, person: Person): string {
    const lang = person.preferredLanguage ?? series.defaultLanguage;
    const t = RSVP_TEXTS[lang];
    return this.pages.render('message', lang, t.unsubscribedTitle, {
      heading: t.unsubscribedTitle,
      text: `${t.unsubscribed} ${series.name}. ${t.unsubscribedNext}`,
    });
  }

  @Get('calendar/:file')
  async calendar(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const token = file.replace(/\.ics$/, '');
    const body = await this.rsvp.calendarFeed(token);
    res
      .status(200)
      .set('Content-Type', 'text/calendar; charset=utf-8')
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', 'inline; filename="kierto.ics"')
      .send(body);
  }
}
