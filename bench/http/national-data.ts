/**
 * The national data set, written straight through the schema in SQL (multi-row inserts), deterministic
 * for a seed: series (regions) with their units and rotation, people and memberships, ten years of
 * monthly meetings with agendas, published minutes of 2–4 kB of Finnish text, action items,
 * proposals, the next meeting's invitations and the search index. Used by `npm run bench:http`,
 * `npm run bench:fanout` and, at a small scale, by test/query-counts.e2e-spec.ts.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { FinnishAnalyzer } from '@kierto/search/finnish-analyzer';
import { documentVector } from '@kierto/search/text-search';
import {
  ACTION_TITLES,
  between,
  FIRST_NAMES,
  LAST_NAMES,
  OUTCOMES,
  paragraph,
  pick,
  prng,
  Random,
  REGIONS,
  TOPICS,
  UNIT_KINDS,
  uuid,
} from './finnish-text';

export interface NationalScale {
  series: number;
  unitsPerSeries: number;
  people: number;
  meetingsPerSeries: number;
  agendaItemsPerMeeting: number;
  actionItems: number;
  proposals: number;
}

/** The issue's data set: 20 regions, 120 units, 4,000 people, 2,400 meetings, 15,000 action items, 5,000 proposals. */
export const NATIONAL: NationalScale = {
  series: 20,
  unitsPerSeries: 6,
  people: 4000,
  meetingsPerSeries: 120,
  agendaItemsPerMeeting: 8,
  actionItems: 15000,
  proposals: 5000,
};

/** The data set with `factor` times the series, people, action items and proposals (ten years of meetings each). */
export function scaled(factor: number, base = NATIONAL): NationalScale {
  const f = (x: number, min: number) => Math.max(min, Math.round(x * factor));
  return {
    ...base,
    series: f(base.series, 2),
    people: f(base.people, 40),
    actionItems: f(base.actionItems, 20),
    proposals: f(base.proposals, 10),
  };
}

export interface Caller {
  personId: string;
  /** `Authorization: Bearer …` value. */
  auth: string;
  /** The value of the `kierto_session` cookie. */
  session: string;
}

export interface SeededSeries {
  id: string;
  unitIds: string[];
  coordinator: Caller;
  /** The next confirmed meeting (invitations sent). */
  nextMeetingId: string;
  /** The draft after it, to confirm. */
  draftMeetingId: string;
  memberIds: string[];
}

export interface NationalData {
  series: SeededSeries[];
  /** Coordinates every series. */
  national: Caller;
  counts: Record<string, number>;
}

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

interface Column {
  name: string;
  type: string;
  /** SQL over the unnested column `v` (default `v`). */
  expr?: string;
}

/** Inserts rows as one `INSERT … SELECT FROM unnest(…)` per chunk: one round trip per 5,000 rows. */
async function insert(db: Queryable, table: string, columns: Column[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000);
    const arrays = columns.map((_, i) => chunk.map((r) => r[i] ?? null));
    const selects = columns.map((c, i) => (c.expr ?? 'v').replace(/\bv\b/g, `u.c${i}`));
    await db.query(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')})
       SELECT ${selects.join(', ')}
         FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})
              AS u(${columns.map((_, i) => `c${i}`).join(', ')})`,
      arrays,
    );
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const iso = (d: Date) => d.toISOString();

/** A caller's token and session id, derived from the seed so that a run can be repeated. */
function caller(r: Random, personId: string): Caller {
  const raw = Array.from({ length: 43 }, () =>
    pick(r, [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789']),
  ).join('');
  return { personId, auth: `Bearer kt_${raw}`, session: raw.split('').reverse().join('') };
}

/**
 * Writes the data set. `prefix` keeps unit names and addresses apart when a database gets more than
 * one set; `now` decides which meetings are past.
 */
export async function seedNational(
  db: Queryable,
  scale: NationalScale,
  options: { prefix?: string; seed?: number; now?: Date; analyzer?: FinnishAnalyzer } = {},
): Promise<NationalData> {
  const prefix = options.prefix ?? 'n';
  const r = prng(options.seed ?? 14);
  const now = options.now ?? new Date();
  const analyzer = options.analyzer;
  const zone = 'Europe/Helsinki';

  // Series, units, rotation.
  const series: SeededSeries[] = [];
  const unitRows: unknown[][] = [];
  const seriesRows: unknown[][] = [];
  const slotRows: unknown[][] = [];
  for (let s = 0; s < scale.series; s++) {
    const region = `${REGIONS[s % REGIONS.length]}${s >= REGIONS.length ? ` ${Math.floor(s / REGIONS.length) + 1}` : ''}`;
    const id = uuid(r);
    seriesRows.push([id, `Kiertävä kokous, ${region}`]);
    const unitIds: string[] = [];
    for (let u = 0; u < scale.unitsPerSeries; u++) {
      const unitId = uuid(r);
      unitIds.push(unitId);
      unitRows.push([
        unitId,
        `${UNIT_KINDS[u % UNIT_KINDS.length]} ${region} ${prefix}${s}-${u}`,
        `Esimerkkikatu ${u + 1}, ${region}`,
        u % 3 === 0 ? 'Esteetön sisäänkäynti pihan puolelta, induktiosilmukka.' : null,
      ]);
      slotRows.push([id, unitId, u]);
    }
    series.push({
      id,
      unitIds,
      coordinator: null as unknown as Caller,
      nextMeetingId: '',
      draftMeetingId: '',
      memberIds: [],
    });
  }
  await insert(
    db,
    'unit',
    [
      { name: 'id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'street_address', type: 'text' },
      { name: 'accessibility_notes', type: 'text' },
    ],
    unitRows,
  );
  await insert(
    db,
    'series',
    [
      { name: 'id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'cadence_months', type: 'int', expr: '1' },
      { name: 'day_rule_nth', type: 'int', expr: '2' },
      { name: 'day_rule_weekday', type: 'int', expr: '2' },
      { name: 'start_time', type: 'text', expr: `'14:00'` },
      { name: 'duration_minutes', type: 'int', expr: '120' },
    ],
    seriesRows.map((row) => [...row, null, null, null, null, null]),
  );
  await insert(
    db,
    'rotation_slot',
    [
      { name: 'series_id', type: 'uuid' },
      { name: 'unit_id', type: 'uuid' },
      { name: 'position', type: 'int' },
    ],
    slotRows,
  );

  // People: coordinators (one per series and one national), members.
  const personRows: unknown[][] = [];
  const callers: Caller[] = [];
  const staffOf = new Map<string, string[]>();
  const addPerson = (
    id: string,
    name: string,
    kind: string,
    email: string | null,
    homeUnit: string | null,
    consent: boolean,
  ) =>
    personRows.push([
      id,
      name,
      email,
      email,
      kind,
      homeUnit,
      consent ? '2026-01-15' : null,
      consent ? 'written' : null,
    ]);
  for (const [s, sr] of series.entries()) {
    const id = uuid(r);
    addPerson(
      id,
      `Koordinaattori ${s + 1}`,
      'staff',
      `koordinaattori${s}@${prefix}.example.invalid`,
      sr.unitIds[0],
      false,
    );
    sr.coordinator = caller(r, id);
    callers.push(sr.coordinator);
  }
  const nationalId = uuid(r);
  addPerson(
    nationalId,
    'Valtakunnallinen koordinaattori',
    'staff',
    `valtakunnallinen@${prefix}.example.invalid`,
    null,
    false,
  );
  const national = caller(r, nationalId);
  callers.push(national);

  const membershipRows: unknown[][] = [];
  const memberKind = new Map<string, string>();
  for (let p = 0; p < scale.people; p++) {
    const s = p % scale.series;
    const sr = series[s];
    const id = uuid(r);
    const roll = r();
    const kind = roll < 0.55 ? 'staff' : roll < 0.95 ? 'service_user' : 'guest';
    const hasEmail = r() < 0.9;
    const name =
      kind === 'service_user'
        ? `Asiakas ${p + 1}`
        : `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)} ${p + 1}`;
    addPerson(
      id,
      name,
      kind,
      hasEmail ? `henkilo${p}@${prefix}.example.invalid` : null,
      kind === 'guest' ? null : pick(r, sr.unitIds),
      kind === 'service_user' && hasEmail && r() < 0.8,
    );
    memberKind.set(id, kind);
    membershipRows.push([sr.id, id]);
    sr.memberIds.push(id);
    if (kind === 'staff') staffOf.set(sr.id, [...(staffOf.get(sr.id) ?? []), id]);
    if (r() < 0.1 && scale.series > 1) {
      const other = series[(s + 1 + Math.floor(r() * (scale.series - 1))) % scale.series];
      membershipRows.push([other.id, id]);
      other.memberIds.push(id);
    }
  }
  await insert(
    db,
    'person',
    [
      { name: 'id', type: 'uuid' },
      { name: 'display_name', type: 'text' },
      { name: 'email', type: 'text' },
      { name: 'email_normalized', type: 'text' },
      { name: 'kind', type: 'text' },
      { name: 'home_unit_id', type: 'uuid' },
      { name: 'email_consent_at', type: 'date' },
      { name: 'email_consent_method', type: 'text' },
    ],
    personRows,
  );
  await insert(
    db,
    'series_membership',
    [
      { name: 'series_id', type: 'uuid' },
      { name: 'person_id', type: 'uuid' },
    ],
    membershipRows,
  );
  await insert(
    db,
    'coordinator_grant',
    [{ name: 'person_id', type: 'uuid' }],
    callers.map((c) => [c.personId]),
  );
  await insert(
    db,
    'series_coordinator',
    [
      { name: 'series_id', type: 'uuid' },
      { name: 'person_id', type: 'uuid' },
    ],
    series.flatMap((s) => [
      [s.id, s.coordinator.personId],
      [s.id, national.personId],
    ]),
  );
  await insert(
    db,
    'api_token',
    [
      { name: 'person_id', type: 'uuid' },
      { name: 'token_hash', type: 'text' },
      { name: 'name', type: 'text', expr: `'bench'` },
      { name: 'expires_at', type: 'timestamptz', expr: `now() + interval '90 days'` },
    ],
    callers.map((c) => [c.personId, sha256(c.auth.slice('Bearer '.length)), null, null]),
  );
  await insert(
    db,
    'web_session',
    [
      { name: 'id_hash', type: 'text' },
      { name: 'person_id', type: 'uuid' },
      // Sessions and tokens run on the database's clock, whatever `now` the data is built for.
      { name: 'expires_at', type: 'timestamptz', expr: `now() + interval '30 days'` },
    ],
    callers.map((c) => [sha256(c.session), c.personId, null]),
  );

  // Meetings: monthly on the second Tuesday at 14:00, the last two ahead (one confirmed, one draft).
  const meetingRows: unknown[][] = [];
  const past: { id: string; seriesId: string; unitIds: string[]; startsAt: Date; number: number }[] = [];
  const nowMonth = DateTime.fromJSDate(now, { zone }).startOf('month');
  for (const sr of series) {
    for (let i = 0; i < scale.meetingsPerSeries; i++) {
      const month = nowMonth.plus({ months: i - (scale.meetingsPerSeries - 3) });
      let day = month.set({ hour: 14 });
      while (day.weekday !== 2) day = day.plus({ days: 1 });
      day = day.plus({ weeks: 1 });
      const startsAt = day.toJSDate();
      const id = uuid(r);
      const ahead = startsAt > now;
      const isDraft = i === scale.meetingsPerSeries - 1;
      const cancelled = !ahead && r() < 0.02;
      const status = isDraft ? 'draft' : cancelled ? 'cancelled' : 'confirmed';
      if (ahead && !isDraft && !sr.nextMeetingId) sr.nextMeetingId = id;
      if (isDraft) sr.draftMeetingId = id;
      meetingRows.push([
        id,
        sr.id,
        i + 1,
        status,
        iso(startsAt),
        iso(new Date(startsAt.getTime() + 2 * 3600_000)),
        day.toISODate(),
        sr.unitIds[i % sr.unitIds.length],
        `${id}@kierto`,
        isDraft ? null : iso(new Date(startsAt.getTime() - 30 * 86_400_000)),
        cancelled ? iso(new Date(startsAt.getTime() - 86_400_000)) : null,
        JSON.stringify({ ruleDate: day.toISODate(), movedForHoliday: [], movedForNoHost: [], skipped: [] }),
        day.toISODate(),
        day.toFormat('yyyy-MM'),
      ]);
      if (!ahead && !cancelled)
        past.push({ id, seriesId: sr.id, unitIds: sr.unitIds, startsAt, number: i + 1 });
    }
  }
  await insert(
    db,
    'meeting',
    [
      { name: 'id', type: 'uuid' },
      { name: 'series_id', type: 'uuid' },
      { name: 'number', type: 'int' },
      { name: 'status', type: 'text' },
      { name: 'starts_at', type: 'timestamptz' },
      { name: 'ends_at', type: 'timestamptz' },
      { name: 'local_date', type: 'date' },
      { name: 'host_unit_id', type: 'uuid' },
      { name: 'ical_uid', type: 'text' },
      { name: 'confirmed_at', type: 'timestamptz' },
      { name: 'cancelled_at', type: 'timestamptz' },
      { name: 'rotation_note', type: 'text', expr: 'v::jsonb' },
      { name: 'rule_date', type: 'date' },
      { name: 'cycle_month', type: 'text' },
    ],
    meetingRows,
  );

  // Agendas and published minutes of the past meetings; the search index of both.
  const agendaRows: unknown[][] = [];
  const minutesRows: unknown[][] = [];
  const searchRows: unknown[][] = [];
  const topicsOf = new Map<string, string[]>();
  const index = (
    seriesId: string,
    meetingId: string,
    kind: string,
    refId: string,
    title: string,
    body: string,
  ) =>
    searchRows.push([
      seriesId,
      meetingId,
      kind,
      refId,
      title,
      body,
      analyzer?.available ? documentVector(analyzer, title, body) : null,
    ]);
  for (const m of past) {
    const items: { agendaItemId: string; title: string; notes: string; decisions: string }[] = [];
    const topicIds: string[] = [];
    const budget = between(r, 2000, 4000);
    for (let a = 0; a < scale.agendaItemsPerMeeting; a++) {
      const id = uuid(r);
      const kind = a === 0 ? 'review' : a < 3 ? 'standing' : 'topic';
      const title =
        kind === 'review' ? 'Avoimien toimenpiteiden katsaus' : TOPICS[(m.number + a) % TOPICS.length];
      const description = kind === 'review' ? null : paragraph(r, between(r, 80, 200));
      agendaRows.push([id, m.id, a, kind, title, description]);
      if (kind === 'review') continue;
      topicIds.push(id);
      index(m.seriesId, m.id, 'agenda_item', id, title, description ?? '');
      items.push({
        agendaItemId: id,
        title,
        notes: paragraph(r, Math.round(budget / (scale.agendaItemsPerMeeting - 1))),
        decisions: r() < 0.5 ? paragraph(r, 60) : '',
      });
    }
    topicsOf.set(m.id, topicIds);
    const minutesId = uuid(r);
    const published = new Date(m.startsAt.getTime() + 10 * 86_400_000);
    const attendance = {
      staff: [
        {
          personId: series.find((s) => s.id === m.seriesId)!.coordinator.personId,
          name: 'Koordinaattori',
          unit: null,
        },
      ],
      guests: [],
      namedServiceUsers: [],
      serviceUserCount: between(r, 1, 9),
    };
    minutesRows.push([
      minutesId,
      m.id,
      m.seriesId,
      JSON.stringify(items),
      JSON.stringify(attendance),
      iso(new Date(m.startsAt.getTime() + 2 * 86_400_000)),
      iso(new Date(m.startsAt.getTime() + 9 * 86_400_000)),
      iso(published > now ? now : published),
    ]);
    index(
      m.seriesId,
      m.id,
      'minutes',
      minutesId,
      `Pöytäkirja, ${m.number}. kokous`,
      items.map((i) => [i.title, i.notes, i.decisions].filter(Boolean).join('\n')).join('\n\n'),
    );
  }
  await insert(
    db,
    'agenda_item',
    [
      { name: 'id', type: 'uuid' },
      { name: 'meeting_id', type: 'uuid' },
      { name: 'position', type: 'int' },
      { name: 'kind', type: 'text' },
      { name: 'title', type: 'text' },
      { name: 'description', type: 'text' },
    ],
    agendaRows,
  );
  await insert(
    db,
    'minutes',
    [
      { name: 'id', type: 'uuid' },
      { name: 'meeting_id', type: 'uuid' },
      { name: 'series_id', type: 'uuid' },
      { name: 'items', type: 'text', expr: 'v::jsonb' },
      { name: 'attendance', type: 'text', expr: 'v::jsonb' },
      { name: 'circulated_at', type: 'timestamptz' },
      { name: 'approved_at', type: 'timestamptz' },
      { name: 'published_at', type: 'timestamptz' },
      { name: 'version', type: 'int', expr: '1' },
      { name: 'status', type: 'text', expr: `'published'` },
      { name: 'approved_by', type: 'text', expr: `'coordinator'` },
    ],
    minutesRows.map((row) => [...row, null, null, null]),
  );

  // Action items, spread over the past meetings.
  const actionRows: unknown[][] = [];
  const today = DateTime.fromJSDate(now, { zone }).toISODate() as string;
  for (let i = 0; i < scale.actionItems && past.length; i++) {
    const m = pick(r, past);
    const due = DateTime.fromJSDate(m.startsAt, { zone }).plus({ days: between(r, 20, 120) });
    const overdue = (due.toISODate() as string) < today;
    const roll = r();
    const status = overdue
      ? roll < 0.7
        ? 'done'
        : roll < 0.8
          ? 'dropped'
          : roll < 0.9
            ? 'open'
            : 'in_progress'
      : roll < 0.6
        ? 'open'
        : 'in_progress';
    const raisedRoll = r();
    const raisedBy = raisedRoll < 0.35 ? 'service_user' : raisedRoll < 0.75 ? 'unit' : 'meeting';
    const forServiceUsers = raisedBy === 'service_user' || r() < 0.15;
    const closed = status === 'done' || status === 'dropped';
    const staff = staffOf.get(m.seriesId) ?? [];
    actionRows.push([
      uuid(r),
      m.seriesId,
      m.id,
      pick(r, topicsOf.get(m.id) ?? [null]),
      pick(r, ACTION_TITLES),
      paragraph(r, between(r, 60, 240)),
      pick(r, m.unitIds),
      staff.length && r() < 0.3 ? pick(r, staff) : null,
      due.toISODate(),
      status,
      status === 'done' || (forServiceUsers && r() < 0.5) ? pick(r, OUTCOMES) : null,
      raisedBy,
      raisedBy === 'unit' ? pick(r, m.unitIds) : null,
      forServiceUsers,
      closed ? iso(due.minus({ days: between(r, 0, 15) }).toJSDate()) : null,
      iso(m.startsAt),
    ]);
  }
  await insert(
    db,
    'action_item',
    [
      { name: 'id', type: 'uuid' },
      { name: 'series_id', type: 'uuid' },
      { name: 'meeting_id', type: 'uuid' },
      { name: 'agenda_item_id', type: 'uuid' },
      { name: 'title', type: 'text' },
      { name: 'description', type: 'text' },
      { name: 'owner_unit_id', type: 'uuid' },
      { name: 'assignee_id', type: 'uuid' },
      { name: 'due_date', type: 'date' },
      { name: 'status', type: 'text' },
      { name: 'public_outcome', type: 'text' },
      { name: 'raised_by_kind', type: 'text' },
      { name: 'raised_by_unit_id', type: 'uuid' },
      { name: 'for_service_users', type: 'boolean' },
      { name: 'closed_at', type: 'timestamptz' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    actionRows,
  );
  for (const a of actionRows)
    index(
      a[1] as string,
      a[2] as string,
      'action_item',
      a[0] as string,
      a[4] as string,
      [a[5], a[10]].filter(Boolean).join('\n\n'),
    );

  // Proposals: most decided long ago, a few waiting.
  const proposalRows: unknown[][] = [];
  for (let i = 0; i < scale.proposals; i++) {
    const sr = series[i % series.length];
    const pending = r() < 0.1;
    const anonymous = r() < 0.5;
    const created = new Date(
      now.getTime() - (pending ? between(r, 1, 60) : between(r, 60, 3650)) * 86_400_000,
    );
    const status = pending ? 'pending' : pick(r, ['accepted', 'accepted', 'merged', 'declined']);
    proposalRows.push([
      uuid(r),
      sr.id,
      pick(r, TOPICS),
      paragraph(r, between(r, 40, 200)),
      anonymous,
      anonymous ? null : pick(r, sr.memberIds),
      status,
      status === 'declined' ? 'Aihe käsiteltiin jo aiemmassa kokouksessa.' : null,
      pending ? null : iso(new Date(created.getTime() + 14 * 86_400_000)),
      iso(created),
    ]);
  }
  await insert(
    db,
    'topic_proposal',
    [
      { name: 'id', type: 'uuid' },
      { name: 'series_id', type: 'uuid' },
      { name: 'title', type: 'text' },
      { name: 'description', type: 'text' },
      { name: 'anonymous', type: 'boolean' },
      { name: 'proposer_id', type: 'uuid' },
      { name: 'status', type: 'text' },
      { name: 'decision_reason', type: 'text' },
      { name: 'decided_at', type: 'timestamptz' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    proposalRows,
  );

  // The next meeting's invitations and their (sent) mail.
  const invitationRows: unknown[][] = [];
  const jobRows: unknown[][] = [];
  for (const sr of series) {
    if (!sr.nextMeetingId) continue;
    for (const personId of sr.memberIds) {
      const answerRoll = r();
      invitationRows.push([
        sr.nextMeetingId,
        personId,
        answerRoll < 0.4 ? 'yes' : answerRoll < 0.5 ? 'no' : answerRoll < 0.6 ? 'maybe' : null,
      ]);
      jobRows.push([
        `invitation:${sr.nextMeetingId}:${personId}:0`,
        sr.nextMeetingId,
        personId,
        r() < 0.02 ? 'failed' : 'sent',
      ]);
    }
  }
  await insert(
    db,
    'invitation',
    [
      { name: 'meeting_id', type: 'uuid' },
      { name: 'person_id', type: 'uuid' },
      { name: 'answer', type: 'text' },
    ],
    invitationRows,
  );
  await insert(
    db,
    'mail_job',
    [
      { name: 'idempotency_key', type: 'text' },
      { name: 'meeting_id', type: 'uuid' },
      { name: 'person_id', type: 'uuid' },
      { name: 'status', type: 'text' },
      { name: 'kind', type: 'text', expr: `'invitation'` },
      { name: 'sequence', type: 'int', expr: '0' },
    ],
    jobRows.map((row) => [...row, null, null]),
  );

  await insert(
    db,
    'search_document',
    [
      { name: 'series_id', type: 'uuid' },
      { name: 'meeting_id', type: 'uuid' },
      { name: 'kind', type: 'text' },
      { name: 'ref_id', type: 'uuid' },
      { name: 'title', type: 'text' },
      { name: 'body', type: 'text' },
      { name: 'lexemes', type: 'text', expr: 'v::tsvector' },
      { name: 'language', type: 'text', expr: `'fi'` },
      {
        name: 'snowball',
        type: 'text',
        expr: `setweight(to_tsvector('finnish', u.c4), 'A') || to_tsvector('finnish', u.c5)`,
      },
    ],
    searchRows.map((row) => [...row, null, null]),
  );
  await db.query('ANALYZE');

  return {
    series,
    national,
    counts: {
      series: series.length,
      units: unitRows.length,
      people: personRows.length,
      memberships: membershipRows.length,
      meetings: meetingRows.length,
      agendaItems: agendaRows.length,
      minutes: minutesRows.length,
      actionItems: actionRows.length,
      proposals: proposalRows.length,
      invitations: invitationRows.length,
      searchDocuments: searchRows.length,
    },
  };
}
