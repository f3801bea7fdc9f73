import {
  Body,
  ConflictException,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { Response } from 'express';
import { ActionStatus } from '@kierto/minutes';
import { Person } from '@kierto/network';
import { Allow, SeriesAccessGuard, SeriesScoped } from '../auth/series-access.guard';
import { IdParam } from '../http/id-param.pipe';
import { WebController, WebPerson, WebSession } from '../web/web.decorators';
import { WebPages } from '../web/web-pages.service';
import { WebRequest } from '../web/web-request';
import { MINUTES_TEXTS } from './minutes-texts';
import { ActionForm, UNIT_STATUS_CHOICES, UnitPagesService } from './unit-pages.service';
import { seriesCrumb } from './page-renderer';
import { UNIT_TEXTS } from './unit-texts';

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/**
 * Pages for logged-in staff and coordinators: a unit's page with its open action items (each with a
 * small form), search over the minutes of their series, and one version of a meeting's minutes.
 */
@WebController()
@WebSession()
export class UnitPagesController {
  constructor(
    private readonly unitPages: UnitPagesService,
    private readonly pages: WebPages,
  ) {}

  @Get('units/:unitId')
  unit(
    @WebPerson() person: Person,
    @Param('unitId', IdParam) unitId: string,
    @Query('saved') saved: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    return this.pages.send(req, res, 'unit-view', async (_web, lang) => {
      const view = await this.unitPages.unitView(person, unitId, lang);
      return {
        title: view.unitName,
        data: { t: UNIT_TEXTS[lang], mt: MINUTES_TEXTS[lang], ...view, saved: saved === '1' },
      };
    });
  }

  /** The form of one action item: status, public outcome, comment. A refused close shows on the unit page. */
  @Post('action-items/:actionItemId')
  @HttpCode(200)
  async updateAction(
    @WebPerson() person: Person,
    @Param('actionItemId', IdParam) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const status = text(body.status, 20);
    const form: ActionForm = {
      status: (UNIT_STATUS_CHOICES as string[]).includes(status) ? (status as ActionStatus) : undefined,
      // Absent (not sent) leaves the outcome as it is; an emptied field clears it.
      publicOutcome: typeof body.publicOutcome === 'string' ? text(body.publicOutcome, 500) : undefined,
      comment: text(body.comment, 2000),
    };
    try {
      const { ownerUnitId } = await this.unitPages.updateAction(person, id, form);
      res.redirect(303, `/units/${ownerUnitId}?saved=1`);
    } catch (e) {
      const refused = UnitPagesService.fieldError(e);
      if (!refused) throw e;
      const unitId = await this.unitPages.ownerUnitOf(id);
      if (!(await this.unitPages.canSeeUnit(person, unitId))) throw e;
      await this.pages.send(
        req,
        res,
        'unit-view',
        async (_web, lang) => {
          const t = UNIT_TEXTS[lang];
          const message = refused.field === 'publicOutcome' ? t.outcomeRequired : refused.reason;
          const view = await this.unitPages.unitView(person, unitId, lang, {
            itemId: id,
            field: refused.field,
            message,
            form,
          });
          return {
            title: `${t.errorSummary} – ${view.unitName}`,
            data: { t, mt: MINUTES_TEXTS[lang], ...view, saved: false },
          };
        },
        400,
      );
    }
  }

  @Get('search')
  search(
    @WebPerson() person: Person,
    @Query('q') q: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const query = text(q, 200);
    return this.pages.send(req, res, 'unit-search', async (_web, lang) => {
      const t = UNIT_TEXTS[lang];
      const view = await this.unitPages.searchView(person, query, lang);
      return {
        title: query ? `${t.searchTitle}: ${query}` : t.searchTitle,
        data: { t, ...view, countText: t.searchCount.replace('{n}', String(view.total)) },
      };
    });
  }

  /** The series' minutes archive: its coordinators and staff (others 404). */
  @Get('series/:seriesId/minutes')
  @SeriesScoped('seriesId')
  @Allow('coordinator', 'staff')
  @UseGuards(SeriesAccessGuard)
  archive(
    @Param('seriesId', IdParam) seriesId: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    return this.pages.send(req, res, 'minutes-archive', async (web, lang) => {
      const view = await this.unitPages.archiveView(seriesId, lang, MINUTES_TEXTS[lang].meetingNo);
      return {
        title: `${web.minutesArchiveTitle} – ${view.seriesName}`,
        crumbs: [
          { label: view.seriesName, href: seriesCrumb(seriesId) },
          { label: web.minutesArchiveTitle, href: null },
        ],
        data: view,
      };
    });
  }

  @Get('series/:seriesId/minutes/:minutesId')
  minutes(
    @WebPerson() person: Person,
    @Param('seriesId', IdParam) seriesId: string,
    @Param('minutesId', IdParam) minutesId: string,
    @Query('commented') commented: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    return this.pages.send(req, res, 'unit-minutes', async (web, lang) => {
      const view = await this.unitPages.minutesView(person, seriesId, minutesId, lang);
      return {
        title: `${MINUTES_TEXTS[lang].minutesTitle} – ${view.body.heading}`,
        crumbs: [
          { label: view.seriesName, href: seriesCrumb(seriesId) },
          { label: web.minutesArchiveTitle, href: `/series/${seriesId}/minutes` },
          { label: view.body.heading, href: null },
        ],
        data: { t: UNIT_TEXTS[lang], ...view, commented: commented === '1' && view.commentsOpen },
      };
    });
  }

  /**
   * A comment on minutes out for comments (circulated): saved, then back to the page (303) with a
   * message. An empty comment shows the page again with the error at the field (400); minutes not
   * out for comments show it as a message (409).
   */
  @Post('series/:seriesId/minutes/:minutesId/comments')
  @HttpCode(200)
  async comment(
    @WebPerson() person: Person,
    @Param('seriesId', IdParam) seriesId: string,
    @Param('minutesId', IdParam) minutesId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const comment = text(body.body, 4000);
    let closed = false;
    if (comment) {
      try {
        await this.unitPages.commentOnMinutes(person, seriesId, minutesId, comment);
        return res.redirect(303, `/series/${seriesId}/minutes/${minutesId}?commented=1#comments-heading`);
      } catch (e) {
        if (!(e instanceof ConflictException)) throw e;
        closed = true;
      }
    }
    const lang = this.pages.language(req, res);
    const t = UNIT_TEXTS[lang];
    const view = await this.unitPages.minutesView(person, seriesId, minutesId, lang, {
      text: comment,
      error: comment ? '' : t.commentRequired,
    });
    closed ||= !view.commentsOpen;
    await this.pages.send(
      req,
      res,
      'unit-minutes',
      () => ({
        title: `${t.commentNotSaved} – ${MINUTES_TEXTS[lang].minutesTitle} – ${view.body.heading}`,
        data: { t, ...view, closedMessage: closed ? t.commentsClosed : '', commented: false },
      }),
      closed ? 409 : 400,
    );
  }
}
