import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Meeting } from '@kierto/meetings';
import { ActionItem, ActionItemService } from '@kierto/minutes';
import { Language, PersonKind, Series } from '@kierto/network';
import { MeetingProgressData, SeriesOverviewData } from './dashboard-data';
import { fill, MeetingTexts } from '../pages/meeting-texts';
import { barChart, HealthMeeting, practiceHealth, timelineLayout } from './dashboard-insights';
import { DATE_LOCALES } from '../pages/web-texts';

const KINDS: PersonKind[] = ['staff', 'service_user', 'guest'];

/** Kept input and the message of a decline form that did not pass. */
export interface DeclineError {
  proposalId: string;
  reason: string;
  message: string;
}

/**
 * The coordinator's overview of one series: invitations and answers by kind, delivery problems,
 * the rotation timeline, proposals waiting, late action items and the health of the practice.
 * Shapes the rows loadOverviews gathered; the computing is in dashboard-insights.ts (pure, unit-tested).
 */
@Injectable()
export class DashboardInsightsService {
  constructor(private readonly actions: ActionItemService) {}

  /** Today in Helsinki, as the action item lists count overdue items. */
  today(): string {
    return this.actions.today();
  }

  /** `data` and `progressData` come from loadOverviews and loadProgress (dashboard-data.ts), for all series at once. */
  overview(
    series: Series,
    next: Meeting | null,
    t: MeetingTexts,
    lang: Language,
    declineError: DeclineError | null,
    data: SeriesOverviewData,
    progressData: MeetingProgressData | null,
  ) {
    const day = (iso: string) => DateTime.fromISO(iso).setLocale(DATE_LOCALES[lang]).toFormat('d.M.yyyy');
    const today = this.actions.today();
    const { meetings, rotation, blackouts } = data;

    // Invitations and answers by kind, and email that failed, for a confirmed next meeting.
    let progress: { rows: object[]; problems: { name: string; reason: string }[] } | null = null;
    if (next?.status === 'confirmed' && progressData) {
      progress = {
        rows: KINDS.map((k) => ({ kind: t[`kind_${k}`], ...progressData.counts[k] })),
        problems: progressData.failed,
      };
    }

    // The rotation timeline.
    const timelineFrom = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
    const layout = timelineLayout(
      rotation.map((r) => ({ id: r.unitId, name: r.unitName, owed: r.owed, active: r.active })),
      // The last two years and what is ahead: ten years of monthly meetings would not fit a phone.
      meetings
        .filter((m) => m.localDate >= timelineFrom)
        .map((m) => ({ hostUnitId: m.hostUnitId, localDate: m.localDate, status: m.status })),
      blackouts,
      today,
      t.monthNames.split(','),
    );
    const hosted = (unitId: string) =>
      meetings.filter((m) => m.hostUnitId === unitId && m.status !== 'cancelled');
    const timelineRows = rotation.map((r) => {
      const own = hosted(r.unitId);
      const past = own.filter((m) => m.localDate <= today);
      const coming = own.find((m) => m.localDate > today);
      return {
        name: r.unitName,
        hosted: r.hosted,
        last: past.length ? day(past[past.length - 1].localDate) : '–',
        next: coming ? day(coming.localDate) : '–',
        owed: r.owed,
        blackouts:
          blackouts
            .filter((b) => b.unitId === r.unitId && b.endsOn >= today)
            .map((b) => `${day(b.startsOn)}–${day(b.endsOn)}`)
            .join(', ') || '–',
      };
    });

    // Health over the last 12 meetings.
    const byMeeting = new Map<string, ActionItem[]>();
    for (const a of data.healthActions)
      byMeeting.set(a.meetingId, [...(byMeeting.get(a.meetingId) ?? []), a]);
    const pastMeetings = meetings.filter((m) => m.localDate <= today).slice(-12);
    const healthInput: HealthMeeting[] = pastMeetings.map((m) => ({
      id: m.id,
      number: m.number,
      localDate: m.localDate,
      status: m.status,
      ruleDate: m.rotationNote?.ruleDate ?? null,
      movedForHoliday: m.rotationNote?.movedForHoliday.length ?? 0,
      movedForNoHost: m.rotationNote?.movedForNoHost.length ?? 0,
      serviceUsers: data.serviceUsers.get(m.id) ?? null,
      actions: (byMeeting.get(m.id) ?? []).map((a) => ({
        dueDate: a.dueDate,
        status: a.status,
        closedOn: a.closedAt ? DateTime.fromJSDate(a.closedAt, { zone: series.timezone }).toISODate() : null,
      })),
    }));
    const health = practiceHealth(healthInput, today);
    const boxes = health.rows.map((r, i) => ({
      x: i * 20 + 2,
      on: r.onSchedule,
      cancelled: r.cancelled,
      x2: i * 20 + 18,
    }));
    const pct = (r: (typeof health.rows)[number]) =>
      r.actionsCounted ? Math.round((100 * r.actionsOnTime) / r.actionsCounted) : null;

    return {
      seriesId: series.id,
      headingId: `dash-${series.id}`,
      progress,
      timeline: {
        ...layout,
        titleId: `dash-tl-title-${series.id}`,
        descId: `dash-tl-desc-${series.id}`,
        rowsText: timelineRows,
        rowsSvg: layout.rows.map((r) => ({
          ...r,
          blackouts: r.blackouts.map((b) => ({ ...b, y: r.y + 4, height: 22 })),
          past: r.past.map((p) => ({ ...p, cy: r.cy })),
          next: r.next.map((p) => ({ ...p, cy: r.cy })),
          textY: r.cy + 4,
          lineX2: layout.width - 10,
          label: r.owed > 0 ? `${r.name} (${t.owes} ${r.owed})` : r.name,
        })),
        todayLabelX: layout.todayX + 3,
      },
      proposals: data.pending.map((p) => ({
        id: p.id,
        title: p.title,
        description: p.description ?? '',
        anonymous: p.anonymous,
        date: day(DateTime.fromJSDate(p.createdAt).toISODate() as string),
        reason: declineError?.proposalId === p.id ? declineError.reason : '',
        error: declineError?.proposalId === p.id ? declineError.message : '',
      })),
      overdueMore:
        data.overdueTotal > data.overdue.length
          ? fill(t.overdueMore, { n: data.overdueTotal - data.overdue.length })
          : '',
      overdue: data.overdue.map((a) => ({
        title: a.title,
        owner: a.ownerUnit?.name ?? '',
        due: a.dueDate ? day(a.dueDate) : '',
        meetingHref: `/meetings/${a.meetingId}#actions`,
      })),
      health: {
        any: health.meetings > 0,
        ids: {
          schedule: `dash-h1-${series.id}`,
          users: `dash-h2-${series.id}`,
          actions: `dash-h3-${series.id}`,
        },
        onScheduleText: fill(t.onScheduleSummary, { n: health.onSchedule, total: health.meetings }),
        scheduleWidth: 240,
        boxes,
        serviceUsersText:
          health.serviceUsersAverage === null
            ? t.serviceUsersNoData
            : fill(t.serviceUsersSummary, { n: health.serviceUsersAverage }),
        serviceUsersChart: barChart(
          health.rows.map((r) => r.serviceUsers),
          { width: 240, height: 80, slots: 12 },
        ),
        actionsText: health.actionsCounted
          ? fill(t.actionsSummary, { n: health.actionsOnTime, total: health.actionsCounted })
          : t.actionsNoData,
        actionsChart: barChart(health.rows.map(pct), {
          width: 240,
          height: 80,
          max: 100,
          suffix: '%',
          slots: 12,
        }),
        rows: health.rows.map((r) => ({
          label: `${r.number}. ${day(r.localDate)}`,
          href: `/meetings/${r.id}`,
          onSchedule: r.cancelled ? t.cancelledShort : r.onSchedule ? t.yes : t.no,
          serviceUsers: r.serviceUsers ?? '–',
          actions: r.actionsCounted ? `${r.actionsOnTime} / ${r.actionsCounted}` : '–',
        })),
      },
    };
  }
}
