import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { MailDispatcher, OutboxService } from '@kierto/mail';
import { acceptCoordinatorInvitations, Person } from '@kierto/network';
import { AuditService } from './audit.service';
import { RateLimitService } from './rate-limit.service';
import { safeReturnTo } from './return-to';
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
export class LoginService implements OnApplicationShutdown {
  private readonly logger = new Logger('Login');
  /** Link work runs after the answer, one request after another (so the newest link is the one that works). */
  private pending: Promise<void> = Promise.resolve();
  /** Emails on their way (not in the chain above: a slow SMTP server must not hold up the next link). */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: KiertoConfig,
    private readonly rateLimit: RateLimitService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: MailDispatcher,
  ) {}

  /**
   * Counts the attempt per address and per IP (429 past the limits, known address or not). Everything
   * that depends on whether the address is known (finding the person, replacing their unused links with
   * a new one, the audit event, queueing the email in the outbox in that transaction and sending it)
   * runs after the answer, so a known and an unknown address answer in the same time.
   */
  async requestLink(email: string, ip: string, returnTo: string | null = null): Promise<void> {
    const window = this.config.LOGIN_LIMIT_WINDOW_MINUTES * 60;
    const byAddress = await this.rateLimit.hit(`login-address:${sha256Hex(email)}`, window);
    const byIp = await this.rateLimit.hit(`login-ip:${sha256Hex(ip)}`, window);
    if (byAddress.count > this.config.LOGIN_LIMIT_PER_ADDRESS)
      throw new TooManyAttemptsException(byAddress.secondsLeft);
    if (byIp.count > this.config.LOGIN_LIMIT_PER_IP) throw new TooManyAttemptsException(byIp.secondsLeft);
    this.pending = this.pending.then(() =>
      this.issueLink(email, safeReturnTo(returnTo)).catch((e: unknown) =>
        // No address in the log: the person's id is logged once known.
        this.logger.error(`Login link not issued: ${(e as Error)?.message ?? e}`),
      ),
    );
  }

  /** Resolves when the link work of every request answered so far is done (tests, shutdown). */
  async settled(): Promise<void> {
    await this.pending;
    await Promise.all([...this.sending]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /** For a person who may log in: replaces their unused links with a new one and emails it. */
  private async issueLink(email: string, returnTo: string | null): Promise<void> {
    const issued = await issueLoginLink(
      this.db,
      this.config,
      email,
      'email',
      (em, personId, token) => this.outbox.enqueueLogin(em, personId, token),
      { returnTo },
    );
    if (!issued?.jobId) return;
    const jobId = issued.jobId;
    // Sent right away (the worker would retry it anyway); the answer has already gone.
    const sent = this.dispatcher
      .dispatchNow(jobId)
      .then(() => undefined)
      .catch((e: unknown) =>
        this.logger.error(`Login link ${jobId} not sent now: ${(e as Error)?.message ?? e}`),
      )
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
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
  ): Promise<{ person: Person; sessionId: string; maxAgeSeconds: number; returnTo: string | null } | null> {
    if (!looksLikeToken(token)) {
      await this.audit.record({ action: 'login-failed', details: { reason: 'malformed' } });
      return null;
    }
    const hash = sha256Hex(token);
    const result = await this.db.transaction(async (em) => {
      const [rows] = (await em.query(
        `UPDATE login_token SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING person_id, return_to`,
        [hash],
      )) as [{ person_id: string; return_to: string | null }[], number];
      if (rows.length === 0) return null;
      const person = await this.mayLogIn(em, { id: rows[0].person_id });
      if (!person) return null;
      // Whoever owns the address takes up the coordinator invitations sent to it.
      await acceptCoordinatorInvitations(em, person);
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
      return {
        person,
        sessionId: session.id,
        maxAgeSeconds: session.maxAgeSeconds,
        returnTo: safeReturnTo(rows[0].return_to),
      };
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
  /** Queues the email in the same transaction (the outbox row's id); the CLI prints the link instead. */
  enqueue?: (em: EntityManager, personId: string, token: string) => Promise<string>,
  /** Where the link lands (a same-site path) and how long it works (default LOGIN_LINK_MINUTES). */
  options: { returnTo?: string | null; minutes?: number; em?: EntityManager } = {},
): Promise<{ person: Person; url: string; jobId: string | null } | null> {
  const person = await mayLogIn(options.em ?? db.manager, { email });
  if (!person) return null;
  const token = newSecretToken();
  const run = async (em: EntityManager) => {
    // Only the newest link works: a link forwarded or lying in an old message is dead.
    await em.query(`DELETE FROM login_token WHERE person_id = $1 AND used_at IS NULL`, [person.id]);
    await em.query(
      `INSERT INTO login_token (token_hash, person_id, expires_at, return_to)
       VALUES ($1, $2, now() + make_interval(mins => $3::int), $4)`,
      [
        sha256Hex(token),
        person.id,
        options.minutes ?? config.LOGIN_LINK_MINUTES,
        safeReturnTo(options.returnTo),
      ],
    );
    await em.query(`DELETE FROM login_token WHERE expires_at < now() - interval '1 day'`);
    await em.query(`INSERT INTO audit_event (action, subject, details) VALUES ('login-link-sent', $1, $2)`, [
      `person:${person.id}`,
      via === 'cli' ? { via } : {},
    ]);
    return enqueue ? enqueue(em, person.id, token) : null;
  };
  const jobId = options.em ? await run(options.em) : await db.transaction(run);
  return { person, url: `${publicUrl(config)}/login/${token}`, jobId };
}
