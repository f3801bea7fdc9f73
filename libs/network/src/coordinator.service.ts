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

/** How long a new API token works unless `days` says otherwise. */
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 730;
export const API_TOKEN_DEFAULT_NAME = 'default';
const TOKEN_NAME = /^[\p{L}\p{N}._-]{1,40}$/u;

export interface IssueTokenOptions {
  /** A name unique among the person's live tokens; a live token of that name is revoked and replaced. */
  tokenName?: string;
  /** Days until the token stops working (1–API_TOKEN_MAX_DAYS). */
  days?: number;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: 'active' | 'expired' | 'revoked';
}

/** A bad argument to a token command, with the option it is about. */
export class ApiTokenInputError extends Error {}

/** What is wrong with a token name or a number of days, or null. */
export function tokenOptionProblems(o: IssueTokenOptions): string[] {
  const problems: string[] = [];
  if (o.tokenName !== undefined && !TOKEN_NAME.test(o.tokenName))
    problems.push('--token-name must be 1–40 letters, digits, dots, dashes or underscores');
  if (o.days !== undefined && !(Number.isInteger(o.days) && o.days >= 1 && o.days <= API_TOKEN_MAX_DAYS))
    problems.push(`--days must be a whole number from 1 to ${API_TOKEN_MAX_DAYS}`);
  return problems;
}

/**
 * Coordinators and their personal API tokens. A token is shown once; only its SHA-256 is kept. Tokens
 * have a name, expire (API_TOKEN_DEFAULT_DAYS by default) and can be revoked; an expired or revoked
 * token opens nothing.
 */
@Injectable()
export class CoordinatorService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Creates (or finds by email) a staff person, makes them a coordinator and issues a new API token.
   * A live token of the same name is revoked in the same transaction: re-running replaces, never piles up.
   */
  async createWithToken(
    email: string,
    name: string,
    options: IssueTokenOptions = {},
  ): Promise<{ person: Person; token: string; tokenInfo: ApiTokenInfo; replaced: boolean }> {
    const problems = tokenOptionProblems(options);
    if (problems.length) throw new ApiTokenInputError(problems.join('; '));
    const tokenName = options.tokenName ?? API_TOKEN_DEFAULT_NAME;
    const days = options.days ?? API_TOKEN_DEFAULT_DAYS;
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
      const replaced = await em
        .createQueryBuilder()
        .update(ApiToken)
        .set({ revokedAt: () => 'now()' })
        .where('person_id = :p AND name = :n AND revoked_at IS NULL', { p: person.id, n: tokenName })
        .execute();
      const token = `kt_${randomBytes(32).toString('base64url')}`;
      const [row] = (await em.query(
        `INSERT INTO api_token (person_id, token_hash, name, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(days => $4)) RETURNING id`,
        [person.id, hashToken(token), tokenName, days],
      )) as { id: string }[];
      const saved = await em.findOneByOrFail(ApiToken, { id: row.id });
      return { person, token, tokenInfo: toInfo(saved, new Date()), replaced: (replaced.affected ?? 0) > 0 };
    });
  }

  /** Every token of the coordinator with this address (never the token itself), newest first. */
  async listTokens(email: string): Promise<{ person: Person; tokens: ApiTokenInfo[] }> {
    const person = await this.coordinatorByEmail(email);
    const rows = await this.db
      .getRepository(ApiToken)
      .find({ where: { personId: person.id }, order: { createdAt: 'DESC' } });
    const [{ now }] = (await this.db.query('SELECT now() AS now')) as { now: Date }[];
    return { person, tokens: rows.map((r) => toInfo(r, now)) };
  }

  /** Revokes the live token of this name (or id) of the coordinator with this address. */
  async revokeToken(email: string, which: { tokenName?: string; id?: string }): Promise<ApiTokenInfo> {
    const person = await this.coordinatorByEmail(email);
    const qb = this.db
      .createQueryBuilder()
      .update(ApiToken)
      .set({ revokedAt: () => 'now()' })
      .where('person_id = :p AND revoked_at IS NULL', { p: person.id });
    if (which.id !== undefined) {
      if (!/^[0-9a-f-]{36}$/i.test(which.id)) throw new ApiTokenInputError('--id must be a token id');
      qb.andWhere('id = :id', { id: which.id });
    } else if (which.tokenName !== undefined) qb.andWhere('name = :n', { n: which.tokenName });
    else throw new ApiTokenInputError('Give --token-name or --id of the token to revoke');
    const result = await qb.returning('id').execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    if (!id) {
      throw new ApiTokenInputError(
        `${person.email} has no live token ${which.id ?? which.tokenName} (see coordinator:tokens)`,
      );
    }
    return toInfo(await this.db.getRepository(ApiToken).findOneByOrFail({ id }), new Date());
  }

  private async coordinatorByEmail(email: string): Promise<Person> {
    const person = await this.db
      .getRepository(Person)
      .findOne({ where: { emailNormalized: email.trim().toLowerCase() } });
    const granted =
      person && (await this.db.getRepository(CoordinatorGrant).exists({ where: { personId: person.id } }));
    if (!person || !granted) throw new ApiTokenInputError(`No coordinator has the address ${email.trim()}`);
    return person;
  }

  /** The coordinator a token belongs to, or null for an unknown, expired, revoked or non-coordinator token. */
  async authenticate(token: string): Promise<Person | null> {
    // One query on every API request: the token, its person and the coordinator grant together.
    const row = await this.db
      .getRepository(ApiToken)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.person', 'person')
      .innerJoin(CoordinatorGrant, 'g', 'g.person_id = t.person_id')
      .where('t.token_hash = :h AND t.revoked_at IS NULL AND t.expires_at > now()', { h: hashToken(token) })
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

function toInfo(r: ApiToken, now: Date): ApiTokenInfo {
  const status = r.revokedAt ? 'revoked' : r.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
  return {
    id: r.id,
    name: r.name,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
    status,
  };
}
