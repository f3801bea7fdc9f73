import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, In, MoreThan } from 'typeorm';
import { AuditService } from '@kierto/access';
import { Clock, Meeting, MeetingService, moveFacts } from '@kierto/meetings';
import { explainMove } from '@kierto/rotation';
import { Language, Person, Series } from '@kierto/network';
import { MEETING_TEXTS } from '../pages/meeting-texts';
import { WebTexts } from '../pages/web-texts';
import { DashboardInsightsService, DeclineError } from './dashboard-insights.service';
import { loadOverviews, loadProgress, MeetingProgressData, SeriesOverviewData } from './dashboard-data';

export interface MeetingCard {
  id: string;
  /** The meeting page; coordinators only. */
  href: string | null;
  when: string;
  /** Why the meeting is not on its usual day or time, in the reader's language; '' when it is. */
  whyDate: string;
  hostName: string;
  streetAddress: string;
  status: 'draft' | 'confirmed';
  statusText: string;
  canConfirm: boolean;
  notInvitedYet: boolean;
  /** Answers and email delivery; only for the coordinators of a confirmed meeting. */
  progress: {
    yes: number;
    no: number;
    maybe: number;
    none: number;
    sent: number;
    waiting: number;
    failed: number;
  } | null;
}

export interface SeriesCard {
  id: string;
  name: string;
  meeting: MeetingCard | null;
  /** A message about a change that could not be made in this series (shown at the top of its card). */
  alert: string | null;
  /** The pages of the series a person may open from the card (settings, import, public form…). */
  links: { href: string; label: string }[];
  /** For coordinators of a series still in its guided setup: where the setup goes on. */
  setupHref: string | null;
  /** Coordinators' overview of the series (dashboard-insights.service.ts); null for members. */
  overview: ReturnType<DashboardInsightsService['overview']> | null;
}

const FORMATS: Record<Language, { locale: string; date: string; time: string; prefix: string }> = {
  fi: { locale: 'fi', date: 'cccc d.M.yyyy', time: 'H.mm', prefix: 'klo ' },
  sv: { locale: 'sv', date: 'cccc d.M.yyyy', time: 'H.mm', prefix: 'kl. ' },
  en: { locale: 'en-GB', date: 'cccc d LLLL yyyy', time: 'HH:mm', prefix: '' },
};

/** What a person sees first: their series and, for each, the next meeting and how the invitations are doing. */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly meetings: MeetingService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly insights: DashboardInsightsService,
  ) {}

  /**
   * Confirms a proposed meeting (MeetingService queues the invitations in its transaction) and
   * records who did it.
   */
  async confirm(person: Person, meetingId: string): Promise<void> {
    await this.meetings.confirm(meetingId);
    await this.audit.record({
      action: 'meeting-confirmed',
      actorPersonId: person.id,
      subject: `meeting:${meetingId}`,
    });
  }

  async forPerson(
    person: Person,
    t: WebTexts,
    lang: Language,
    declineError: DeclineError | null = null,
    alert: { seriesId: string; message: string } | null = null,
  ): Promise<{ coordinated: SeriesCard[]; member: SeriesCard[] }> {
    // Every query below covers all the person's series at once: the page costs the same for 1 series or 20.
    const rows: (Series & { coordinates: boolean })[] = await this.db
      .getRepository(Series)
      .createQueryBuilder('s')
      .addSelect(
        'EXISTS (SELECT 1 FROM series_coordinator c WHERE c.series_id = s.id AND c.person_id = :id)',
        's_coordinates',
      )
      .where(
        `(EXISTS (SELECT 1 FROM series_coordinator c WHERE c.series_id = s.id AND c.person_id = :id)
          OR EXISTS (SELECT 1 FROM series_membership m WHERE m.series_id = s.id AND m.person_id = :id AND m.active))`,
        { id: person.id },
      )
      .orderBy('s.name')
      .getRawAndEntities()
      .then(({ raw, entities }) =>
        entities.map((e) => {
          const r = (raw as { s_id: string; s_coordinates: boolean }[]).find((x) => x.s_id === e.id);
          return Object.assign(e, { coordinates: Boolean(r?.s_coordinates) });
        }),
      );
    const coordinated = rows.filter((s) => s.coordinates);
    const member = rows.filter((s) => !s.coordinates);
    const coordinatedIds = new Set(coordinated.map((s) => s.id));
    const upcoming = rows.length
      ? await this.db.getRepository(Meeting).find({
          where: {
            seriesId: In(rows.map((s) => s.id)),
            status: In(['draft', 'confirmed']),
            endsAt: MoreThan(this.clock.now()),
          },
          relations: { hostUnit: true },
          order: { startsAt: 'ASC' },
        })
      : [];
    // The next meeting that has not ended: a draft or a confirmed one for coordinators, confirmed ones for members.
    const next = new Map<string, Meeting>();
    for (const m of upcoming) {
      if (next.has(m.seriesId)) continue;
      if (m.status === 'confirmed' || coordinatedIds.has(m.seriesId)) next.set(m.seriesId, m);
    }
    const confirmedNext = coordinated
      .map((s) => next.get(s.id))
      .filter((m): m is Meeting => m?.status === 'confirmed')
      .map((m) => m.id);
    const [overviews, progress] = await Promise.all([
      loadOverviews(this.db, [...coordinatedIds], this.insights.today(), this.clock.now()),
      loadProgress(this.db, confirmedNext),
    ]);
    const withAlert = (card: SeriesCard): SeriesCard =>
      alert?.seriesId === card.id ? { ...card, alert: alert.message } : card;
    const card = (s: Series, coordinator: boolean) => {
      const meeting = next.get(s.id) ?? null;
      const overview = coordinator
        ? this.insights.overview(
            s,
            meeting,
            MEETING_TEXTS[lang],
            lang,
            declineError,
            overviews.get(s.id) as SeriesOverviewData,
            meeting ? (progress.get(meeting.id) ?? null) : null,
          )
        : null;
      return this.card(
        s,
        meeting,
        overview,
        coordinator,
        t,
        lang,
        meeting ? progress.get(meeting.id) : undefined,
      );
    };
    return {
      coordinated: coordinated.map((s) => withAlert(card(s, true))),
      member: member.map((s) => card(s, false)),
    };
  }

  private card(
    series: Series,
    meeting: Meeting | null,
    overview: SeriesCard['overview'],
    coordinator: boolean,
    t: WebTexts,
    lang: Language,
    progress: MeetingProgressData | undefined,
  ): SeriesCard {
    const links = this.links(series, coordinator, t);
    const setupHref = coordinator && !series.setupCompletedAt ? `/series/${series.id}/setup` : null;
    if (!meeting || meeting.status === 'cancelled')
      return { id: series.id, name: series.name, meeting: null, overview, alert: null, links, setupHref };
    const f = FORMATS[lang];
    const start = DateTime.fromJSDate(meeting.startsAt, { zone: series.timezone }).setLocale(f.locale);
    const end = DateTime.fromJSDate(meeting.endsAt, { zone: series.timezone }).setLocale(f.locale);
    const draft = meeting.status === 'draft';
    return {
      id: series.id,
      name: series.name,
      overview,
      alert: null,
      links,
      setupHref,
      meeting: {
        id: meeting.id,
        href: coordinator ? `/meetings/${meeting.id}` : null,
        when: `${start.toFormat(f.date)} ${f.prefix}${start.toFormat(f.time)}–${end.toFormat(f.time)}`,
        whyDate: explainMove(moveFacts(meeting), lang) ?? '',
        hostName: meeting.hostUnit?.name ?? '',
        streetAddress: meeting.hostUnit?.streetAddress ?? '',
        status: meeting.status,
        statusText: draft ? t.statusDraft : t.statusConfirmed,
        canConfirm: coordinator && draft,
        notInvitedYet: coordinator && draft,
        progress: coordinator && !draft && progress ? this.progress(progress) : null,
      },
    };
  }

  /**
   * Every page of the series, so none needs a typed address: coordinators get the settings, the
   * import, the public topic form and the printable notice; everyone the notice and the minutes.
   */
  private links(series: Series, coordinator: boolean, t: WebTexts): SeriesCard['links'] {
    const key = encodeURIComponent(series.proposalKey);
    return [
      ...(coordinator
        ? [
            { href: `/series/${series.id}/settings`, label: t.linkSettings },
            { href: `/series/${series.id}/import`, label: t.linkImport },
            { href: `/s/${key}`, label: t.linkPublicForm },
          ]
        : []),
      { href: `/s/${key}/notice`, label: t.linkNotice },
      { href: `/series/${series.id}/minutes`, label: t.linkMinutes },
    ];
  }

  private progress(p: MeetingProgressData): NonNullable<MeetingCard['progress']> {
    const sum = (k: 'yes' | 'no' | 'maybe' | 'none') =>
      p.counts.staff[k] + p.counts.service_user[k] + p.counts.guest[k];
    const n = (...statuses: string[]) => statuses.reduce((a, st) => a + (p.jobs.get(st) ?? 0), 0);
    return {
      yes: sum('yes'),
      no: sum('no'),
      maybe: sum('maybe'),
      none: sum('none'),
      sent: n('sent'),
      waiting: n('queued', 'sending', 'retrying'),
      failed: n('failed'),
    };
  }
}
