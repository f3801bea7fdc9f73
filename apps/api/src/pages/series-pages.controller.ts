import { Body, Get, HttpException, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import { DateTime } from 'luxon';
import QRCode from 'qrcode';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { FeedbackService, MinutesReader, ProposalService } from '@kierto/minutes';
import { WebController } from '../web/web.decorators';
import { Allow, SeriesAccessGuard, SeriesScoped } from '../auth/series-access.guard';
import { WebPages } from '../web/web-pages.service';
import { WebRequest } from '../web/web-request';
import { MINUTES_TEXTS } from './minutes-texts';
import { minutesBody, shortDate } from './unit-minutes-view';
import { DATE_LOCALES } from './web-texts';

/**
 * Pages without an account: the series' anonymous proposal form and its printable "you said, we did"
 * notice (both behind the series' public link key), and the minutes reader behind a member's personal
 * link from the "minutes published" email. The form has a CSRF token but no per-IP throttle: that
 * would keep an IP-derived key, and anonymous proposals keep nothing about the sender; the series'
 * hourly limit holds instead.
 */
@WebController()
export class SeriesPagesController {
  constructor(
    private readonly proposals: ProposalService,
    private readonly feedback: FeedbackService,
    private readonly reader: MinutesReader,
    private readonly pages: WebPages,
    private readonly config: KiertoConfig,
  ) {}

  @Get('s/:key')
  async proposeForm(@Param('key') key: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const series = await this.proposals.seriesByKey(key);
    await this.proposePage(req, res, key, series.name, {});
  }

  @Post('s/:key')
  async propose(
    @Param('key') key: string,
    @Body() body: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const series = await this.proposals.seriesByKey(key);
    const title = typeof body.title === 'string' ? body.title.trim().slice(0, 200) : '';
    const description = typeof body.description === 'string' ? body.description.trim().slice(0, 2000) : '';
    if (title.length < 3) {
      return this.proposePage(req, res, key, series.name, { title, description, titleError: true }, 400);
    }
    try {
      await this.proposals.createAnonymous(key, title, description || null);
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === 429) {
        return this.proposePage(req, res, key, series.name, { title, description, tooMany: true }, 429);
      }
      throw e;
    }
    await this.proposePage(req, res, key, series.name, { saved: true }, 201);
  }

  private proposePage(
    req: WebRequest,
    res: Response,
    key: string,
    seriesName: string,
    state: object,
    status = 200,
  ): Promise<void> {
    return this.pages.send(
      req,
      res,
      'propose',
      (_web, lang) => ({
        title: MINUTES_TEXTS[lang].proposeTitle,
        data: {
          t: MINUTES_TEXTS[lang],
          seriesName,
          formUrl: `/s/${key}`,
          title: '',
          description: '',
          titleError: false,
          tooMany: false,
          saved: false,
          ...state,
        },
      }),
      status,
    );
  }

  /** Anyone with the link when the series made its feedback public; else its coordinators and staff (404). */
  @Get('s/:key/notice')
  @SeriesScoped('key', 'seriesKey')
  @Allow('coordinator', 'staff', 'public')
  @UseGuards(SeriesAccessGuard)
  async notice(@Param('key') key: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const series = await this.proposals.seriesByKey(key);
    const view = await this.feedback.view(series.id);
    const proposalUrl = `${publicUrl(this.config)}/s/${key}`;
    const qrSvg = await QRCode.toString(proposalUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    const next = view.nextMeeting;
    await this.pages.send(req, res, 'notice', (_web, lang) => {
      const t = MINUTES_TEXTS[lang];
      const local = (d: Date) =>
        DateTime.fromJSDate(d, { zone: series.timezone }).setLocale(DATE_LOCALES[lang]);
      return {
        title: `${t.noticeTitle} – ${series.name}`,
        data: {
          t,
          seriesName: series.name,
          next: next
            ? {
                when: `${local(next.meeting.startsAt).toFormat('cccc d.L.yyyy')} ${local(next.meeting.startsAt).toFormat('H.mm')}–${local(next.meeting.endsAt).toFormat('H.mm')}`,
                hostName: next.host.name,
                streetAddress: next.host.streetAddress,
                accessibilityNotes: next.host.accessibilityNotes ?? '',
              }
            : null,
          // One A4 sheet: the newest dozen.
          items: view.items.slice(0, 12).map((i) => ({
            title: i.title,
            status: i.status,
            statusText: t[`status_${i.status}`],
            publicOutcome: i.publicOutcome ?? '',
          })),
          proposalUrl,
          qrSvg,
        },
      };
    });
  }

  @Get('minutes/:token')
  async minutes(
    @Param('token') token: string,
    @Query('m') selectedId: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const view = await this.reader.read(token, typeof selectedId === 'string' ? selectedId : null);
    res.set('Referrer-Policy', 'no-referrer');
    await this.pages.send(req, res, 'minutes-reader', (_web, lang) => {
      const t = MINUTES_TEXTS[lang];
      const s = view.selected;
      return {
        title: `${t.minutesTitle} – ${view.seriesName}`,
        data: {
          t,
          seriesName: view.seriesName,
          body: s ? minutesBody(s, lang) : null,
          list: view.list.map((e) => ({
            href: `/minutes/${encodeURIComponent(token)}?m=${e.minutesId}`,
            number: e.number,
            date: shortDate(e.localDate, lang),
            hostName: e.hostName,
            current: s?.minutes.id === e.minutesId,
          })),
        },
      };
    });
  }
}
