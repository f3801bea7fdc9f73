import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { makeCoordinator } from './coordinator-invitations';
import { Page, PageQuery } from './dto-helpers';
import { Person } from './person.entity';
import { SeriesCoordinator } from './series-coordinator.entity';
import { CreateSeriesDto, UpdateSeriesDto } from './series.dto';
import { Series } from './series.entity';

@Injectable()
export class SeriesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates a series; its creator becomes its first coordinator. */
  async create(actorId: string, dto: CreateSeriesDto): Promise<Series> {
    return this.db.transaction(async (em) => {
      const series = em.create(Series, {
        name: dto.name.trim(),
        timezone: dto.timezone ?? 'Europe/Helsinki',
        cadenceMonths: dto.cadenceMonths,
        dayRuleNth: dto.dayRule.nth,
        dayRuleWeekday: dto.dayRule.weekday,
        startTime: dto.startTime,
        durationMinutes: dto.durationMinutes,
        defaultLanguage: dto.defaultLanguage ?? 'fi',
        invitationLeadDays: dto.invitationLeadDays ?? 21,
        reminderDays: dto.reminderDays ?? [7, 1],
        publicFeedback: dto.publicFeedback ?? false,
        // In the guided setup nothing is proposed until the coordinator starts the rotation.
        setupCompletedAt: dto.setup ? null : new Date(),
        setupStep: dto.setup ? 1 : 6,
      });
      await em.save(series);
      await makeCoordinator(em, series.id, actorId);
      return series;
    });
  }

  async listFor(actorId: string, page: PageQuery): Promise<Page<Series>> {
    const [items, total] = await this.db
      .getRepository(Series)
      .createQueryBuilder('s')
      .innerJoin(SeriesCoordinator, 'c', 'c.series_id = s.id AND c.person_id = :actorId', { actorId })
      .orderBy('s.createdAt', 'ASC')
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
    return { items, total, limit: page.limit, offset: page.offset };
  }

  async get(id: string, em: EntityManager = this.db.manager): Promise<Series> {
    const series = await em.findOne(Series, { where: { id } });
    if (!series) throw new NotFoundException(`No series ${id}`);
    return series;
  }

  async update(id: string, dto: UpdateSeriesDto): Promise<Series> {
    return this.db.transaction(async (em) => {
      const series = await em.findOne(Series, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!series) throw new NotFoundException(`No series ${id}`);
      const { dayRule, ...rest } = dto;
      Object.assign(series, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
      if (dayRule) {
        series.dayRuleNth = dayRule.nth;
        series.dayRuleWeekday = dayRule.weekday;
      }
      return em.save(series);
    });
  }

  /** Remembers the last step of the guided setup saved (never goes back: resuming opens the next one). */
  async setupStepDone(id: string, step: number): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(Series)
      .set({ setupStep: () => `GREATEST(setup_step, ${Math.trunc(step)})` })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Ends the guided setup: from now on the series' meetings are proposed (MeetingService). Returns
   * false when it was started already.
   */
  async startRotation(id: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(Series)
      .set({ setupCompletedAt: () => 'now()', setupStep: 6 })
      .where('id = :id AND setup_completed_at IS NULL', { id })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  async coordinators(seriesId: string): Promise<Person[]> {
    return this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .innerJoin(SeriesCoordinator, 'c', 'c.person_id = p.id AND c.series_id = :seriesId', { seriesId })
      .orderBy('p.displayName')
      .getMany();
  }

  /** Adds a coordinator (hand-over: add the new one, then remove yourself). The person needs an email. */
  async addCoordinator(seriesId: string, personId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const person = await em.findOne(Person, { where: { id: personId } });
      if (!person) throw new NotFoundException(`No person ${personId}`);
      if (!person.email || person.kind !== 'staff') {
        throw new ConflictException('A coordinator must be a staff member with an email address');
      }
      await makeCoordinator(em, seriesId, personId);
    });
  }

  async removeCoordinator(seriesId: string, personId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      // Lock the series so two concurrent removals cannot leave it without a coordinator.
      await em.findOne(Series, { where: { id: seriesId }, lock: { mode: 'pessimistic_write' } });
      const count = await em.count(SeriesCoordinator, { where: { seriesId } });
      const exists = await em.exists(SeriesCoordinator, { where: { seriesId, personId } });
      if (!exists) throw new NotFoundException(`Person ${personId} does not coordinate this series`);
      if (count <= 1)
        throw new ConflictException('A series needs at least one coordinator: add the new one first');
      await em.delete(SeriesCoordinator, { seriesId, personId });
    });
  }
}
