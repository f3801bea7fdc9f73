import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, MoreThan, Not } from 'typeorm';
import { Clock, Meeting } from '@kierto/meetings';
import { badField, Page, Person, SeriesMembership, Unit } from '@kierto/network';
import { AgendaItem } from './agenda-item.entity';
import { AgendaService } from './agenda.service';
import { Actor } from './action-item.service';
import { ApprovedBy, Minutes, MinutesAttendance, MinutesComment, MinutesItem } from './minutes.entity';
import { MinutesNotices } from './minutes-notices';
import { MinutesSearch } from './minutes-search';
import { blockingFindings, PRIVACY_KEYS, privacyWarnings, PrivacyWarning } from './privacy-check';

export interface AttendanceInput {
  present: { personId: string; agreedToBeNamed?: boolean }[];
  /** Service users present who are not in the member list (or prefer not to be listed at all). */
  unnamedServiceUsers?: number;
}

export interface MinutesInput {
  items?: (Omit<MinutesItem, 'agendaItemId'> & { agendaItemId?: string | null })[];
  attendance?: AttendanceInput;
  privacyChecked?: string[];
}

export interface MinutesChange {
  title: string;
  field: 'title' | 'notes' | 'decisions' | 'added' | 'removed' | 'attendance';
  before: string | null;
  after: string | null;
}

export interface MinutesArchiveQuery {
  hostUnitId?: string;
  year?: number;
  topic?: string;
  limit: number;
  offset: number;
}

/**
 * Minutes: draft → circulated for comments → approved (by the coordinator, or by the next meeting) →
 * published. Published versions never change; a correction is a new version that goes through the
 * same steps, and both stay readable with the changes listed.
 */
@Injectable()
export class MinutesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly agenda: AgendaService,
    private readonly search: MinutesSearch,
    private readonly notices: MinutesNotices,
    private readonly clock: Clock,
  ) {}

  /** Every version of a meeting's minutes, newest first. */
  async versions(meetingId: string): Promise<Minutes[]> {
    return this.db.getRepository(Minutes).find({ where: { meetingId }, order: { version: 'DESC' } });
  }

  async get(id: string, em: EntityManager = this.db.manager): Promise<Minutes> {
    const m = await em.findOne(Minutes, { where: { id } });
    if (!m) throw new NotFoundException(`No minutes ${id}`);
    return m;
  }

  /** Creates the first draft, or changes the open (draft or circulated) version. */
  async saveDraft(meetingId: string, input: MinutesInput): Promise<{ minutes: Minutes; created: boolean }> {
    return this.db.transaction(async (em) => {
      const meeting = await em.findOne(Meeting, {
        where: { id: meetingId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!meeting) throw new NotFoundException(`No meeting ${meetingId}`);
      if (meeting.status !== 'confirmed')
        throw new ConflictException(
          `Minutes are written for a confirmed meeting; this one is ${meeting.status}`,
        );
      const latest = await em.findOne(Minutes, { where: { meetingId }, order: { version: 'DESC' } });
      if (latest?.status === 'published')
        throw new ConflictException(
          'Published minutes cannot be edited. Make a correction: POST /api/v1/minutes/{id}/corrections',
        );
      if (latest?.status === 'approved')
        throw new ConflictException(
          'Approved minutes cannot be edited; publish them, then correct if needed',
        );
      const minutes =
        latest ??
        em.create(Minutes, {
          meetingId,
          seriesId: meeting.seriesId,
          version: 1,
          status: 'draft',
          items: await this.itemsFromAgenda(em, meetingId),
          attendance: { staff: [], guests: [], namedServiceUsers: [], serviceUserCount: 0 },
          privacyChecked: [],
          correctionOfId: null,
          correctionNote: null,
        });
      await this.apply(em, minutes, meeting, input);
      await em.save(minutes);
      return { minutes, created: !latest };
    });
  }

  /** Changes one version; only a draft or circulated version can change. */
  async saveVersion(id: string, input: MinutesInput): Promise<Minutes> {
    return this.db.transaction(async (em) => {
      const m = await em.findOne(Minutes, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!m) throw new NotFoundException(`No minutes ${id}`);
      if (m.status === 'published')
        throw new ConflictException(
          'Published minutes cannot be edited. Make a correction: POST /api/v1/minutes/{id}/corrections',
        );
      // Approved minutes that hold an identity code (approved before codes blocked approval) cannot be
      // published; they may be edited to remove it, like an erasure.
      if (m.status === 'approved' && !blockingFindings(await this.warnings(m)).length)
        throw new ConflictException(
          'Approved minutes cannot be edited; publish them, then correct if needed',
        );
      const meeting = await em.findOneOrFail(Meeting, { where: { id: m.meetingId } });
      await this.apply(em, m, meeting, input);
      return em.save(m);
    });
  }

  private async apply(
    em: EntityManager,
    minutes: Minutes,
    meeting: Meeting,
    input: MinutesInput,
  ): Promise<void> {
    if (input.items) {
      const agendaIds = new Set(
        (await em.find(AgendaItem, { where: { meetingId: meeting.id }, select: { id: true } })).map(
          (a) => a.id,
        ),
      );
      input.items.forEach((i, n) => {
        if (i.agendaItemId && !agendaIds.has(i.agendaItemId))
          throw badField(`items.${n}.agendaItemId`, `no agenda item ${i.agendaItemId} in this meeting`);
      });
      minutes.items = input.items.map((i) => ({
        agendaItemId: i.agendaItemId ?? null,
        title: i.title,
        notes: i.notes ?? '',
        decisions: i.decisions ?? '',
      }));
    }
    if (input.attendance)
      minutes.attendance = await this.resolveAttendance(em, meeting.seriesId, input.attendance);
    if (input.privacyChecked) {
      const unknown = input.privacyChecked.filter((k) => !PRIVACY_KEYS.includes(k));
      if (unknown.length)
        throw badField(
          'privacyChecked',
          `unknown checklist items: ${unknown.join(', ')}; known: ${PRIVACY_KEYS.join(', ')}`,
        );
      minutes.privacyChecked = [...new Set(input.privacyChecked)];
    }
  }

  private async resolveAttendance(
    em: EntityManager,
    seriesId: string,
    input: AttendanceInput,
  ): Promise<MinutesAttendance> {
    const ids = input.present.map((p) => p.personId);
    if (new Set(ids).size !== ids.length)
      throw badField('attendance.present', 'each person may be listed once');
    const members = await em.find(SeriesMembership, {
      where: { seriesId, personId: In(ids.length ? ids : ['00000000-0000-0000-0000-000000000000']) },
      relations: { person: true },
    });
    const byId = new Map(members.map((m) => [m.personId, m.person as Person]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length)
      throw badField('attendance.present', `not members of this series: ${missing.join(', ')}`);
    const units = new Map((await em.find(Unit, {})).map((u) => [u.id, u.name] as const));
    const out: MinutesAttendance = { staff: [], guests: [], namedServiceUsers: [], serviceUserCount: 0 };
    for (const p of input.present) {
      const person = byId.get(p.personId) as Person;
      if (person.kind === 'staff')
        out.staff.push({
          personId: person.id,
          name: person.displayName,
          unit: units.get(person.homeUnitId ?? '') ?? null,
        });
      else if (person.kind === 'guest') out.guests.push({ personId: person.id, name: person.displayName });
      else {
        out.serviceUserCount += 1;
        if (p.agreedToBeNamed) out.namedServiceUsers.push({ personId: person.id, name: person.displayName });
      }
    }
    out.serviceUserCount += input.unnamedServiceUsers ?? 0;
    return out;
  }

  private async itemsFromAgenda(em: EntityManager, meetingId: string): Promise<MinutesItem[]> {
    const items = await this.agenda.list(meetingId, em);
    return items.map((i) => ({ agendaItemId: i.id, title: i.title, notes: '', decisions: '' }));
  }

  async circulate(id: string): Promise<Minutes> {
    return this.transition(id, ['draft'], async (em, m, meeting) => {
      await this.requireNoIdentityCode(m);
      this.requireChecklist(m);
      m.status = 'circulated';
      m.circulatedAt = this.clock.now();
      const next = await this.nextMeeting(em, meeting);
      if (next) await this.agenda.previousMinutesItem(em, next);
    });
  }

  private nextMeeting(em: EntityManager, meeting: Meeting): Promise<Meeting | null> {
    return em.findOne(Meeting, {
      where: { seriesId: meeting.seriesId, status: Not('cancelled'), startsAt: MoreThan(meeting.startsAt) },
      order: { startsAt: 'ASC' },
    });
  }

  async comment(id: string, body: string, actor: Actor): Promise<MinutesComment> {
    return this.db.transaction(async (em) => {
      const m = await this.get(id, em);
      if (m.status !== 'circulated')
        throw new ConflictException('Comments are taken while the minutes are circulated');
      return em.save(
        em.create(MinutesComment, { minutesId: id, authorId: actor.id, authorName: actor.displayName, body }),
      );
    });
  }

  async comments(id: string): Promise<MinutesComment[]> {
    return this.db
      .getRepository(MinutesComment)
      .find({ where: { minutesId: id }, order: { createdAt: 'ASC' } });
  }

  /**
   * Approves the minutes and closes the meeting's loop: the open action items and the proposals not
   * yet handled go onto the next meeting's agenda (existing or not yet proposed), and the next host
   * gets the handover email.
   */
  async approve(id: string, by: ApprovedBy, actor: Actor): Promise<Minutes> {
    return this.transition(id, ['draft', 'circulated'], async (em, m, meeting) => {
      await this.requireNoIdentityCode(m);
      this.requireChecklist(m);
      m.status = 'approved';
      m.approvedAt = this.clock.now();
      m.approvedBy = by;
      m.approvedByPersonId = actor.id;
      const next = await this.nextMeeting(em, meeting);
      if (next) {
        // The meeting itself approves them under its first item; otherwise that item is moot.
        if (by === 'coordinator' && next.startsAt > this.clock.now())
          await this.agenda.previousMinutesApproved(em, next);
        await this.agenda.carryOver(em, next);
        await this.notices.handover(em, next);
      }
    });
  }

  async publish(id: string): Promise<Minutes> {
    return this.transition(id, ['approved'], async (em, m, meeting) => {
      await this.requireNoIdentityCode(m);
      m.status = 'published';
      m.publishedAt = this.clock.now();
      await em.update(
        Minutes,
        { meetingId: m.meetingId, status: 'published', id: Not(m.id), supersededAt: IsNull() },
        { supersededAt: m.publishedAt },
      );
      await em.save(m);
      await this.search.indexPublishedMinutes(em, m, meeting, await this.title(em, meeting));
      await this.notices.minutesPublished(em, m, meeting);
    });
  }

  /** A new version of published minutes, as a draft; the published one stays as it is. */
  async correct(id: string, note: string, input: MinutesInput): Promise<Minutes> {
    return this.db.transaction(async (em) => {
      const source = await em.findOne(Minutes, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!source) throw new NotFoundException(`No minutes ${id}`);
      if (source.status !== 'published')
        throw new ConflictException('Only published minutes are corrected; edit the draft instead');
      const latest = await em.findOneOrFail(Minutes, {
        where: { meetingId: source.meetingId },
        order: { version: 'DESC' },
      });
      if (latest.id !== source.id)
        throw new ConflictException(
          `Version ${latest.version} is newer (${latest.status}); correct that one`,
        );
      const meeting = await em.findOneOrFail(Meeting, { where: { id: source.meetingId } });
      const draft = em.create(Minutes, {
        meetingId: source.meetingId,
        seriesId: source.seriesId,
        version: source.version + 1,
        status: 'draft',
        items: source.items.map((i) => ({ ...i })),
        attendance: source.attendance,
        privacyChecked: [],
        correctionOfId: source.id,
        correctionNote: note,
      });
      await this.apply(em, draft, meeting, input);
      return em.save(draft);
    });
  }

  /** What a correction changed compared with the version it corrects. */
  async changes(m: Minutes): Promise<MinutesChange[]> {
    if (!m.correctionOfId) return [];
    const before = await this.get(m.correctionOfId);
    return diffMinutes(before, m);
  }

  /** The newest published version of each meeting, newest meeting first. */
  async archive(
    seriesId: string,
    q: MinutesArchiveQuery,
  ): Promise<Page<{ minutes: Minutes; meeting: Meeting }>> {
    const qb = this.db
      .getRepository(Minutes)
      .createQueryBuilder('m')
      .innerJoinAndMapOne('m.meeting', Meeting, 'mt', 'mt.id = m.meeting_id')
      .where('m.series_id = :seriesId', { seriesId })
      .andWhere(`m.status = 'published' AND m.superseded_at IS NULL`)
      .orderBy('mt.starts_at', 'DESC')
      // offset/limit, not skip/take: the joins are to-one, and skip/take cannot order by expressions.
      .offset(q.offset)
      .limit(q.limit);
    if (q.hostUnitId) qb.andWhere('mt.host_unit_id = :host', { host: q.hostUnitId });
    // A date range, not EXTRACT(YEAR …): the range can use an index on the meeting's date.
    if (q.year)
      qb.andWhere(`mt.local_date >= :yearFrom AND mt.local_date < :yearTo`, {
        yearFrom: `${q.year}-01-01`,
        yearTo: `${q.year + 1}-01-01`,
      });
    if (q.topic) {
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM jsonb_array_elements(m.items) e WHERE e->>'title' ILIKE :topic)
          OR EXISTS (SELECT 1 FROM agenda_item a LEFT JOIN standing_topic s ON s.id = a.standing_topic_id
                      WHERE a.meeting_id = m.meeting_id AND (a.title ILIKE :topic OR s.id::text = :topicId)))`,
        { topic: `%${q.topic.replace(/[%_\\]/g, (c) => `\\${c}`)}%`, topicId: q.topic },
      );
    }
    const [rows, total] = await qb.getManyAndCount();
    const items = rows.map((m) => ({ minutes: m, meeting: (m as Minutes & { meeting: Meeting }).meeting }));
    return { items, total, limit: q.limit, offset: q.offset };
  }

  /** Possible treatment details or identifiers in the text; service users not named by consent count too. */
  async warnings(m: Minutes): Promise<PrivacyWarning[]> {
    const named = new Set(m.attendance.namedServiceUsers.map((n) => n.personId));
    const serviceUsers = await this.db.getRepository(SeriesMembership).find({
      where: { seriesId: m.seriesId },
      relations: { person: true },
    });
    const unnamed = serviceUsers
      .filter((s) => s.person?.kind === 'service_user' && !named.has(s.personId))
      .map((s) => s.person!.displayName);
    return privacyWarnings(m.items, unnamed);
  }

  /**
   * A Finnish identity code never leaves the draft: 409 naming each item field that holds one (not
   * the code itself). Phone numbers and unconsented names stay warnings the checklist answers.
   */
  private async requireNoIdentityCode(m: Minutes): Promise<void> {
    const errors = blockingFindings(await this.warnings(m));
    if (!errors.length) return;
    const message = `Remove the personal identity code first (${errors.map((e) => e.field).join(', ')})`;
    throw new ConflictException({ statusCode: 409, error: 'Conflict', message, errors });
  }

  private requireChecklist(m: Minutes): void {
    const missing = PRIVACY_KEYS.filter((k) => !m.privacyChecked.includes(k));
    if (missing.length)
      throw badField(
        'privacyChecked',
        `confirm the privacy checklist first; not confirmed: ${missing.join(', ')}`,
      );
  }

  private async title(em: EntityManager, meeting: Meeting): Promise<string> {
    const host = await em.findOne(Unit, { where: { id: meeting.hostUnitId } });
    return `${meeting.number}. ${meeting.localDate} ${host?.name ?? ''}`.trim();
  }

  private async transition(
    id: string,
    from: Minutes['status'][],
    change: (em: EntityManager, m: Minutes, meeting: Meeting) => Promise<void>,
  ): Promise<Minutes> {
    return this.db.transaction(async (em) => {
      const m = await em.findOne(Minutes, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!m) throw new NotFoundException(`No minutes ${id}`);
      if (!from.includes(m.status))
        throw new ConflictException(`The minutes are ${m.status}; this step needs ${from.join(' or ')}`);
      const meeting = await em.findOneOrFail(Meeting, { where: { id: m.meetingId } });
      await change(em, m, meeting);
      await em.save(m);
      return m;
    });
  }
}

export function diffMinutes(before: Minutes, after: Minutes): MinutesChange[] {
  const changes: MinutesChange[] = [];
  const key = (i: MinutesItem, n: number) => i.agendaItemId ?? `#${n}`;
  const old = new Map(before.items.map((i, n) => [key(i, n), i]));
  const seen = new Set<string>();
  after.items.forEach((i, n) => {
    const k = key(i, n);
    seen.add(k);
    const o = old.get(k);
    if (!o)
      return changes.push({
        title: i.title,
        field: 'added',
        before: null,
        after: [i.notes, i.decisions].filter(Boolean).join('\n'),
      });
    for (const field of ['title', 'notes', 'decisions'] as const) {
      if ((o[field] ?? '') !== (i[field] ?? ''))
        changes.push({ title: i.title, field, before: o[field], after: i[field] });
    }
  });
  before.items.forEach((o, n) => {
    if (!seen.has(key(o, n)))
      changes.push({
        title: o.title,
        field: 'removed',
        before: [o.notes, o.decisions].filter(Boolean).join('\n'),
        after: null,
      });
  });
  const a = (m: Minutes) =>
    JSON.stringify([
      m.attendance.staff.map((s) => s.name),
      m.attendance.guests.map((g) => g.name),
      m.attendance.namedServiceUsers.map((s) => s.name),
      m.attendance.serviceUserCount,
    ]);
  if (a(before) !== a(after))
    changes.push({ title: '', field: 'attendance', before: a(before), after: a(after) });
  return changes;
}
