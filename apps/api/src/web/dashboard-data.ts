import { DataSource, In } from 'typeorm';
import { Meeting } from '@kierto/meetings';
import { ActionItem, Minutes, TopicProposal } from '@kierto/minutes';
import { PersonKind, RotationSlot, Unit, UnitBlackout } from '@kierto/network';
import { HostRecord, rotationStatus } from '@kierto/rotation';

/** The rows one series' overview is drawn from (the same as each domain service's list would give). */
export interface SeriesOverviewData {
  /** The series' meetings in time order (the first 200, as the meeting list gives them). */
  meetings: Meeting[];
  rotation: {
    unitId: string;
    unitName: string;
    active: boolean;
    hosted: number;
    owed: number;
  }[];
  blackouts: UnitBlackout[];
  /** The most overdue open items (OVERDUE_SHOWN), with the owner unit, oldest due date first. */
  overdue: (ActionItem & { ownerUnit?: Unit })[];
  /** How many open items are past their due date in all. */
  overdueTotal: number;
  /** Action items of the meetings the health charts show. */
  healthActions: ActionItem[];
  /** The newest minutes version's service user count, by meeting. */
  serviceUsers: Map<string, number>;
  pending: TopicProposal[];
}

/** Answers and delivery of a series' next confirmed meeting. */
export interface MeetingProgressData {
  counts: Record<PersonKind, { yes: number; no: number; maybe: number; none: number }>;
  jobs: Map<string, number>;
  failed: { name: string; reason: string }[];
}

const HEALTH_MEETINGS = 12;
const MEETINGS_SHOWN = 200;
const PENDING_SHOWN = 50;
/** The dashboard lists the most overdue items and counts the rest (the page stays small for 20 series). */
const OVERDUE_SHOWN = 10;

/**
 * Loads the dashboard's overviews for every series at once: one query per kind of row, whatever the
 * number of series (a coordinator of all twenty regions gets the same 7 queries as one of a single
 * region). The computing stays in dashboard-insights.ts.
 */
export async function loadOverviews(
  db: DataSource,
  seriesIds: string[],
  today: string,
  now = new Date(),
): Promise<Map<string, SeriesOverviewData>> {
  const out = new Map<string, SeriesOverviewData>();
  if (seriesIds.length === 0) return out;
  const [meetings, slots, blackouts, pending] = await Promise.all([
    db.getRepository(Meeting).find({
      where: { seriesId: In(seriesIds) },
      order: { startsAt: 'ASC', number: 'ASC' },
    }),
    db.getRepository(RotationSlot).find({
      where: { seriesId: In(seriesIds) },
      relations: { unit: true },
      order: { position: 'ASC' },
    }),
    db
      .getRepository(UnitBlackout)
      .createQueryBuilder('b')
      .where('b.unit_id IN (SELECT r.unit_id FROM rotation_slot r WHERE r.series_id = ANY(:ids))', {
        ids: seriesIds,
      })
      .orderBy('b.starts_on', 'ASC')
      .getMany(),
    db
      .getRepository(TopicProposal)
      .createQueryBuilder('p')
      .where(
        `p.id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY series_id ORDER BY created_at DESC) AS n
                                      FROM topic_proposal WHERE series_id = ANY(:ids) AND status = 'pending') x
                   WHERE n <= :shown)`,
        { ids: seriesIds, shown: PENDING_SHOWN },
      )
      .orderBy('p.created_at', 'DESC')
      .getMany(),
  ]);

  const bySeries = <T extends { seriesId: string }>(rows: T[], id: string) =>
    rows.filter((r) => r.seriesId === id);
  const healthMeetingIds: string[] = [];
  const meetingsOf = new Map<string, Meeting[]>();
  for (const id of seriesIds) {
    const own = bySeries(meetings, id);
    meetingsOf.set(id, own);
    healthMeetingIds.push(
      ...own
        .slice(0, MEETINGS_SHOWN)
        .filter((m) => m.localDate <= today)
        .slice(-HEALTH_MEETINGS)
        .map((m) => m.id),
    );
  }
  const [actions, minutes] = await Promise.all([
    db
      .getRepository(ActionItem)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.ownerUnit', 'u')
      .where('a.series_id = ANY(:ids)', { ids: seriesIds })
      .andWhere(
        `((a.status IN ('open', 'in_progress') AND a.due_date < :today) OR a.meeting_id = ANY(:meetings))`,
        { today, meetings: healthMeetingIds },
      )
      .orderBy('a.due_date', 'ASC', 'NULLS LAST')
      .addOrderBy('a.created_at', 'ASC')
      .getMany(),
    healthMeetingIds.length
      ? db
          .getRepository(Minutes)
          .createQueryBuilder('m')
          .distinctOn(['m.meeting_id'])
          .select(['m.id', 'm.meetingId', 'm.version', 'm.attendance'])
          .where('m.meeting_id = ANY(:ids)', { ids: healthMeetingIds })
          .orderBy('m.meeting_id')
          .addOrderBy('m.version', 'DESC')
          .getMany()
      : Promise.resolve([] as Minutes[]),
  ]);
  const serviceUsers = new Map(minutes.map((m) => [m.meetingId, m.attendance.serviceUserCount]));
  const health = new Set(healthMeetingIds);

  for (const id of seriesIds) {
    const own = meetingsOf.get(id) ?? [];
    const ownSlots = bySeries(slots, id) as (RotationSlot & { unit: Unit })[];
    const history: HostRecord[] = own
      .filter((m) => m.status === 'draft' || m.status === 'confirmed')
      .map((m) => ({ unitId: m.hostUnitId }));
    const rotationUnits = ownSlots.map((s) => ({ id: s.unitId, active: s.unit.active, credit: s.credit }));
    const status = rotationStatus(rotationUnits, history);
    // "Hosted" counts meetings that took place, as the rotation API does (RotationService.order).
    const held = rotationStatus(
      rotationUnits,
      own
        .filter((m) => m.status === 'confirmed' && m.endsAt.getTime() <= now.getTime())
        .map((m) => ({ unitId: m.hostUnitId })),
    );
    const units = new Set(ownSlots.map((s) => s.unitId));
    const ownActions = bySeries(actions, id);
    const overdue = ownActions.filter(
      (a) => (a.status === 'open' || a.status === 'in_progress') && !!a.dueDate && a.dueDate < today,
    );
    out.set(id, {
      meetings: own.slice(0, MEETINGS_SHOWN),
      rotation: ownSlots.map((s, i) => ({
        unitId: s.unitId,
        unitName: s.unit.name,
        active: s.unit.active,
        hosted: held[i].hosted,
        owed: status[i].owed,
      })),
      blackouts: blackouts.filter((b) => units.has(b.unitId)),
      overdue: overdue.slice(0, OVERDUE_SHOWN),
      overdueTotal: overdue.length,
      healthActions: ownActions.filter((a) => health.has(a.meetingId)),
      serviceUsers,
      pending: bySeries(pending, id),
    });
  }
  return out;
}

/** Answers by kind, mail by status and failed deliveries of the given meetings, in one query. */
export async function loadProgress(
  db: DataSource,
  meetingIds: string[],
): Promise<Map<string, MeetingProgressData>> {
  const out = new Map<string, MeetingProgressData>();
  if (meetingIds.length === 0) return out;
  const rows: { what: string; meeting_id: string; a: string | null; b: string | null; n: number }[] =
    await db.query(
      // Only invitations of active members count, as on the meeting's invitation list.
      `WITH inv AS (
         SELECT i.meeting_id, i.person_id, i.answer, p.kind, p.display_name
           FROM invitation i
           JOIN meeting m ON m.id = i.meeting_id
           JOIN series_membership sm ON sm.series_id = m.series_id AND sm.person_id = i.person_id AND sm.active
           JOIN person p ON p.id = i.person_id
          WHERE i.meeting_id = ANY($1::uuid[])
       )
       SELECT 'answer' AS what, meeting_id, kind AS a, coalesce(answer, 'none') AS b, count(*)::int AS n
         FROM inv GROUP BY meeting_id, kind, coalesce(answer, 'none')
       UNION ALL
       SELECT 'job', meeting_id, status, NULL, count(*)::int
         FROM mail_job WHERE meeting_id = ANY($1::uuid[]) GROUP BY meeting_id, status
       UNION ALL
       SELECT 'failed', j.meeting_id, inv.display_name, coalesce(j.last_error, ''), 1
         FROM mail_job j JOIN inv ON inv.meeting_id = j.meeting_id AND inv.person_id = j.person_id
        WHERE j.meeting_id = ANY($1::uuid[]) AND j.status = 'failed'`,
      [meetingIds],
    );
  const empty = () => ({ yes: 0, no: 0, maybe: 0, none: 0 });
  for (const id of meetingIds)
    out.set(id, {
      counts: { staff: empty(), service_user: empty(), guest: empty() },
      jobs: new Map(),
      failed: [],
    });
  for (const r of rows) {
    const p = out.get(r.meeting_id);
    if (!p) continue;
    if (r.what === 'answer') {
      const kind = p.counts[r.a as PersonKind];
      if (kind) kind[r.b as 'yes' | 'no' | 'maybe' | 'none'] += r.n;
    } else if (r.what === 'job') p.jobs.set(r.a as string, r.n);
    else p.failed.push({ name: r.a as string, reason: r.b as string });
  }
  const finnish = new Intl.Collator('fi');
  for (const p of out.values()) p.failed.sort((x, y) => finnish.compare(x.name, y.name));
  return out;
}
