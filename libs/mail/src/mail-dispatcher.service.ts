import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { Person } from '@kierto/network';
import { KiertoConfig } from '@kierto/config';
import { MailComposer } from './mail-composer';
import { MailJob } from './mail-job.entity';
import { MailTransport } from './mail-transport';

interface SmtpError {
  responseCode?: number;
  code?: string;
  message?: string;
}

const SENDERS = 12;

/**
 * A read-only EntityManager for one batch: findOne, findOneOrFail and find answer from memory when the
 * same lookup was made before in the batch; `prime` fills in rows loaded together (the recipients).
 */
export function batchManager(em: EntityManager): EntityManager & {
  prime(entity: EntityTarget<ObjectLiteral>, rows: { id: string }[]): void;
} {
  const cache = new Map<string, Promise<unknown>>();
  const key = (method: string, entity: unknown, options: unknown) =>
    `${method}:${typeof entity === 'function' ? entity.name : String(entity)}:${JSON.stringify(options)}`;
  const memo =
    (method: 'findOne' | 'findOneOrFail' | 'find') =>
    (entity: EntityTarget<ObjectLiteral>, options: unknown) => {
      const k = key(method, entity, options);
      if (!cache.has(k))
        cache.set(k, (em[method] as (e: unknown, o: unknown) => Promise<unknown>).call(em, entity, options));
      return cache.get(k);
    };
  const overrides = {
    findOne: memo('findOne'),
    findOneOrFail: memo('findOneOrFail'),
    find: memo('find'),
    prime(entity: EntityTarget<ObjectLiteral>, rows: { id: string }[]) {
      for (const row of rows)
        cache.set(key('findOne', entity, { where: { id: row.id } }), Promise.resolve(row));
    },
  };
  return new Proxy(em, {
    get: (target, prop, receiver) =>
      prop in overrides ? overrides[prop as keyof typeof overrides] : Reflect.get(target, prop, receiver),
  }) as EntityManager & typeof overrides;
}

/** 5xx answers are permanent; 4xx answers and lost connections are worth another try. */
export function isPermanent(error: SmtpError): boolean {
  return typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;
}

/** A login token is no use once its row is given up, so it is not kept there either. */
function withoutLogin(job: MailJob): MailJob['payload'] {
  return { ...job.payload, loginToken: undefined };
}

/**
 * Sends due outbox rows. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so several workers
 * can run side by side and each row is sent by one of them.
 */
@Injectable()
export class MailDispatcher {
  private readonly logger = new Logger(MailDispatcher.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: KiertoConfig,
    private readonly composer: MailComposer,
    private readonly transport: MailTransport,
  ) {}

  /** Sends up to `limit` due messages, priority rows first; returns how many were handled. */
  async dispatchDue(now = new Date(), limit = 50): Promise<number> {
    return this.sendBatch(await this.claim(now, limit, null), now);
  }

  /**
   * Sends one row now, if it is due and no worker has it (the login link, right after its commit).
   * A failure leaves it to the worker's retries like any other row.
   */
  async dispatchNow(id: string, now = new Date()): Promise<boolean> {
    const [claimed] = await this.claim(now, 1, id);
    if (!claimed) return false;
    await this.sendBatch([claimed], now);
    return true;
  }

  /** Sends claimed rows; returns how many. */
  private async sendBatch(ids: string[], now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    // The claimed rows and their recipients in two queries; what the messages share (meeting, series,
    // host, agenda) is read once per batch.
    const jobs = await this.db.getRepository(MailJob).find({ where: { id: In(ids) } });
    const em = batchManager(this.db.manager);
    const personIds = [...new Set(jobs.flatMap((j) => (j.personId ? [j.personId] : [])))];
    if (personIds.length)
      em.prime(Person, await this.db.manager.find(Person, { where: { id: In(personIds) } }));
    // A steady stream of SENDERS messages in flight (four per connection of the SMTP pool of three), so a
    // slow message does not hold up the others.
    let next = 0;
    const sender = async () => {
      while (next < jobs.length) await this.sendOne(jobs[next++], em, now);
    };
    await Promise.all(Array.from({ length: Math.min(SENDERS, jobs.length) }, sender));
    return ids.length;
  }

  private async claim(now: Date, limit: number, onlyId: string | null): Promise<string[]> {
    const [rows] = (await this.db.query(
      `UPDATE mail_job SET status = 'sending', attempts = attempts + 1,
              locked_until = $1::timestamptz + make_interval(secs => $3), updated_at = now()
        WHERE id IN (SELECT id FROM mail_job
                      WHERE ((status IN ('queued', 'retrying') AND next_attempt_at <= $1)
                         OR (status = 'sending' AND locked_until < $1))
                        AND ($4::uuid IS NULL OR id = $4::uuid)
                      ORDER BY priority DESC, next_attempt_at, created_at
                      LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, limit, this.config.MAIL_LEASE_SECONDS, onlyId],
    )) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  private async sendOne(job: MailJob, em: EntityManager, now: Date): Promise<void> {
    const repo = this.db.getRepository(MailJob);
    const id = job.id;
    let composition;
    try {
      composition = await this.composer.compose(em, job, now);
    } catch (e) {
      await repo.update(
        { id },
        {
          status: 'failed',
          lastError: `could not build the message: ${String(e)}`,
          payload: withoutLogin(job),
        },
      );
      this.logger.error({ jobId: id, kind: job.kind }, 'Could not build a message');
      return;
    }
    if ('skip' in composition) {
      await repo.update(
        { id },
        { status: 'superseded', lastError: composition.skip, lockedUntil: null, payload: withoutLogin(job) },
      );
      return;
    }
    try {
      const result = await this.transport.send(composition.message);
      if (result.rejected.length > 0)
        throw Object.assign(new Error('recipient rejected'), { responseCode: 550 });
      await repo.update(
        { id },
        {
          status: 'sent',
          sentAt: new Date(),
          messageId: result.messageId,
          lockedUntil: null,
          // lastError stays: the coordinator sees what the retries were about.
          // The personal tokens are no longer needed once the message is out.
          payload: {
            ...job.payload,
            rsvpToken: undefined,
            calendarToken: undefined,
            unsubscribeToken: undefined,
            loginToken: undefined,
            // A notice's link may be personal (the minutes reader's token): not kept either.
            notice: job.payload.notice ? { ...job.payload.notice, url: null } : undefined,
          },
        },
      );
    } catch (e) {
      const err = e as SmtpError;
      const reason = `${err.responseCode ?? err.code ?? 'error'}: ${(err.message ?? '').slice(0, 300)}`;
      if (isPermanent(err) || job.attempts >= this.config.MAIL_MAX_ATTEMPTS) {
        await repo.update(
          { id },
          { status: 'failed', lastError: reason, lockedUntil: null, payload: withoutLogin(job) },
        );
        this.logger.warn({ jobId: id, kind: job.kind, reason: err.responseCode ?? err.code }, 'Mail failed');
      } else {
        const delay = Math.min(3600, this.config.MAIL_RETRY_BASE_SECONDS * 2 ** (job.attempts - 1));
        await repo.update(
          { id },
          {
            status: 'retrying',
            lastError: reason,
            lockedUntil: null,
            nextAttemptAt: new Date(now.getTime() + delay * 1000),
          },
        );
      }
    }
  }
}
