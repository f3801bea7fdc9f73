import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { badField, Page, PageQuery } from './dto-helpers';
import { CreateBlackoutDto, CreateUnitDto, UpdateUnitDto } from './unit.dto';
import { UnitBlackout } from './unit-blackout.entity';
import { Unit } from './unit.entity';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class UnitService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * `em`: the caller's transaction (the CSV import writes every row in one). `createdById`: the
   * coordinator creating it, who alone sees it until a series uses it (AccessPolicy.canSeeUnit).
   */
  async create(
    dto: CreateUnitDto,
    em: EntityManager = this.db.manager,
    createdById: string | null = null,
  ): Promise<Unit> {
    try {
      return await em.getRepository(Unit).save(
        em.getRepository(Unit).create({
          name: dto.name.trim(),
          streetAddress: dto.streetAddress.trim(),
          accessibilityNotes: dto.accessibilityNotes ?? null,
          contactEmail: dto.contactEmail ?? null,
          active: dto.active ?? true,
          createdById,
        }),
      );
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new ConflictException(`A unit named "${dto.name}" exists already`);
      }
      throw e;
    }
  }

  /** `ids`: only these (the units the caller may see, from AccessPolicy.visibleUnitIds). */
  async list(page: PageQuery & { active?: boolean; q?: string; ids?: string[] }): Promise<Page<Unit>> {
    const qb = this.db
      .getRepository(Unit)
      .createQueryBuilder('u')
      .orderBy('u.name')
      .skip(page.offset)
      .take(page.limit);
    if (page.ids) qb.andWhere(page.ids.length ? 'u.id IN (:...ids)' : 'false', { ids: page.ids });
    if (page.active !== undefined) qb.andWhere('u.active = :active', { active: page.active });
    if (page.q) qb.andWhere('u.name ILIKE :q', { q: `%${page.q.replace(/[%_\\]/g, '\\$&')}%` });
    const [items, total] = await qb.getManyAndCount();
    return { items, total, limit: page.limit, offset: page.offset };
  }

  async get(id: string, em: EntityManager = this.db.manager): Promise<Unit> {
    const unit = await em.findOne(Unit, { where: { id } });
    if (!unit) throw new NotFoundException(`No unit ${id}`);
    return unit;
  }

  /** The units of a list's rows, in one query (lists never look their units up one by one). */
  async byIds(ids: Iterable<string>, em: EntityManager = this.db.manager): Promise<Map<string, Unit>> {
    const unique = [...new Set(ids)];
    const units = unique.length ? await em.find(Unit, { where: { id: In(unique) } }) : [];
    return new Map(units.map((u) => [u.id, u]));
  }

  async update(id: string, dto: UpdateUnitDto): Promise<Unit> {
    const unit = await this.get(id);
    Object.assign(unit, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    try {
      return await this.db.getRepository(Unit).save(unit);
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new ConflictException(`A unit named "${dto.name}" exists already`);
      }
      throw e;
    }
  }

  async blackouts(unitIds: string[], em: EntityManager = this.db.manager): Promise<UnitBlackout[]> {
    if (unitIds.length === 0) return [];
    return em.find(UnitBlackout, { where: { unitId: In(unitIds) }, order: { startsOn: 'ASC' } });
  }

  async addBlackout(unitId: string, dto: CreateBlackoutDto): Promise<UnitBlackout> {
    if (dto.endsOn < dto.startsOn) {
      throw badField('endsOn', 'endsOn must be on or after startsOn');
    }
    await this.get(unitId);
    const repo = this.db.getRepository(UnitBlackout);
    return repo.save(
      repo.create({ unitId, startsOn: dto.startsOn, endsOn: dto.endsOn, reason: dto.reason ?? null }),
    );
  }

  async removeBlackout(unitId: string, blackoutId: string): Promise<void> {
    const result = await this.db.getRepository(UnitBlackout).delete({ id: blackoutId, unitId });
    if (!result.affected) throw new NotFoundException(`No blackout ${blackoutId} on unit ${unitId}`);
  }
}
