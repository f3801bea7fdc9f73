import { HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RsvpService, RsvpView } from '@kierto/mail';
import { Clock, MeetingService } from '@kierto/meetings';
import { ActionItemService, FeedbackService, MinutesService, ProposalService } from '@kierto/minutes';
import { Language, SeriesMembership, UnitService } from '@kierto/network';
import { ME_TEXTS } from './me-texts';
import { MINUTES_TEXTS } from './minutes-texts';
import { meetingTime, minutesBody, shortDate } from './unit-minutes-view';

export interface ProposalForm {
  title: string;
  description: string;
  notify: boolean;
  anonymous: boolean;
}

/**
 * A service user's own pages, opened with the personal link of their invitation (the RSVP token:
 * invitation → meeting → series and person). The link shows that person's series and nothing else,
 * and stops working when they leave the series. No account, no session.
 */
@Injectable()
export class MePagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rsvp: RsvpService,
    private readonly feedback: FeedbackService,
    private readonly proposals: ProposalService,
    private readonly minutes: MinutesService,
    private readonly actions: ActionItemService,
    private readonly meetings: MeetingService,
    private readonly units: UnitService,
    private readonly clock: Clock,
  ) {}

  /** The link's person and series; 404 for an unknown link or a person no longer in the series. */
  async resolve(token: string): Promise<RsvpView> {
    const view = await this.rsvp.view(token);
    const member = await this.db.getRepository(SeriesMembership).exists({
      where: { seriesId: view.series.id, personId: view.person.id, active: true },
    });
    if (!member) throw new NotFoundException('This link does not work any more');
    return view;
  }

  /** The next meeting with the person's answer (from their invitation), and what they can do. */
  async home(link: RsvpView, token: string, lang: Language) {
    const t = ME_TEXTS[lang];
    const now = this.clock.now();
    const base = `/p/${token}`;
    const invited = link.meeting.endsAt > now ? link.meeting : null;
    let next: object | null = null;
    if (invited) {
      const answer = link.invitation.answer;
      next = {
        when: meetingTime(invited, link.series.timezone, lang),
        hostName: link.host.name,
        streetAddress: link.host.streetAddress,
        accessibilityNotes: link.host.accessibilityNotes ?? '',
        cancelled: invited.status === 'cancelled',
        rsvp: true,
        answerText: answer ? t[`answer_${answer}`] : '',
        rsvpHref: `/rsvp/${token}`,
      };
    } else {
      const coming = (await this.feedback.view(link.series.id)).nextMeeting;
      if (coming)
        next = {
          when: meetingTime(coming.meeting, link.series.timezone, lang),
          hostName: coming.host.name,
          streetAddress: coming.host.streetAddress,
          accessibilityNotes: coming.host.accessibilityNotes ?? '',
          cancelled: false,
          rsvp: false,
          answerText: '',
          rsvpHref: '',
        };
    }
    return {
      name: link.person.displayName,
      seriesName: link.series.name,
      next,
      links: {
        propose: `${base}/propose`,
        minutes: `${base}/minutes`,
        feedback: `${base}/you-said-we-did`,
      },
    };
  }

  /** A named proposal (the person, "tell me" as asked) or an anonymous one that records nobody. */
  async propose(link: RsvpView, form: ProposalForm): Promise<'named' | 'anonymous'> {
    if (form.anonymous) {
      // The same path as the series' public form: no person, no address, the hourly series limit.
      const key = await this.proposals.keyOf(link.series.id);
      await this.proposals.createAnonymous(key, form.title, form.description || null);
      return 'anonymous';
    }
    await this.proposals.create(link.series.id, {
      title: form.title,
      description: form.description || null,
      proposerId: link.person.id,
      notifyProposer: form.notify,
    });
    return 'named';
  }

  static isTooMany(e: unknown): boolean {
    return e instanceof HttpException && e.getStatus() === 429;
  }

  /** Published minutes of the link's series, newest first. */
  async minutesList(link: RsvpView, token: string, lang: Language) {
    const mt = MINUTES_TEXTS[lang];
    const page = await this.minutes.archive(link.series.id, { limit: 100, offset: 0 });
    const entries = [];
    for (const e of page.items) {
      const host = await this.units.get(e.meeting.hostUnitId);
      entries.push({
        href: `/p/${token}/minutes/${e.minutes.id}`,
        label: `${e.meeting.number}. ${mt.meetingNo} · ${shortDate(e.meeting.localDate, lang)} · ${host.name}`,
      });
    }
    return { seriesName: link.series.name, entries };
  }

  /** One published version of the series' minutes; anything else (another series, a draft) is a 404. */
  async minutesOne(link: RsvpView, minutesId: string, lang: Language) {
    const minutes = await this.minutes.get(minutesId);
    if (minutes.seriesId !== link.series.id || minutes.status !== 'published')
      throw new NotFoundException(`No minutes ${minutesId}`);
    const meeting = await this.meetings.get(minutes.meetingId);
    const host = await this.units.get(meeting.hostUnitId);
    const actions = await this.actions.list({ meetingId: meeting.id }, { limit: 200, offset: 0 });
    return {
      seriesName: link.series.name,
      body: minutesBody({ minutes, meeting, hostName: host.name, actions: actions.items }, lang),
    };
  }

  /** "You said, we did" of the link's series. */
  async feedbackView(link: RsvpView, lang: Language) {
    const mt = MINUTES_TEXTS[lang];
    const view = await this.feedback.view(link.series.id);
    return {
      seriesName: link.series.name,
      items: view.items.map((i) => ({
        title: i.title,
        status: i.status,
        statusText: mt[`status_${i.status}`],
        publicOutcome: i.publicOutcome ?? '',
        raisedOn: shortDate(i.raisedOn, lang),
      })),
    };
  }
}
