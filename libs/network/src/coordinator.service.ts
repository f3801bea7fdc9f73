import { SeriesCoordinator } from './series-coordinator.entity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiToken } from './api-token.entity';
import { CoordinatorGrant } from './coordinator-grant.entity';
import { Person } from './person.entity';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Coordinators and their personal API tokens. A token is shown once; only its SHA-256 is kept. */
@Injectable()
export class CoordinatorService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates (or finds by email) a staff person, makes them a coordinator and issues a new API token. */
  async createWithToken(email: string, name: string): Promise<{ person: Person; token: string }> {
    const normalized = email.trim().toLowerCase();
    return this.db.transaction(async (em) => {
      let person = await em.findOne(Person, { where: { emailNormalized: normalized } });
      if (!person) {
        person = await em.save(
          em.create(Person, {
            displayName: name.trim(),
            email: email.trim(),
            emailNormalized: normalized,
            kind: 'staff',
            preferredLanguage: 'fi',
          }),
        );
      }
      await em.upsert(CoordinatorGrant, { personId: person.id }, ['personId']);
      const token = `kt_${randomBytes(32).toString('base64url')}`;
      await em.insert(ApiToken, { personId: person.id, tokenHash: hashToken(token) });
      return { person, token };
    });
  }

  /** The coordinator a token belongs to, or null for an unknown, revoked or non-coordinator token. */
  async authenticate(token: string): Promise<Person | null> {
    // One query on every API request: the token, its person and the coordinator grant together.
    const row = await this.db
      .getRepository(ApiToken)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.person', 'p')
      .innerJoin(CoordinatorGrant, 'g', 'g.person_id = t.person_id')
      .where('t.token_hash = :hash AND t.revoked_at IS NULL', { hash: hashToken(token) })
      .getOne();
    if (!row?.person) return null;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      await this.db.getRepository(ApiToken).update({ id: row.id }, { lastUsedAt: new Date() });
    }
    return row.person;
  }

  /** The series a person coordinates: what their API token may see. */
  async seriesIdsOf(personId: string): Promise<string[]> {
    const rows = await this.db
      .getRepository(SeriesCoordinator)
      .find({ where: { personId }, select: { seriesId: true } });
    return rows.map((r) => r.seriesId);
  }
}
