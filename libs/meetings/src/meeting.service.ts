import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { badField, Page, Series, Unit, UnitBlackout } from '@kierto/network';
import {
  addDays,
  chooseNextHost,
  DateProposal,
  finnishHolidayName,
  finnishPublicHolidays,
  firstValidLocalTime,
  HolidayName,
  LocalDate,
  localTimeExists,
  NoMeetingDateError,
  parseIsoDate,
  parseIsoMonth,
  proposeMeetingDate,
  toIsoDate,
  toIsoMonth,
  toLocalParts,
  toUtcInstant,
} from '@kierto/rotation';
import { MeetingQuery, UpdateMeetingDto } from './meeting.dto';
import { Meeting, MoveAcknowledgement, RotationNote } from './meeting.entity';
import { MEETING_CREATED, MEETING_HOOKS, MeetingCreatedListener, MeetingHooks } from './meeting-hooks';
import { RotationService } from './rotation.service';
import { Clock } from './clock';

const isHoliday = finnishPublicHolidays();
/** How many months the proposal may search for a date some unit can host. */
const NO_HOST_SEARCH_MONTHS = 6;

/** Something about a new date that the coordinator must acknowledge. */
export interface MoveConcern {
  kind: MoveAcknowledgement;
  date: string;
  /** In English, for the API's 400. */
  reason: string;
  holiday?: HolidayName;
  otherNumber?: number;
}

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
        if (!series.setupCompletedAt) {
          throw new ConflictException(
            'This series is still in its guided setup: start the rotation on its last step ' +
              `(/series/${seriesId}/setup/start) before a meeting can be proposed`,
          );
        }
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
    // The cycle rule: count from the previous meeting's cycle, never from the date it was moved to.
    const previous = await em.findOne(Meeting, {
      where: { seriesId: series.id, status: 'confirmed' },
      order: { cycleMonth: 'DESC', startsAt: 'DESC' },
    });
    const today = toLocalParts(now, series.timezone).date;
    const earliest = addDays(today, Math.max(1, series.invitationLeadDays));
    const blackouts = await em.find(UnitBlackout, { where: { unitId: In(slots.map((s) => s.unitId)) } });
    const units = slots.map((s) => ({ id: s.unitId, active: s.unit.active, credit: s.credit }));
    if (!units.some((u) => u.active)) throw new ConflictException('No active unit in the rotation');
    const hostOn = (date: LocalDate) => {
      const iso = toIsoDate(date);
      return chooseNextHost({
        units,
        history,
        isAvailable: (unitId) =>
          !blackouts.some((b) => b.unitId === unitId && b.startsOn <= iso && iso <= b.endsOn),
      });
    };
    let proposal: DateProposal;
    try {
      proposal = proposeMeetingDate({
        previous: previous
          ? { cycle: parseIsoMonth(previous.cycleMonth), date: parseIsoDate(previous.localDate) }
          : null,
        earliest,
        cadenceMonths: series.cadenceMonths,
        rule: { nth: series.dayRuleNth, weekday: series.dayRuleWeekday },
        isHoliday,
        canHost: (date) => hostOn(date).kind === 'host',
        searchMonths: NO_HOST_SEARCH_MONTHS,
      });
    } catch (e) {
      if (e instanceof NoMeetingDateError)
        throw new ConflictException('No unit in the rotation can host in the next six months');
      throw e;
    }
    const result = hostOn(proposal.date);
    if (result.kind !== 'host') throw new ConflictException('No unit in the rotation can host');
    // A rule date and time in the spring-forward gap is proposed at the first time that exists.
    const startTime = firstValidLocalTime(proposal.date, series.startTime, series.timezone);
    return this.buildMeeting(em, series, proposal, startTime, result.unitId, {
      ruleDate: toIsoDate(proposal.ruleDate),
      movedForHoliday: proposal.movedForHoliday.map(toIsoDate),
      movedForNoHost: proposal.movedForNoHost.map(toIsoDate),
      skipped: result.skipped,
      ...(startTime !== series.startTime
        ? { startTime: { usual: series.startTime, actual: startTime } }
        : {}),
    });
  }

  private async buildMeeting(
    em: EntityManager,
    series: Series,
    proposal: DateProposal,
    startTime: string,
    hostUnitId: string,
    rotationNote: RotationNote,
  ): Promise<Meeting> {
    const { max } = (await em
      .createQueryBuilder(Meeting, 'm')
      .select('COALESCE(MAX(m.number), 0)', 'max')
      .where('m.series_id = :id', { id: series.id })
      .getRawOne()) as { max: number };
    const startsAt = toUtcInstant(proposal.date, startTime, series.timezone);
    return em.create(Meeting, {
      seriesId: series.id,
      number: Number(max) + 1,
      status: 'draft',
      localDate: toIsoDate(proposal.date),
      cycleMonth: toIsoMonth(proposal.cycle),
      ruleDate: toIsoDate(proposal.ruleDate),
      moveNote: null,
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

  /**
   * Moves a meeting in time or to another host. A change to a confirmed meeting raises its SEQUENCE.
   * Every check runs before anything is written: a meeting that took place is not moved, nor moved
   * into the past or to a time that does not exist; a holiday, a host's blocked day or the day of
   * another meeting of the series needs `acknowledge`.
   * `pickable`: the units the caller may pick as host (AccessPolicy.visibleUnitIds); another network's
   * unit is refused like an unknown one (hosting would make it this series' unit).
   */
  async update(
    id: string,
    dto: UpdateMeetingDto,
    pickable?: string[],
    now = this.clock.now(),
  ): Promise<Meeting> {
    return this.db.transaction(async (em) => {
      const meeting = await this.lock(em, id);
      if (meeting.status === 'cancelled')
        throw new ConflictException('A cancelled meeting cannot be changed');
      const before = { ...meeting } as Meeting;
      const series = await em.findOneOrFail(Series, { where: { id: meeting.seriesId } });
      const tz = series.timezone;
      const local = toLocalParts(meeting.startsAt, tz);
      const date = dto.date ?? meeting.localDate;
      const startTime = dto.startTime ?? local.time;
      const duration =
        dto.durationMinutes ?? Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
      const dateChanges = date !== meeting.localDate;
      const timeChanges = dateChanges || startTime !== local.time;
      const hostChanges = !!dto.hostUnitId && dto.hostUnitId !== meeting.hostUnitId;

      let startsAt = meeting.startsAt;
      if (timeChanges) {
        if (meeting.endsAt.getTime() <= now.getTime()) {
          throw badField('date', 'this meeting has already taken place: it is recorded, not moved');
        }
        const today = toIsoDate(toLocalParts(now, tz).date);
        if (date < today) {
          throw badField('date', `${date} is in the past: move the meeting to today (${today}) or later`);
        }
        const day = parseIsoDate(date);
        if (!localTimeExists(day, startTime, tz)) {
          throw badField(
            'startTime',
            `${startTime} does not exist on ${date} (the clocks go forward that night); ` +
              `choose ${firstValidLocalTime(day, startTime, tz)} or later`,
          );
        }
        startsAt = toUtcInstant(day, startTime, tz);
        if (startsAt.getTime() <= now.getTime()) {
          throw badField('startTime', `${startTime} on ${date} has already passed: choose a later time`);
        }
      }
      if (hostChanges) {
        if (!dto.hostOverrideReason) {
          throw badField(
            'hostOverrideReason',
            'give a reason when you choose another host than the rotation',
          );
        }
        if (
          (pickable && !pickable.includes(dto.hostUnitId as string)) ||
          !(await em.exists(Unit, { where: { id: dto.hostUnitId } }))
        ) {
          throw badField('hostUnitId', `no unit ${dto.hostUnitId}`);
        }
      }
      const hostUnitId = hostChanges ? (dto.hostUnitId as string) : meeting.hostUnitId;
      if (dateChanges || hostChanges) {
        const acknowledged = dto.acknowledge ?? [];
        const missing = (await this.concerns(em, meeting, date, hostUnitId, dateChanges)).filter(
          (c) => !acknowledged.includes(c.kind),
        );
        if (missing.length) {
          const reasons = missing.map((m) => m.reason);
          throw new BadRequestException({
            statusCode: 400,
            error: 'Bad Request',
            message: reasons,
            errors: [{ field: 'acknowledge', reasons }],
            needsAcknowledgement: missing.map((m) => m.kind),
          });
        }
      }

      if (hostChanges) {
        meeting.hostUnitId = hostUnitId;
        meeting.hostOverrideReason = dto.hostOverrideReason as string;
      } else if (dto.hostOverrideReason && meeting.hostOverrideReason) {
        meeting.hostOverrideReason = dto.hostOverrideReason;
      }
      if (dateChanges) {
        meeting.moveNote =
          date === meeting.ruleDate
            ? null
            : { kind: 'coordinator', reason: dto.moveReason ?? null, acknowledged: dto.acknowledge ?? [] };
      } else if (dto.moveReason && meeting.moveNote) {
        meeting.moveNote = { ...meeting.moveNote, reason: dto.moveReason };
      }
      meeting.localDate = date;
      meeting.startsAt = startsAt;
      meeting.endsAt = new Date(startsAt.getTime() + duration * 60_000);
      const changed =
        meeting.startsAt.getTime() !== before.startsAt.getTime() ||
        meeting.endsAt.getTime() !== before.endsAt.getTime() ||
        meeting.hostUnitId !== before.hostUnitId;
      if (!changed) {
        if (
          JSON.stringify(meeting.moveNote) !== JSON.stringify(before.moveNote) ||
          meeting.hostOverrideReason !== before.hostOverrideReason
        )
          await em.save(meeting);
        return meeting;
      }
      if (meeting.status === 'confirmed') meeting.icalSequence += 1;
      await em.save(meeting);
      if (meeting.status === 'confirmed') await this.hooks?.changed(em, meeting, before);
      return meeting;
    });
  }

  /**
   * What a move of the meeting to `date` (and `hostUnitId`) would need acknowledged; the meeting page
   * asks the same questions in words.
   */
  async moveConcerns(id: string, date: string, hostUnitId?: string): Promise<MoveConcern[]> {
    const meeting = await this.get(id);
    return this.concerns(
      this.db.manager,
      meeting,
      date,
      hostUnitId || meeting.hostUnitId,
      date !== meeting.localDate,
    );
  }

  private async concerns(
    em: EntityManager,
    meeting: Meeting,
    date: string,
    hostUnitId: string,
    dateChanges: boolean,
  ): Promise<MoveConcern[]> {
    const out: MoveConcern[] = [];
    if (dateChanges) {
      const holiday = finnishHolidayName(parseIsoDate(date));
      if (holiday) {
        out.push({
          kind: 'holiday',
          date,
          holiday,
          reason: `${date} is a Finnish holiday (${holiday.fi}, ${holiday.en}); send "acknowledge": ["holiday"] to hold the meeting then anyway`,
        });
      }
      const other = await em
        .createQueryBuilder(Meeting, 'm')
        .where('m.series_id = :s AND m.local_date = :d AND m.id <> :id', {
          s: meeting.seriesId,
          d: date,
          id: meeting.id,
        })
        .andWhere("m.status IN ('draft', 'confirmed')")
        .getOne();
      if (other) {
        out.push({
          kind: 'otherMeeting',
          date,
          otherNumber: other.number,
          reason: `meeting ${other.number} of this series is on ${date} too; send "acknowledge": ["otherMeeting"] to have both on that day`,
        });
      }
    }
    const blocked = await em
      .createQueryBuilder(UnitBlackout, 'b')
      .where('b.unit_id = :u AND b.starts_on <= :d AND b.ends_on >= :d', { u: hostUnitId, d: date })
      .getOne();
    if (blocked) {
      out.push({
        kind: 'unitUnavailable',
        date,
        reason: `the host unit has marked ${date} as a day it cannot host; send "acknowledge": ["unitUnavailable"] to hold the meeting there anyway`,
      });
    }
    return out;
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
        WHERE s.setup_completed_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM rotation_slot r JOIN unit u ON u.id = r.unit_id WHERE r.series_id = s.id AND u.active)
          AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.series_id = s.id
                           AND (m.status = 'draft' OR (m.status = 'confirmed' AND m.ends_at > $1)))`,
      [now],
    );
    return rows.map((r) => r.id);
  }
}
