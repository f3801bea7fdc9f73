import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Response } from 'express';
import { DateTime } from 'luxon';
import { RsvpService, RsvpView } from '@kierto/mail';
import { ME_TEXTS } from './me-texts';
import { PageRenderer } from './page-renderer';
import { RSVP_TEXTS } from './texts';
import { DATE_LOCALES } from './web-texts';

/**
 * Personal links from emails, no account needed: RSVP (one click from the email, or the form),
 * unsubscribe and the calendar feed. Pages carry personal data: never cached.
 */
@ApiExcludeController()
@Controller()
export class PublicLinksController {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly pages: PageRenderer,
  ) {}

  private page(view: RsvpView, saved: boolean, token: string): string {
    const lang = view.person.preferredLanguage ?? view.series.defaultLanguage;
    const t = RSVP_TEXTS[lang];
    const start = DateTime.fromJSDate(view.meeting.startsAt, { zone: view.series.timezone }).setLocale(
      DATE_LOCALES[lang],
    );
    const end = DateTime.fromJSDate(view.meeting.endsAt, { zone: view.series.timezone }).setLocale(
      DATE_LOCALES[lang],
    );
    const answer = view.invitation.answer;
    return this.pages.render('rsvp', lang, t.title, {
      t,
      seriesName: view.series.name,
      when: `${start.toFormat('cccc d.L.yyyy')} ${start.toFormat('HH.mm')}–${end.toFormat('HH.mm')}`,
      hostName: view.host.name,
      streetAddress: view.host.streetAddress,
      accessibilityNotes: view.host.accessibilityNotes ?? '',
      cancelled: view.meeting.status === 'cancelled',
      saved: saved && Boolean(answer),
      answerText: answer ? t[answer] : '',
      action: `/rsvp/${token}`,
      // The person's own pages (propose a topic, minutes, "you said, we did") open with the same token.
      home: { href: `/p/${token}`, label: ME_TEXTS[lang].rsvpHomeLink },
      note: view.invitation.note ?? '',
      options: (['yes', 'no', 'maybe'] as const).map((value) => ({
        value,
        label: t[value],
        checked: answer === value,
      })),
    });
  }

  /** The link in the email: `?answer=yes|no|maybe` records the answer in one click. */
  @Get('rsvp/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Param('token') token: string, @Query('answer') answer?: string): Promise<string> {
    if (answer !== undefined) return this.page(await this.rsvp.answer(token, answer), true, token);
    return this.page(await this.rsvp.view(token), false, token);
  }

  @Post('rsvp/:token')
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async answer(
    @Param('token') token: string,
    @Body() body: { answer?: string; note?: string },
  ): Promise<string> {
    return this.page(await this.rsvp.answer(token, String(body?.answer ?? ''), body?.note), true, token);
  }

  @Get('unsubscribe/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unsubscribePage(@Param('token') token: string): Promise<string> {
    return this.unsubscribed(token);
  }

  /** RFC 8058 one-click unsubscribe (List-Unsubscribe-Post). */
  @Post('unsubscribe/:token')
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unsubscribePost(@Param('token') token: string): Promise<string> {
    return this.unsubscribed(token);
  }

  private async unsubscribed(token: string): Promise<string> {
    const { series, person } = await this.rsvp.unsubscribe(token);
    const lang = person.preferredLanguage ?? series.defaultLanguage;
    const t = RSVP_TEXTS[lang];
    return this.pages.render('message', lang, t.unsubscribedTitle, {
      heading: t.unsubscribedTitle,
      text: `${t.unsubscribed} ${series.name}`,
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
