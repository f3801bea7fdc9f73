import { ConflictException, Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { badField, Page, Series, Unit, UnitBlackout } from '@kierto/network';
import {
  chooseNextHost,
  finnishPublicHolidays,
  LocalDate,
  nextCandidateDate,
  parseIsoDate,
  proposeMeetingDate,
  toIsoDate,
  toLocalParts,
  toUtcInstant,
  addDays,
} from '@kierto/rotation';
import { MeetingQuery, UpdateMeetingDto } from './meeting.dto';
import { Meeting } from './meeting.entity';
import { MEETING_CREATED, MEETING_HOOKS, MeetingCreatedListener, MeetingHooks } from './meeting-hooks';
import { RotationService } from './rotation.service';
import { Clock } from './clock';

const isHoliday = finnishPublicHolidays();
/** How many weeks the proposal may move forward looking for a date some unit can host. */
const MAX_NO_HOST_MOVES = 26;

export interface ProposalResult {
  meeting: Meeting;
  created: boolean;
}

@Injectable()
export class MeetingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rotation: RotationService,
    private readonly clock: Clock,
    @Optional() @Inject(MEETING_HOOKS) private readonly hooks?: MeetingHooks,
    @Optional() @Inject(MEETING_CREATED) private readonly created?: MeetingCreatedListener,
  ) {}

  /**
   * Proposes the next meeting of a series as a draft, or returns the draft that already exists.
   * The series row is locked for the whole computation, and a partial unique index allows one draft per
   * series, so concurrent calls create exactly one meeting.
   */
  async proposeNext(seriesId: string, now = this.clock.now(), byWorker = false): Promise<ProposalResult> {
    try {
      return await this.db.transaction(async (em) => {
        const series = await em.findOne(Series, {
          where: { id: seriesId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!series) throw new NotFoundException(`No series ${seriesId}`);
        const draft = await em.findOne(Meeting, { where: { seriesId, status: 'draft' } });
        if (draft) return { meeting: draft, created: false };
        const meeting = await this.computeProposal(em, series, now);
        await em.save(meeting);
        await this.created?.meetingCreated(em, meeting);
        if (byWorker) await this.hooks?.proposedByWorker?.(em, meeting);
        return { meeting, created: true };
      });
    } catch (e) {
      // The unique index is the guarantee; the row lock makes this path rare.
      if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') {
        const draft = await this.db.getRepository(Meeting).findOne({ where: { seriesId, status: 'draft' } });
        if (draft) return { meeting: draft, created: false };
      }
      throw e;
    }
  }

  private async computeProposal(em: EntityManager, series: Series, now: Date): Promise<Meeting> {
    const slots = await this.rotation.slots(series.id, em);
    if (slots.length === 0) {
      throw new ConflictException(
        'Set the rotation order (PUT /api/v1/series/{id}/rotation) before proposing a meeting',
      );
    }
    const history = await this.rotation.history(series.id, em);
    const previous = await em.findOne(Meeting, {
      where: { seriesId: series.id, status: 'confirmed' },
      order: { startsAt: 'DESC' },
    });
    const today = toLocalParts(now, series.timezone).date;
    const earliest = addDays(today, Math.max(1, series.invitationLeadDays));
    const proposal = proposeMeetingDate({
      previous: previous ? parseIsoDate(previous.localDate) : null,
      earliest,
      cadenceMonths: series.cadenceMonths,
      rule: { nth: series.dayRuleNth, weekday: series.dayRuleWeekday },
      isHoliday,
    });
    const blackouts = await em.find(UnitBlackout, { where: { unitId: In(slots.map((s) => s.unitId)) } });
    const units = slots.map((s) => ({ id: s.unitId, active: s.unit.active, credit: s.credit }));
    if (!units.some((u) => u.active)) throw new ConflictException('No active unit in the rotation');

    let date: LocalDate = proposal.date;
    const movedForHoliday = proposal.movedForHoliday.map(toIsoDate);
    const movedForNoHost: string[] = [];
    for (let i = 0; ; i++) {
      const iso = toIsoDate(date);
      const result = chooseNextHost({
        units,
        history,
        isAvailable: (unitId) =>
          !blackouts.some((b) => b.unitId === unitId && b.startsOn <= iso && iso <= b.endsOn),
      });
      if (result.kind === 'host') {
        return this.buildMeeting(em, series, date, result.unitId, {
          ruleDate: toIsoDate(proposal.ruleDate),
          movedForHoliday,
          movedForNoHost,
          skipped: result.skipped,
        });
      }
      if (i >= MAX_NO_HOST_MOVES)
        throw new ConflictException('No unit in the rotation can host in the next six months');
      movedForNoHost.push(iso);
      date = nextCandidateDate(date);
      while (isHoliday(date)) {
        movedForHoliday.push(toIsoDate(date));
        date = nextCandidateDate(date);
      }
    }
  }

  private async buildMeeting(
    em: EntityManager,
    series: Series,
    date: LocalDate,
    hostUnitId: string,
    rotationNote: Meeting['rotationNote'],
  ): Promise<Meeting> {
    const { max } = (await em
      .createQueryBuilder(Meeting, 'm')
      .select('COALESCE(MAX(m.number), 0)', 'max')
      .where('m.series_id = :id', { id: series.id })
      .getRawOne()) as { max: number };
    const startsAt = toUtcInstant(date, series.startTime, series.timezone);
    return em.create(Meeting, {
      seriesId: series.id,
      number: Number(max) + 1,
      status: 'draft',
      localDate: toIsoDate(date),
      startsAt,
      endsAt: new Date(startsAt.getTime() + series.durationMinutes * 60_000),
      hostUnitId,
      hostOverrideReason: null,
      rotationNote,
      icalUid: `${randomUUID()}@kierto`,
      icalSequence: 0,
    });
  }

  async get(id: string, em: EntityManager = this.db.manager): Promise<Meeting> {
    const meeting = await em.findOne(Meeting, { where: { id } });
    if (!meeting) throw new NotFoundException(`No meeting ${id}`);
    return meeting;
  }

  private async lock(em: EntityManager, id: string): Promise<Meeting> {
    const meeting = await em.findOne(Meeting, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!meeting) throw new NotFoundException(`No meeting ${id}`);
    return meeting;
  }

  /** Confirms a draft. Confirming a confirmed meeting again changes nothing. */
  async confirm(id: string): Promise<Meeting> {
    return this.db.transaction(async (em) => {
      const meeting = await this.lock(em, id);
      if (meeting.status === 'cancelled')
        throw new ConflictException('A cancelled meeting cannot be confirmed');
      if (meeting.status === 'confirmed') return meeting;
      meeting.status = 'confirmed';
      meeting.confirmedAt = new Date();
      await em.save(meeting);
      await this.hooks?.confirmed(em, meeting);
      return meeting;
    });
  }

  /** Moves a meeting in time or to another host. A change to a confirmed meeting raises its SEQUENCE. */
  /**
   * `pickable`: the units the caller may pick as host (AccessPolicy.visibleUnitIds); another network's
   * unit is refused like an unknown one (hosting would make it this series' unit).
   */
  async update(id: string, dto: UpdateMeetingDto, pickable?: string[]): Promise<Meeting> {
    return this.db.transaction(async (em) => {
      const meeting = await this.lock(em, id);
      if (meeting.status === 'cancelled')
        throw new ConflictException('A cancelled meeting cannot be changed');
      const before = { ...meeting } as Meeting;
      const series = await em.findOneOrFail(Series, { where: { id: meeting.seriesId } });
      const local = toLocalParts(meeting.startsAt, series.timezone);
      const date = dto.date ?? meeting.localDate;
      const startTime = dto.startTime ?? local.time;
      const duration =
        dto.durationMinutes ?? Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
      if (dto.hostUnitId && dto.hostUnitId !== meeting.hostUnitId) {
        if (!dto.hostOverrideReason) {
          throw badField(
            'hostOverrideReason',
            'give a reason when you choose another host than the rotation',
          );
        }
        if (
          (pickable && !pickable.includes(dto.hostUnitId)) ||
          !(await em.exists(Unit, { where: { id: dto.hostUnitId } }))
        ) {
          throw badField('hostUnitId', `no unit ${dto.hostUnitId}`);
        }
        meeting.hostUnitId = dto.hostUnitId;
        meeting.hostOverrideReason = dto.hostOverrideReason;
      } else if (dto.hostOverrideReason && meeting.hostOverrideReason) {
        meeting.hostOverrideReason = dto.hostOverrideReason;
      }
      meeting.localDate = date;
      meeting.startsAt = toUtcInstant(parseIsoDate(date), startTime, series.timezone);
      meeting.endsAt = new Date(meeting.startsAt.getTime() + duration * 60_000);
      const changed =
        meeting.startsAt.getTime() !== before.startsAt.getTime() ||
        meeting.endsAt.getTime() !== before.endsAt.getTime() ||
        meeting.hostUnitId !== before.hostUnitId;
      if (!changed) return meeting;
      if (meeting.status === 'confirmed') meeting.icalSequence += 1;
      await em.save(meeting);
      if (meeting.status === 'confirmed') await this.hooks?.changed(em, meeting, before);
      return meeting;
    });
  }

  async cancel(id: string, reason?: string): Promise<Meeting> {
    return this.db.transaction(async (em) => {
      const meeting = await this.lock(em, id);
      if (meeting.status === 'cancelled') throw new ConflictException('The meeting is cancelled already');
      const wasConfirmed = meeting.status === 'confirmed';
      meeting.status = 'cancelled';
      meeting.cancelledAt = new Date();
      meeting.cancelReason = reason ?? null;
      if (wasConfirmed) meeting.icalSequence += 1;
      await em.save(meeting);
      if (wasConfirmed) await this.hooks?.cancelled(em, meeting);
      return meeting;
    });
  }

  async list(seriesId: string, q: MeetingQuery): Promise<Page<Meeting>> {
    const qb = this.db
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.series_id = :seriesId', { seriesId })
      .orderBy('m.startsAt', 'ASC')
      .addOrderBy('m.number', 'ASC')
      .skip(q.offset)
      .take(q.limit);
    if (q.status) qb.andWhere('m.status = :status', { status: q.status });
    if (q.from) qb.andWhere('m.local_date >= :from', { from: q.from });
    if (q.to) qb.andWhere('m.local_date <= :to', { to: q.to });
    if (q.hostUnitId) qb.andWhere('m.host_unit_id = :host', { host: q.hostUnitId });
    const [items, total] = await qb.getManyAndCount();
    return { items, total, limit: q.limit, offset: q.offset };
  }

  /**
   * Series that need a proposal: rotation set, no draft, and no confirmed meeting still ahead
   * (the previous one is past, or there is none).
   */
  async seriesNeedingProposal(now = new Date()): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT s.id FROM series s
        WHERE EXISTS (SELECT 1 FROM rotation_slot r JOIN unit u ON u.id = r.unit_id WHERE r.series_id = s.id AND u.active)
          AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.series_id = s.id
                           AND (m.status = 'draft' OR (m.status = 'confirmed' AND m.ends_at > $1)))`,
      [now],
    );
    return rows.map((r) => r.id);
  }
}
