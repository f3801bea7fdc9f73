import { Body, ConflictException, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import { Person } from '@kierto/network';
import { SeriesAccessGuard, SeriesScoped } from '../auth/series-access.guard';
import { DeclineProposalDto, ProposalService } from '@kierto/minutes';
import { fieldErrorsOf, FormBody, text, validated } from '../pages/meeting-forms';
import { MEETING_TEXTS, MeetingTexts } from '../pages/meeting-texts';
import { SETUP_TEXTS } from '../pages/setup-texts';
import { WebTexts } from '../pages/web-texts';
import { AccessPolicy } from '@kierto/access';
import { DeclineError } from './dashboard-insights.service';
import { DashboardService } from './dashboard.service';
import { WebController, WebPerson, WebSession } from './web.decorators';
import { WebPages } from './web-pages.service';
import { WebRequest } from './web-request';

/** The first page after login: the person's series and their next meetings. */
@WebController()
@WebSession()
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly pages: WebPages,
    private readonly proposals: ProposalService,
    private readonly policy: AccessPolicy,
  ) {}

  @Get()
  async home(
    @WebPerson() person: Person,
    @Query('confirmed') confirmed: string | undefined,
    @Query('done') done: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const key =
      done === 'proposal-accepted' || done === 'proposal-declined' || done === 'startedNoMeeting'
        ? (`done_${done}` as const)
        : null;
    await this.renderHome(req, res, person, (t, m) =>
      confirmed === '1' ? t.confirmedNotice : key ? m[key] : null,
    );
  }

  private renderHome(
    req: WebRequest,
    res: Response,
    person: Person,
    notice: (t: WebTexts, m: MeetingTexts) => string | null,
    declineError: ((m: MeetingTexts) => DeclineError) | null = null,
    status = 200,
    alert: { seriesId: string; message: (m: MeetingTexts) => string } | null = null,
  ) {
    return this.pages.send(
      req,
      res,
      'dashboard',
      async (t, lang) => {
        const m = MEETING_TEXTS[lang];
        const cards = await this.dashboard.forPerson(
          person,
          t,
          lang,
          declineError?.(m) ?? null,
          alert ? { seriesId: alert.seriesId, message: alert.message(m) } : null,
        );
        return {
          title: t.dashboardTitle,
          data: {
            ...cards,
            m,
            anySeries: cards.coordinated.length + cards.member.length > 0,
            homeUnitId: person.homeUnitId,
            notice: notice(t, m),
            setup: SETUP_TEXTS[lang],
            // Coordinators start new series in the browser (the guided setup).
            canCreateSeries: await this.policy.isCoordinator(person.id),
          },
        };
      },
      status,
    );
  }

  /**
   * Puts a waiting proposal on the next meeting's agenda (the proposer who asked is told). When no
   * meeting is coming (or the proposal was decided meanwhile) the dashboard says so in the series' card.
   */
  @Post('proposals/:proposalId/accept')
  @SeriesScoped('proposalId', 'proposal')
  @UseGuards(SeriesAccessGuard)
  async accept(
    @WebPerson() person: Person,
    @Param('proposalId') id: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    try {
      await this.proposals.accept(id, undefined, person.id);
    } catch (e) {
      if (!(e instanceof ConflictException)) throw e;
      const proposal = await this.proposals.get(id);
      const pending = proposal.status === 'pending';
      return this.renderHome(req, res, person, () => null, null, 409, {
        seriesId: proposal.seriesId,
        message: (m) => (pending ? `${proposal.title}: ${m.errNoComingMeeting}` : m.errConflict),
      });
    }
    res.redirect(303, '/?done=proposal-accepted');
  }

  /** Declines a waiting proposal with a reason; a reason too short shows the dashboard again with the error. */
  @Post('proposals/:proposalId/decline')
  @SeriesScoped('proposalId', 'proposal')
  @UseGuards(SeriesAccessGuard)
  async decline(
    @WebPerson() person: Person,
    @Param('proposalId') id: string,
    @Body() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const reason = text(body, 'reason');
    try {
      const dto = validated(DeclineProposalDto, { reason });
      await this.proposals.decline(id, dto.reason, person.id);
    } catch (e) {
      if (!fieldErrorsOf(e)) throw e;
      return this.renderHome(
        req,
        res,
        person,
        () => null,
        (m) => ({ proposalId: id, reason, message: m.errReason }),
        400,
      );
    }
    res.redirect(303, '/?done=proposal-declined');
  }

  /** Confirms the proposed meeting; the invitations are queued in the same transaction. */
  @Post('meetings/:meetingId/confirm')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  async confirm(
    @WebPerson() person: Person,
    @Param('meetingId') id: string,
    @Body() body: { back?: unknown },
    @Res() res: Response,
  ) {
    await this.dashboard.confirm(person, id);
    // From the meeting page, back to it; from the dashboard, back there.
    res.redirect(303, body?.back === 'meeting' ? `/meetings/${id}?done=confirmed#meeting` : '/?confirmed=1');
  }
}
