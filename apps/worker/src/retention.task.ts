import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KiertoConfig } from '@kierto/config';
import { PeriodicTask } from './periodic-task';

/**
 * How long records that hold personal data are kept once they have served their purpose.
 * - Outbox rows (addresses, notice texts, SMTP errors): 90 days after they were sent, superseded or
 *   failed, and only once their meeting is over: long enough to answer "did my invitation go out?".
 * - Audit events: 2 years. A complaint to the Parliamentary Ombudsman (or a data-protection request
 *   about who saw one's details) is looked into when it is at most two years old, so the evidence is
 *   kept that long and no longer.
 * - RSVP links: 90 days after their meeting ended (there is nothing left to answer).
 * - Login links: a day after use or expiry (a failed login can still be told apart from an unknown
 *   link that day). Sessions: once ended (absolute or idle). Rate-limit counters: once their window ends.
 * Calendar, unsubscribe and minutes links stay: old emails must keep working.
 */
export const RETENTION = {
  mailJobDays: 90,
  auditEventDays: 730,
  rsvpLinkDaysAfterMeeting: 90,
  loginLinkDays: 1,
} as const;

/** Rows removed per statement: short transactions that never hold many locks. */
const BATCH = 1000;
/** The deletions are cheap but not needed every tick. */
const EVERY_MS = 60 * 60 * 1000;

/** Deletes, in batches, what RETENTION says is past keeping. Idempotent; logs counts only. */
@Injectable()
export class RetentionTask implements PeriodicTask {
  readonly name = 'retention';
  private readonly logger = new Logger(RetentionTask.name);
  private lastRun = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: KiertoConfig,
  ) {}

  async run(now: Date): Promise<number> {
    if (now.getTime() - this.lastRun < EVERY_MS && now.getTime() >= this.lastRun) return 0;
    const counts = await this.purge(now);
    this.lastRun = now.getTime();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > 0) this.logger.log({ deleted: counts }, 'Retention: deleted old rows');
    return total;
  }

  /** Every rule once, whatever the time since the last run (tests call this). */
  async purge(now: Date): Promise<Record<string, number>> {
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
    return {
      mailJobs: await this.batched(
        'mail_job',
        `status IN ('sent', 'superseded', 'failed') AND updated_at < $1
         AND (meeting_id IS NULL OR EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_id AND m.ends_at < $2))`,
        [days(RETENTION.mailJobDays), now],
      ),
      auditEvents: await this.batched('audit_event', `at < $1`, [days(RETENTION.auditEventDays)]),
      rsvpLinks: await this.batched(
        'access_token',
        `purpose = 'rsvp' AND created_at < $1 AND EXISTS (SELECT 1 FROM invitation i JOIN meeting m ON m.id = i.meeting_id
           WHERE i.id = subject_id AND m.ends_at < $1)`,
        [days(RETENTION.rsvpLinkDaysAfterMeeting)],
      ),
      loginLinks: await this.batched('login_token', `used_at < $1 OR expires_at < $1`, [
        days(RETENTION.loginLinkDays),
      ]),
      sessions: await this.batched('web_session', `expires_at < $1 OR last_seen_at < $2`, [
        now,
        new Date(now.getTime() - this.config.SESSION_IDLE_MINUTES * 60_000),
      ]),
      rateLimits: await this.batched('rate_limit', `expires_at < $1`, [now]),
    };
  }

  private async batched(table: string, where: string, params: unknown[]): Promise<number> {
    let total = 0;
    for (;;) {
      const [, n] = (await this.db.query(
        `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${table} WHERE ${where} LIMIT ${BATCH}))`,
        params,
      )) as [unknown, number];
      total += n;
      if (n < BATCH) return total;
    }
  }
}
