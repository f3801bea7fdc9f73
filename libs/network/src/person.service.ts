import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { badField, Page, PageQuery } from './dto-helpers';
import { CreatePersonDto, UpdatePersonDto } from './person.dto';
import { Person, PersonKind } from './person.entity';
import { SeriesMembership } from './series-membership.entity';
import { Unit } from './unit.entity';

export interface PersonFilter extends PageQuery {
  kind?: PersonKind;
  seriesId?: string;
  q?: string;
}

/**
 * How a write treats an address that belongs to another person. `seesHolder` (from
 * AccessPolicy.canSeePerson): without it (the CLI, the demo seed) or when the caller sees the holder,
 * the write is refused with 409. When the caller cannot see the holder, the 409 would tell them who is
 * in Kierto; instead the address is saved as this person's email (invitations and notices go to it)
 * but not as a login address (email_normalized stays empty): it logs nobody in, and the holder's
 * account is untouched. The answer is the same as for an address nobody has.
 */
export interface AddressClashPolicy {
  seesHolder?: (personId: string) => Promise<boolean>;
}

@Injectable()
export class PersonService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(
    actorId: string | null,
    dto: CreatePersonDto,
    em?: EntityManager,
    clash: AddressClashPolicy = {},
  ): Promise<Person> {
    const run = async (m: EntityManager) => {
      const person = m.create(Person, { createdById: actorId, preferredLanguage: 'fi' });
      await this.apply(m, person, dto);
      return this.save(m, person, clash);
    };
    return em ? run(em) : this.db.transaction(run);
  }

  /** `em`: the caller's transaction (the email change and its notice commit together). */
  async update(
    id: string,
    dto: UpdatePersonDto,
    em?: EntityManager,
    clash: AddressClashPolicy = {},
  ): Promise<Person> {
    const run = async (m: EntityManager) => {
      const person = await this.get(id, m);
      await this.apply(m, person, dto);
      return this.save(m, person, clash);
    };
    return em ? run(em) : this.db.transaction(run);
  }

  private async apply(em: EntityManager, p: Person, dto: UpdatePersonDto) {
    if (dto.displayName !== undefined) p.displayName = dto.displayName.trim();
    if (dto.kind !== undefined) p.kind = dto.kind;
    if (dto.preferredLanguage !== undefined) p.preferredLanguage = dto.preferredLanguage;
    if (dto.email !== undefined) {
      p.email = dto.email ? dto.email.trim() : null;
      p.emailNormalized = p.email ? p.email.toLowerCase() : null;
    }
    if (dto.homeUnitId !== undefined) {
      if (dto.homeUnitId && !(await em.exists(Unit, { where: { id: dto.homeUnitId } }))) {
        throw badField('homeUnitId', 'homeUnitId must be the id of an existing unit');
      }
      p.homeUnitId = dto.homeUnitId ?? null;
    }
    if (dto.emailConsent !== undefined) {
      p.emailConsentAt = dto.emailConsent?.givenOn ?? null;
      p.emailConsentMethod = dto.emailConsent?.method ?? null;
    }
    if (p.homeUnitId && p.kind !== 'staff') {
      throw badField('homeUnitId', 'only staff have a home unit');
    }
  }

  private async save(em: EntityManager, p: Person, policy: AddressClashPolicy): Promise<Person> {
    if (p.emailNormalized) {
      const clash = await em.findOne(Person, { where: { emailNormalized: p.emailNormalized } });
      if (clash && clash.id !== p.id) {
        if (!policy.seesHolder || (await policy.seesHolder(clash.id)))
          throw new ConflictException('Another person has this email address');
        p.emailNormalized = null;
      }
    }
    return em.save(p);
  }

  async get(id: string, em: EntityManager = this.db.manager): Promise<Person> {
    const person = await em.findOne(Person, { where: { id } });
    if (!person) throw new NotFoundException(`No person ${id}`);
    return person;
  }

  /** `ids`: the people the caller sees (AccessPolicy.visiblePersonIds). */
  async listVisible(ids: string[], f: PersonFilter): Promise<Page<Person>> {
    const qb = this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .where(ids.length ? 'p.id IN (:...ids)' : 'false', { ids })
      .orderBy('p.displayName')
      .addOrderBy('p.id')
      .skip(f.offset)
      .take(f.limit);
    if (f.kind) qb.andWhere('p.kind = :kind', { kind: f.kind });
    if (f.seriesId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM series_membership m2 WHERE m2.person_id = p.id AND m2.series_id = :sid)',
        {
          sid: f.seriesId,
        },
      );
    }
    if (f.q) qb.andWhere('p.display_name ILIKE :q', { q: `%${f.q.replace(/[%_\\]/g, '\\$&')}%` });
    const [items, total] = await qb.getManyAndCount();
    return { items, total, limit: f.limit, offset: f.offset };
  }

  async addMember(seriesId: string, personId: string): Promise<SeriesMembership> {
    await this.get(personId);
    const repo = this.db.getRepository(SeriesMembership);
    await repo.upsert({ seriesId, personId, active: true }, ['seriesId', 'personId']);
    return repo.findOneOrFail({ where: { seriesId, personId } });
  }

  async removeMember(seriesId: string, personId: string): Promise<void> {
    const result = await this.db
      .getRepository(SeriesMembership)
      .update({ seriesId, personId }, { active: false });
    if (!result.affected) throw new NotFoundException(`Person ${personId} is not a member of this series`);
  }

  async members(
    seriesId: string,
    f: PageQuery & { kind?: PersonKind; active?: boolean },
  ): Promise<Page<{ person: Person; membership: SeriesMembership }>> {
    const qb = this.db
      .getRepository(SeriesMembership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.person', 'p')
      .where('m.series_id = :seriesId', { seriesId })
      .orderBy('p.displayName')
      .addOrderBy('p.id')
      .skip(f.offset)
      .take(f.limit);
    if (f.kind) qb.andWhere('p.kind = :kind', { kind: f.kind });
    if (f.active !== undefined) qb.andWhere('m.active = :active', { active: f.active });
    const [rows, total] = await qb.getManyAndCount();
    return {
      items: rows.map((m) => ({ person: m.person as Person, membership: m })),
      total,
      limit: f.limit,
      offset: f.offset,
    };
  }
}
