import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { Person } from '@kierto/network';
import { AuditService } from './audit.service';
import { LoginMail } from './login-mail';
import { RateLimitService } from './rate-limit.service';
import { looksLikeToken, newSecretToken, sha256Hex } from './secret-token';
import { SessionService } from './session.service';
import { TooManyAttemptsException } from './too-many-attempts.exception';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export function normalizeEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/**
 * Login by an emailed link. Who may log in: staff and coordinators with an address; service users
 * never log in this way. The answer to a request never tells whether the address is known.
 */
@Injectable()
export class LoginService {
  private readonly logger = new Logger('Login');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: KiertoConfig,
    private readonly rateLimit: RateLimitService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly mail: LoginMail,
  ) {}

  /**
   * Counts the attempt per address and per IP (429 past the limits, known address or not), then, for
   * a person who may log in, replaces their unused links with a new one and emails it. The email goes
   * out after the answer, so the answer takes about as long for an unknown address.
   */
  async requestLink(email: string, ip: string): Promise<void> {
    const window = this.config.LOGIN_LIMIT_WINDOW_MINUTES * 60;
    const byAddress = await this.rateLimit.hit(`login-address:${sha256Hex(email)}`, window);
    const byIp = await this.rateLimit.hit(`login-ip:${sha256Hex(ip)}`, window);
    if (byAddress.count > this.config.LOGIN_LIMIT_PER_ADDRESS)
      throw new TooManyAttemptsException(byAddress.secondsLeft);
    if (byIp.count > this.config.LOGIN_LIMIT_PER_IP) throw new TooManyAttemptsException(byIp.secondsLeft);

    const issued = await issueLoginLink(this.db, this.config, email, 'email');
    if (!issued) return;
    const { person, url } = issued;
    this.mail
      .send(person, url, this.config.LOGIN_LINK_MINUTES)
      .catch((e: unknown) =>
        this.logger.error(`Login link to person ${person.id} not sent: ${(e as Error)?.message ?? e}`),
      );
  }

  /** Whether a link can still be used (for the landing page; it changes nothing). */
  async isUsable(token: string): Promise<boolean> {
    if (!looksLikeToken(token)) return false;
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM login_token WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
      [sha256Hex(token)],
    );
    return rows.length > 0;
  }

  /**
   * Uses the link (once: a single conditional UPDATE, so two concurrent requests cannot both win)
   * and starts a new session in the same transaction, ending this browser's previous one.
   */
  async logIn(
    token: string,
    previousSessionId?: string,
  ): Promise<{ person: Person; sessionId: string; maxAgeSeconds: number } | null> {
    if (!looksLikeToken(token)) {
      await this.audit.record({ action: 'login-failed', details: { reason: 'malformed' } });
      return null;
    }
    const hash = sha256Hex(token);
    const result = await this.db.transaction(async (em) => {
      const [rows] = (await em.query(
        `UPDATE login_token SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING person_id`,
        [hash],
      )) as [{ person_id: string }[], number];
      if (rows.length === 0) return null;
      const person = await this.mayLogIn(em, { id: rows[0].person_id });
      if (!person) return null;
      const session = await this.sessions.start(person.id, previousSessionId, em);
      await this.audit.record(
        {
          action: 'login',
          actorPersonId: person.id,
          subject: `person:${person.id}`,
          details: { via: 'email-link' },
        },
        em,
      );
      return { person, sessionId: session.id, maxAgeSeconds: session.maxAgeSeconds };
    });
    if (!result) await this.recordFailure(hash);
    return result;
  }

  private async recordFailure(hash: string): Promise<void> {
    const rows: { person_id: string; used: boolean; expired: boolean }[] = await this.db.query(
      `SELECT person_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired
         FROM login_token WHERE token_hash = $1`,
      [hash],
    );
    const row = rows[0];
    const reason = !row ? 'unknown' : row.used ? 'used' : row.expired ? 'expired' : 'not-allowed';
    await this.audit.record({
      action: 'login-failed',
      subject: row ? `person:${row.person_id}` : null,
      details: { reason },
    });
  }

  private mayLogIn(em: EntityManager, by: { email: string } | { id: string }): Promise<Person | null> {
    return mayLogIn(em, by);
  }
}

/** A person who may log in by email: has an address, is staff or a coordinator, and is not a service user. */
function mayLogIn(em: EntityManager, by: { email: string } | { id: string }): Promise<Person | null> {
  const qb = em
    .getRepository(Person)
    .createQueryBuilder('p')
    .where(`p.kind <> 'service_user'`)
    .andWhere('p.email_normalized IS NOT NULL')
    .andWhere(`(p.kind = 'staff' OR EXISTS (SELECT 1 FROM coordinator_grant g WHERE g.person_id = p.id))`);
  if ('email' in by) qb.andWhere('p.email_normalized = :email', { email: by.email });
  else qb.andWhere('p.id = :id', { id: by.id });
  return qb.getOne();
}

/**
 * A new one-time login link for a person who may log in (null for anyone else): their unused links
 * go, so only the newest works. `via`: emailed from /login, or printed by `npm run cli -- login-link`
 * for the operator at the terminal (the first login of a demo without SMTP_URL). Audited, ids only.
 */
export async function issueLoginLink(
  db: DataSource,
  config: KiertoConfig,
  email: string,
  via: 'email' | 'cli',
): Promise<{ person: Person; url: string } | null> {
  const person = await mayLogIn(db.manager, { email });
  if (!person) return null;
  const token = newSecretToken();
  await db.transaction(async (em) => {
    // Only the newest link works: a link forwarded or lying in an old message is dead.
    await em.query(`DELETE FROM login_token WHERE person_id = $1 AND used_at IS NULL`, [person.id]);
    await em.query(
      `INSERT INTO login_token (token_hash, person_id, expires_at)
       VALUES ($1, $2, now() + make_interval(mins => $3::int))`,
      [sha256Hex(token), person.id, config.LOGIN_LINK_MINUTES],
    );
    await em.query(`DELETE FROM login_token WHERE expires_at < now() - interval '1 day'`);
    await em.query(`INSERT INTO audit_event (action, subject, details) VALUES ('login-link-sent', $1, $2)`, [
      `person:${person.id}`,
      via === 'cli' ? { via } : {},
    ]);
  });
  return { person, url: `${publicUrl(config)}/login/${token}` };
}
