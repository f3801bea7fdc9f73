import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import { Person } from '@kierto/network';
import { SeriesAccessGuard, SeriesScoped } from '../auth/series-access.guard';
import { seriesCrumb } from '../pages/page-renderer';
import { SETTINGS_TEXTS } from '../pages/settings-texts';
import { WebController, WebPerson, WebSession } from '../web/web.decorators';
import { WebPages } from '../web/web-pages.service';
import { WebRequest } from '../web/web-request';
import { FormRejected, FormState } from './settings-forms';
import { SettingsPageService } from './settings-page.service';

const DONE = [
  'basics',
  'rotation',
  'unit',
  'unitEdit',
  'blackout',
  'person',
  'topic',
  'coordinator',
  'invited',
  'public',
] as const;
type Done = (typeof DONE)[number];

/**
 * The series settings for its coordinators: one page with a section per subject, and a page per
 * person. Every form posts, then redirects back (303) with a status message; a refused form is shown
 * again (400) with its input and an error under each bad field. Other people get 404.
 */
@WebController()
@WebSession()
export class SettingsController {
  constructor(
    private readonly settings: SettingsPageService,
    private readonly pages: WebPages,
  ) {}

  @Get('series/:seriesId/settings')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async page(
    @Param('seriesId') seriesId: string,
    @WebPerson() me: Person,
    @Query('done') done: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    await this.render(req, res, seriesId, me, null, 200, done);
  }

  @Post('series/:seriesId/settings/basics')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  basics(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'basics', 'basics', () => this.settings.saveBasics(id, body));
  }

  @Post('series/:seriesId/settings/rotation')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  addToRotation(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'rotation', 'rotation', () =>
      this.settings.addToRotation(id, me, body),
    );
  }

  @Post('series/:seriesId/settings/rotation/:unitId/move')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  move(
    @Param('seriesId') id: string,
    @Param('unitId') unitId: string,
    @WebPerson() me: Person,
    @Body('direction') direction: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'rotation', 'rotation', () =>
      this.settings.moveUnit(id, unitId, direction === 'up' ? 'up' : 'down'),
    );
  }

  @Post('series/:seriesId/settings/rotation/:unitId/remove')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  removeFromRotation(
    @Param('seriesId') id: string,
    @Param('unitId') unitId: string,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'rotation', 'rotation', () =>
      this.settings.removeFromRotation(id, unitId),
    );
  }

  @Post('series/:seriesId/settings/units')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  createUnit(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'unit', 'rotation', () => this.settings.createUnit(id, me, body));
  }

  @Post('series/:seriesId/settings/units/:unitId')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  updateUnit(
    @Param('seriesId') id: string,
    @Param('unitId') unitId: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'unitEdit', `unit-${unitId}`, () =>
      this.settings.updateUnit(id, unitId, me, body),
    );
  }

  @Post('series/:seriesId/settings/public')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  savePublic(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'public', 'public', () => this.settings.savePublic(id, body));
  }

  @Post('series/:seriesId/settings/units/:unitId/blackouts')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  addBlackout(
    @Param('seriesId') id: string,
    @Param('unitId') unitId: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'blackout', 'blackouts', () =>
      this.settings.addBlackout(id, unitId, body),
    );
  }

  @Post('series/:seriesId/settings/units/:unitId/blackouts/:blackoutId/remove')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  removeBlackout(
    @Param('seriesId') id: string,
    @Param('unitId') unitId: string,
    @Param('blackoutId') blackoutId: string,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'blackout', 'blackouts', () =>
      this.settings.removeBlackout(id, unitId, blackoutId),
    );
  }

  @Post('series/:seriesId/settings/people')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  addPerson(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'person', 'people', () => this.settings.addPerson(id, me, body));
  }

  @Get('series/:seriesId/settings/people/:personId')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async person(
    @Param('seriesId') id: string,
    @Param('personId') personId: string,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    await this.renderPerson(req, res, id, personId, me, null, 200);
  }

  @Post('series/:seriesId/settings/people/:personId')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async updatePerson(
    @Param('seriesId') id: string,
    @Param('personId') personId: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    try {
      await this.settings.updatePerson(id, personId, me, body);
    } catch (e) {
      if (e instanceof FormRejected) return this.renderPerson(req, res, id, personId, me, e.state, 400);
      throw e;
    }
    res.redirect(303, `/series/${id}/settings?done=person#people`);
  }

  @Post('series/:seriesId/settings/people/:personId/membership')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  membership(
    @Param('seriesId') id: string,
    @Param('personId') personId: string,
    @WebPerson() me: Person,
    @Body('active') active: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'person', 'people', () =>
      this.settings.setMembership(id, personId, active === '1'),
    );
  }

  @Post('series/:seriesId/settings/topics')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  addTopic(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'topic', 'topics', () => this.settings.addTopic(id, body));
  }

  @Post('series/:seriesId/settings/topics/:topicId')
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
    return this.act(req, res, id, me, 'topic', 'topics', () => this.settings.updateTopic(id, topicId, body));
  }

  @Post('series/:seriesId/settings/topics/:topicId/move')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  moveTopic(
    @Param('seriesId') id: string,
    @Param('topicId') topicId: string,
    @WebPerson() me: Person,
    @Body('direction') direction: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'topic', 'topics', () =>
      this.settings.moveTopic(id, topicId, direction === 'up' ? 'up' : 'down'),
    );
  }

  @Post('series/:seriesId/settings/coordinators')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  addCoordinator(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'coordinator', 'coordinators', () =>
      this.settings.addCoordinator(id, me, body),
    );
  }

  /** Invites a colleague by email address as co-coordinator (accepted when they log in). */
  @Post('series/:seriesId/settings/coordinators/invite')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  invite(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, me, 'invited', 'coordinators', () =>
      this.settings.inviteCoordinator(id, me, body),
    );
  }

  /** Hand-over, step 1: a page that names the successor and asks to confirm. */
  @Get('series/:seriesId/settings/handover')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  handoverPage(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.renderHandover(req, res, id, me, null, 200);
  }

  /** Hand-over, step 2: the successor is emailed, the caller leaves the role and is told so. */
  @Post('series/:seriesId/settings/coordinators/leave')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async leave(
    @Param('seriesId') id: string,
    @WebPerson() me: Person,
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    let done: Awaited<ReturnType<SettingsPageService['handOver']>>;
    try {
      done = await this.settings.handOver(id, me, body);
    } catch (e) {
      if (e instanceof FormRejected)
        return this.renderHandover(req, res, id, me, e.state, e.state.form === 'handover-none' ? 409 : 400);
      throw e;
    }
    const t = SETTINGS_TEXTS[this.pages.language(req, res)];
    return this.pages.message(req, res, () => {
      return {
        heading: t.handedOverTitle,
        text: t.handedOverText
          .replace('{name}', () => done.successor.displayName)
          .replace('{series}', () => done.seriesName),
        tone: 'ok',
        link: { href: '/', label: t.handedOverHome },
      };
    });
  }

  private renderHandover(
    req: WebRequest,
    res: Response,
    seriesId: string,
    me: Person,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    return this.pages.send(
      req,
      res,
      'settings-handover',
      async (_web, lang) => {
        const t = SETTINGS_TEXTS[lang];
        const view = await this.settings.handoverView(seriesId, me, t, state);
        return {
          title: `${t.handoverTitle} – ${view.seriesName}`,
          data: {
            t,
            ...view,
            base: `/series/${seriesId}/settings`,
            formError: state && state.form === 'handover' ? t.checkForm : '',
          },
        };
      },
      status,
    );
  }

  private async act(
    req: WebRequest,
    res: Response,
    seriesId: string,
    me: Person,
    done: Done,
    anchor: string,
    run: () => Promise<void>,
  ): Promise<void> {
    try {
      await run();
    } catch (e) {
      if (e instanceof FormRejected) return this.render(req, res, seriesId, me, e.state, 400);
      throw e;
    }
    res.redirect(303, `/series/${seriesId}/settings?done=${done}#${anchor}`);
  }

  private render(
    req: WebRequest,
    res: Response,
    seriesId: string,
    me: Person,
    state: FormState | null,
    status: number,
    done?: unknown,
  ): Promise<void> {
    return this.pages.send(
      req,
      res,
      'settings',
      async (_web, lang) => {
        const t = SETTINGS_TEXTS[lang];
        const view = await this.settings.view(seriesId, me, t, state);
        const doneKey = (DONE as readonly string[]).includes(done as string) ? (done as Done) : null;
        return {
          title: `${t.settingsTitle} – ${view.seriesName}`,
          crumbs: [
            { label: view.seriesName, href: seriesCrumb(seriesId) },
            { label: t.settingsTitle, href: null },
          ],
          data: {
            t,
            ...view,
            done: doneKey ? t[`done_${doneKey}`] : '',
            formError: state ? t.checkForm : '',
          },
        };
      },
      status,
    );
  }

  private renderPerson(
    req: WebRequest,
    res: Response,
    seriesId: string,
    personId: string,
    me: Person,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    return this.pages.send(
      req,
      res,
      'settings-person',
      async (_web, lang) => {
        const t = SETTINGS_TEXTS[lang];
        const view = await this.settings.personView(seriesId, personId, me, t, state);
        return {
          title: `${view.person.displayName} – ${t.settingsTitle}`,
          crumbs: [
            { label: view.seriesName, href: seriesCrumb(seriesId) },
            { label: t.settingsTitle, href: `/series/${seriesId}/settings#people` },
            { label: view.person.displayName, href: null },
          ],
          data: {
            t,
            base: `/series/${seriesId}/settings`,
            name: view.person.displayName,
            action: `/series/${seriesId}/settings/people/${personId}`,
            active: view.active,
            fields: view.fields,
            formError: state ? t.checkForm : '',
          },
        };
      },
      status,
    );
  }
}
