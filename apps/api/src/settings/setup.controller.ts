import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import { Language, Person } from '@kierto/network';
import { SeriesAccessGuard, SeriesScoped } from '../auth/series-access.guard';
import { SETTINGS_TEXTS } from '../pages/settings-texts';
import { SETUP_TEXTS } from '../pages/setup-texts';
import { WebController, WebPerson, WebSession } from '../web/web.decorators';
import { WebPages } from '../web/web-pages.service';
import { WebRequest } from '../web/web-request';
import { FormRejected, FormState } from './settings-forms';
import { SettingsPageService } from './settings-page.service';
import { resumeStep, SETUP_STEPS, SetupPageService, SetupStep } from './setup-page.service';

const STEP_PATHS = SETUP_STEPS.map((s) => `series/:seriesId/setup/${s}`);

/**
 * The guided setup of a new series, for coordinators: `/series/new` (the basics, which create the
 * series), then `/series/{id}/setup/{step}`. Every form posts, is saved at once and redirects (303);
 * a refused form comes back (400) with its input and the error at the field. Once the rotation is
 * started the setup is over: its pages and forms lead to the settings page, which edits the series.
 */
@WebController()
@WebSession()
export class SetupController {
  constructor(
    private readonly setup: SetupPageService,
    private readonly settings: SettingsPageService,
    private readonly pages: WebPages,
  ) {}

  @Get('series/new')
  @UseGuards(SeriesAccessGuard)
  newSeries(@Req() req: WebRequest, @Res() res: Response) {
    return this.renderNew(req, res, null, 200);
  }

  @Post('series/new')
  @UseGuards(SeriesAccessGuard)
  async create(@WebPerson() me: Person, @Body() body: unknown, @Req() req: WebRequest, @Res() res: Response) {
    let id: string;
    try {
      id = await this.setup.create(me, body);
    } catch (e) {
      if (e instanceof FormRejected) return this.renderNew(req, res, e.state, 400);
      throw e;
    }
    res.redirect(303, `/series/${id}/setup/units`);
  }

  /** Resuming: the first step not yet saved. */
  @Get('series/:seriesId/setup')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async resume(@Param('seriesId') id: string, @Res() res: Response) {
    const series = await this.setup.get(id);
    res.redirect(
      303,
      series.setupCompletedAt ? `/series/${id}/settings` : `/series/${id}/setup/${resumeStep(series)}`,
    );
  }

  @Get(STEP_PATHS)
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async step(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const path = req.path.replace(/\/$/, '');
    const step = SETUP_STEPS.find((x) => path.endsWith(`/setup/${x}`)) ?? 'basics';
    if (await this.started(id, res)) return;
    await this.render(req, res, id, step, me, null, 200);
  }

  @Post('series/:seriesId/setup/basics')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  basics(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'basics', async () => {
      await this.settings.saveBasics(id, body);
      return this.setup.continue(id, { step: 'basics' });
    });
  }

  @Post('series/:seriesId/setup/units')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  createUnit(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'units', () => this.settings.createUnit(id, me, body));
  }

  @Post('series/:seriesId/setup/units/pick')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  pickUnit(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'units', () => this.settings.addToRotation(id, me, body));
  }

  @Post('series/:seriesId/setup/units/:unitId/move')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  moveUnit(
    @Param('seriesId') id: string,
    @Param('unitId') unitId: string,
    @WebPerson() me: Person,
    @Body('direction') direction: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'units', () =>
      this.settings.moveUnit(id, unitId, direction === 'up' ? 'up' : 'down'),
    );
  }

  @Post('series/:seriesId/setup/units/:unitId/remove')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  removeUnit(
    @Param('seriesId') id: string,
    @Param('unitId') unitId: string,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'units', () => this.settings.removeFromRotation(id, unitId));
  }

  @Post('series/:seriesId/setup/people')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  addPerson(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'people', () => this.settings.addPerson(id, me, body));
  }

  @Post('series/:seriesId/setup/topics')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  addTopic(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'topics', () => this.settings.addTopic(id, body));
  }

  @Post('series/:seriesId/setup/topics/:topicId')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  updateTopic(
    @Param('seriesId') id: string,
    @Param('topicId') topicId: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'topics', () => this.settings.updateTopic(id, topicId, body));
  }

  @Post('series/:seriesId/setup/topics/:topicId/remove')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  removeTopic(
    @Param('seriesId') id: string,
    @Param('topicId') topicId: string,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'topics', () => this.settings.removeTopic(id, topicId));
  }

  @Post('series/:seriesId/setup/public')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  savePublic(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'public', async () => {
      await this.setup.savePublic(id, body);
      return 'start' as const;
    });
  }

  /** "Next step": marks the step named in the form as done and opens the next one. */
  @Post('series/:seriesId/setup/continue')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  continue(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const named = (body as { step?: unknown } | undefined)?.step;
    const step = (SETUP_STEPS as readonly unknown[]).includes(named) ? (named as SetupStep) : 'basics';
    return this.act(req, res, id, me, step, () => this.setup.continue(id, body));
  }

  /** Starts the rotation: the first meeting is proposed now, and its page opens. */
  @Post('series/:seriesId/setup/start')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async start(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    if (await this.started(id, res)) return;
    let meetingId: string | null;
    try {
      meetingId = await this.setup.start(id);
    } catch (e) {
      if (e instanceof FormRejected) return this.render(req, res, id, 'start', me, e.state, 400);
      throw e;
    }
    res.redirect(303, meetingId ? `/meetings/${meetingId}?done=started#meeting` : '/?done=startedNoMeeting');
  }

  /** A started series has no setup any more: to its settings (nothing changes). */
  private async started(seriesId: string, res: Response): Promise<boolean> {
    const series = await this.setup.get(seriesId);
    if (!series.setupCompletedAt) return false;
    res.redirect(303, `/series/${seriesId}/settings`);
    return true;
  }

  /** Runs a form of `step`; afterwards the step again, or the step `run` names (303). */
  private async act(
    req: WebRequest,
    res: Response,
    seriesId: string,
    me: Person,
    step: SetupStep,
    run: () => Promise<SetupStep | void>,
  ): Promise<void> {
    if (await this.started(seriesId, res)) return;
    let next: SetupStep | void;
    try {
      next = await run();
    } catch (e) {
      if (e instanceof FormRejected) return this.render(req, res, seriesId, step, me, e.state, 400);
      throw e;
    }
    res.redirect(303, `/series/${seriesId}/setup/${next ?? step}${next ? '' : '?done=1'}`);
  }

  private renderNew(req: WebRequest, res: Response, state: FormState | null, status: number) {
    return this.pages.send(
      req,
      res,
      'setup',
      (_web, lang) => {
        const { t, s } = this.texts(lang);
        return {
          title: `${s.step_basics} – ${s.setupTitle}`,
          data: {
            t,
            s,
            ...this.setup.newView(t, s, state),
            action: '/series/new',
            seriesName: '',
            is: Object.fromEntries(SETUP_STEPS.map((x) => [x, x === 'basics'])),
            previous: '',
            saved: false,
            formError: state ? t.checkForm : '',
          },
        };
      },
      status,
    );
  }

  private render(
    req: WebRequest,
    res: Response,
    seriesId: string,
    step: SetupStep,
    me: Person,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    return this.pages.send(
      req,
      res,
      'setup',
      async (_web, lang) => {
        const { t, s } = this.texts(lang);
        const view = await this.setup.view(seriesId, step, me, t, s, lang, state);
        return {
          title: `${s[`step_${step}`]} – ${view.seriesName}`,
          data: {
            t,
            s,
            ...view,
            action: `${view.base}/basics`,
            saved: req.query?.done === '1',
            formError: state ? t.checkForm : '',
          },
        };
      },
      status,
    );
  }

  private texts(lang: Language) {
    return { t: SETTINGS_TEXTS[lang], s: SETUP_TEXTS[lang] };
  }
}
