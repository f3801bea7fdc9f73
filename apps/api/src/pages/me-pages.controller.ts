import { Body, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { KiertoConfig } from '@kierto/config';
import { RsvpView } from '@kierto/mail';
import { IdParam } from '../http/id-param.pipe';
import { WebCookies } from '../web/cookies';
import { WebController } from '../web/web.decorators';
import { WebPages } from '../web/web-pages.service';
import { WebRequest } from '../web/web-request';
import { ME_TEXTS } from './me-texts';
import { MePagesService, ProposalForm } from './me-pages.service';
import { MINUTES_TEXTS } from './minutes-texts';

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/**
 * A service user's own pages behind the personal link of their invitation (`/p/{token}`, the RSVP
 * token): the next meeting and their answer, a topic proposal (named, or anonymous), the published
 * minutes and "you said, we did" of their series. No account; the form carries a CSRF token. Not
 * throttled per IP: an anonymous proposal keeps nothing about its sender, and the series' hourly
 * limit holds for those.
 */
@WebController()
export class MePagesController {
  constructor(
    private readonly me: MePagesService,
    private readonly pages: WebPages,
    private readonly config: KiertoConfig,
  ) {}

  /**
   * Opens in the person's own language the first time (no ?lang= and no remembered choice): one
   * redirect to ?lang=, which the language switch remembers from then on.
   */
  private async open(token: string, req: WebRequest, res: Response): Promise<RsvpView | null> {
    const link = await this.me.resolve(token);
    res.set('Referrer-Policy', 'no-referrer');
    const own = link.person.preferredLanguage ?? link.series.defaultLanguage;
    if (req.query.lang === undefined && !new WebCookies(req, this.config).get('lang') && own !== 'fi') {
      res.redirect(303, `${req.path}?lang=${own}`);
      return null;
    }
    return link;
  }

  @Get('p/:token')
  async home(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const link = await this.open(token, req, res);
    if (!link) return;
    await this.pages.send(req, res, 'me-home', async (_web, lang) => ({
      title: ME_TEXTS[lang].homeTitle,
      data: { t: ME_TEXTS[lang], ...(await this.me.home(link, token, lang)) },
    }));
  }

  @Get('p/:token/propose')
  async proposeForm(
    @Param('token') token: string,
    @Query('sent') sent: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const link = await this.open(token, req, res);
    if (!link) return;
    const done = sent === 'named' || sent === 'anonymous' ? sent : null;
    await this.proposePage(req, res, token, link, { sent: done });
  }

  @Post('p/:token/propose')
  @HttpCode(200)
  async propose(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const link = await this.me.resolve(token);
    const form: ProposalForm = {
      title: text(body.title, 200),
      description: text(body.description, 2000),
      notify: body.notify === 'yes',
      anonymous: body.anonymous === 'yes',
    };
    if (form.title.length < 3)
      return this.proposePage(req, res, token, link, { form, titleError: true }, 400);
    try {
      const kind = await this.me.propose(link, form);
      res.redirect(303, `/p/${token}/propose?sent=${kind}`);
    } catch (e) {
      if (!MePagesService.isTooMany(e)) throw e;
      await this.proposePage(req, res, token, link, { form, tooMany: true }, 429);
    }
  }

  private proposePage(
    req: WebRequest,
    res: Response,
    token: string,
    link: RsvpView,
    state: { form?: ProposalForm; titleError?: boolean; tooMany?: boolean; sent?: string | null },
    status = 200,
  ): Promise<void> {
    return this.pages.send(
      req,
      res,
      'me-propose',
      (_web, lang) => {
        const t = ME_TEXTS[lang];
        return {
          title: MINUTES_TEXTS[lang].proposeTitle,
          data: {
            t,
            mt: MINUTES_TEXTS[lang],
            seriesName: link.series.name,
            action: `/p/${token}/propose`,
            home: `/p/${token}`,
            form: state.form ?? { title: '', description: '', notify: true, anonymous: false },
            titleError: state.titleError ?? false,
            tooMany: state.tooMany ?? false,
            sentText:
              state.sent === 'named' ? t.sentNamed : state.sent === 'anonymous' ? t.sentAnonymous : '',
          },
        };
      },
      status,
    );
  }

  @Get('p/:token/minutes')
  async minutesList(
    @Param('token') token: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const link = await this.open(token, req, res);
    if (!link) return;
    await this.pages.send(req, res, 'me-minutes', async (_web, lang) => ({
      title: MINUTES_TEXTS[lang].minutesTitle,
      data: {
        t: ME_TEXTS[lang],
        mt: MINUTES_TEXTS[lang],
        home: `/p/${token}`,
        body: null,
        ...(await this.me.minutesList(link, token, lang)),
      },
    }));
  }

  @Get('p/:token/minutes/:minutesId')
  async minutesOne(
    @Param('token') token: string,
    @Param('minutesId', IdParam) minutesId: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const link = await this.open(token, req, res);
    if (!link) return;
    await this.pages.send(req, res, 'me-minutes', async (_web, lang) => {
      const list = await this.me.minutesList(link, token, lang);
      const one = await this.me.minutesOne(link, minutesId, lang);
      return {
        title: `${MINUTES_TEXTS[lang].minutesTitle} – ${one.body.heading}`,
        data: { t: ME_TEXTS[lang], mt: MINUTES_TEXTS[lang], home: `/p/${token}`, ...list, body: one.body },
      };
    });
  }

  @Get('p/:token/you-said-we-did')
  async feedback(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const link = await this.open(token, req, res);
    if (!link) return;
    await this.pages.send(req, res, 'me-feedback', async (_web, lang) => ({
      title: MINUTES_TEXTS[lang].noticeTitle,
      data: {
        t: ME_TEXTS[lang],
        mt: MINUTES_TEXTS[lang],
        home: `/p/${token}`,
        ...(await this.me.feedbackView(link, lang)),
      },
    }));
  }
}
