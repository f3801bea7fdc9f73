import { Body, ConflictException, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import { Person } from '@kierto/network';
import { SeriesAccessGuard, SeriesScoped } from '../auth/series-access.guard';
import { WebController, WebPerson, WebSession } from '../web/web.decorators';
import { WebPages } from '../web/web-pages.service';
import { WebRequest } from '../web/web-request';
import { FieldError, fieldErrorsOf, FormBody, formErrors } from './meeting-forms';
import { MeetingPageService, MeetingPageState } from './meeting-page.service';
import { MEETING_TEXTS, MeetingTexts } from './meeting-texts';
import { seriesCrumb } from './page-renderer';

/** Where each form sits on the page (the redirect's fragment). */
const SECTION: Record<string, string> = {
  cancel: 'meeting',
  move: 'meeting',
  merge: 'proposals',
  agenda: 'agenda',
  attendance: 'attendance',
  minutes: 'minutes',
  correction: 'minutes',
  action: 'actions',
};

/** Messages that differ per form for a field name more than one form uses. */
const FORM_OVERRIDES: Record<string, Partial<Record<string, keyof MeetingTexts>>> = {
  action: { title: 'errActionTitle' },
  merge: { agendaItem: 'errMergeTopic' },
};

/**
 * The coordinator's page of one meeting: the meeting, its agenda, attendance, minutes and action
 * items. Only coordinators of the meeting's series get it (others: 404). Every form posts here and
 * is redirected back (303) with a message; a 400 from a service shows the page again with the
 * input kept and the message next to the field, a 409 with a message at the top of the form.
 */
@WebController()
@WebSession()
export class MeetingPagesController {
  constructor(
    private readonly page: MeetingPageService,
    private readonly pages: WebPages,
  ) {}

  @Get('meetings/:meetingId')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  async show(
    @Param('meetingId') id: string,
    @Query('done') done: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await this.render(req, res, id, { done: typeof done === 'string' ? done : null });
  }

  @Post('meetings/:meetingId/cancel')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  cancel(
    @Param('meetingId') id: string,
    @Body() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, 'cancel', body, () => this.page.cancel(id, body));
  }

  /** Moves the meeting (day, time, length or host with a reason); a confirmed one is re-sent. */
  @Post('meetings/:meetingId/move')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  move(@Param('meetingId') id: string, @Body() body: FormBody, @Req() req: WebRequest, @Res() res: Response) {
    return this.act(req, res, id, 'move', body, () => this.page.move(id, body, req.person as Person));
  }

  /** Merges a waiting proposal into a topic of the meeting whose page the form is on. */
  @Post('proposals/:proposalId/merge')
  @SeriesScoped('proposalId', 'proposal')
  @UseGuards(SeriesAccessGuard)
  async merge(
    @Param('proposalId') proposalId: string,
    @Body() body: FormBody,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const meetingId = await this.page.mergeTarget(proposalId, body);
    return this.act(req, res, meetingId, `merge-${proposalId}`, body, () =>
      this.page.mergeProposal(meetingId, proposalId, body, me),
    );
  }

  @Post('meetings/:meetingId/agenda')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  addAgendaItem(
    @Param('meetingId') id: string,
    @Body() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, 'agenda-new', body, () => this.page.addAgendaItem(id, body));
  }

  @Post('meetings/:meetingId/agenda/:itemId')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  updateAgendaItem(
    @Param('meetingId') id: string,
    @Param('itemId') itemId: string,
    @Body() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, `agenda-${itemId}`, body, () =>
      this.page.updateAgendaItem(id, itemId, body),
    );
  }

  @Post('meetings/:meetingId/agenda/:itemId/remove')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  removeAgendaItem(
    @Param('meetingId') id: string,
    @Param('itemId') itemId: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, `agenda-${itemId}`, {}, () => this.page.removeAgendaItem(id, itemId));
  }

  @Post('meetings/:meetingId/agenda/:itemId/move')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  moveAgendaItem(
    @Param('meetingId') id: string,
    @Param('itemId') itemId: string,
    @Body() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, `agenda-${itemId}`, {}, () => this.page.moveAgendaItem(id, itemId, body));
  }

  @Post('meetings/:meetingId/attendance')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  attendance(
    @Param('meetingId') id: string,
    @Body() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, 'attendance', body, () => this.page.saveAttendance(id, body));
  }

  @Post('meetings/:meetingId/minutes')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  minutes(
    @Param('meetingId') id: string,
    @Body() body: FormBody,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, 'minutes', body, () => this.page.saveMinutes(id, body, me));
  }

  @Post('meetings/:meetingId/minutes/publish')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  publish(@Param('meetingId') id: string, @Req() req: WebRequest, @Res() res: Response) {
    return this.act(req, res, id, 'minutes', {}, () => this.page.publishMinutes(id));
  }

  @Post('meetings/:meetingId/minutes/correction')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  correct(
    @Param('meetingId') id: string,
    @Body() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, 'correction', body, () => this.page.correctMinutes(id, body));
  }

  @Post('meetings/:meetingId/action-items')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  addActionItem(
    @Param('meetingId') id: string,
    @Body() body: FormBody,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, 'action-new', body, () => this.page.addActionItem(id, body, me));
  }

  @Post('meetings/:meetingId/action-items/:actionItemId')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  updateActionItem(
    @Param('meetingId') id: string,
    @Param('actionItemId') actionItemId: string,
    @Body() body: FormBody,
    @WebPerson() me: Person,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    return this.act(req, res, id, `action-${actionItemId}`, body, () =>
      this.page.updateActionItem(id, actionItemId, body, me),
    );
  }

  /** Runs one change; back to the page with a message, or the page again with the form's errors. */
  private async act(
    req: WebRequest,
    res: Response,
    meetingId: string,
    form: string,
    body: FormBody,
    change: () => Promise<string>,
  ): Promise<void> {
    const section = SECTION[form.split('-')[0]] ?? 'main';
    let fields: FieldError[] | null;
    let conflict = '';
    try {
      const done = await change();
      return res.redirect(303, `/meetings/${meetingId}?done=${encodeURIComponent(done)}#${section}`);
    } catch (e) {
      fields = fieldErrorsOf(e);
      if (!fields && !(e instanceof ConflictException)) throw e;
      if (e instanceof ConflictException && isIdentityCodeConflict(e)) conflict = 'identity-code';
    }
    const status = fields ? 400 : 409;
    await this.render(
      req,
      res,
      meetingId,
      {
        form,
        input: body,
        errors: fields ? undefined : { '': conflict },
      },
      status,
      fields,
    );
  }

  private render(
    req: WebRequest,
    res: Response,
    meetingId: string,
    state: MeetingPageState,
    status = 200,
    fields: FieldError[] | null = null,
  ): Promise<void> {
    return this.pages.send(
      req,
      res,
      'meeting',
      async (_web, lang) => {
        const t: MeetingTexts = MEETING_TEXTS[lang];
        const errors = fields
          ? formErrors(fields, t, FORM_OVERRIDES[state.form?.split('-')[0] ?? ''] ?? {})
          : state.errors
            ? { '': state.errors[''] === 'identity-code' ? t.errIdentityCode : t.errConflict }
            : undefined;
        const data = await this.page.view(meetingId, (req.person as Person).id, t, lang, {
          ...state,
          errors,
        });
        return {
          title: `${t.meetingTitle} ${data.meeting.number} – ${data.meeting.seriesName}`,
          crumbs: [
            { label: data.meeting.seriesName, href: seriesCrumb(data.meeting.seriesId) },
            { label: `${t.meetingTitle} ${data.meeting.number}: ${data.meeting.date}`, href: null },
          ],
          data: { m: t, ...data },
        };
      },
      status,
    );
  }
}

/** The minutes' 409 for an identity code in the text (see MinutesService.requireNoIdentityCode). */
function isIdentityCodeConflict(e: ConflictException): boolean {
  const body = e.getResponse() as { errors?: { reasons?: string[] }[] };
  return Array.isArray(body?.errors) && body.errors.some((x) => x.reasons?.includes('identity-code'));
}
