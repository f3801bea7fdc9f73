import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Series } from '@kierto/network';
import { NoticeData, NoticeKind } from './notice.types';

export type MeetingMailJobKind = 'invitation' | 'update' | 'cancellation' | 'reminder' | 'proposal-notice';
/**
 * 'login-link': no meeting, no series; sent at once (priority) and retried like any mail.
 * 'address-changed': to a person's old address when it is changed (no series, no person row).
 */
export type MailJobKind = MeetingMailJobKind | NoticeKind | 'login-link' | 'address-changed';
export type MailJobStatus = 'queued' | 'sending' | 'retrying' | 'sent' | 'failed' | 'superseded';

export interface MailJobPayload {
  /** Raw personal tokens for the links; removed once the message is sent. */
  rsvpToken?: string;
  calendarToken?: string;
  unsubscribeToken?: string;
  /** The raw login token (`login-link`); removed once the message is sent, fails or is superseded. */
  loginToken?: string;
  /** A login link that carries a coordinator invitation (its email says so). */
  invite?: { seriesName: string; inviterName: string; days: number };
  /** For updates: what the meeting was before the change. */
  previous?: { startsAt: string; endsAt: string; hostUnitId: string };
  reminderDays?: number;
  /** For notices: everything the message says, rendered when it is sent. */
  notice?: NoticeData[NoticeKind];
  /** For a notice to a unit's contact address rather than a person (an office mailbox). */
  toAddress?: { email: string; name: string };
  /** For 'address-changed': the language and who changed it. */
  addressChanged?: { language: 'fi' | 'sv' | 'en'; changedByName: string | null };
}

/**
 * The outbox. A row is written in the same transaction as the change that causes the email, and the
 * worker sends it. The idempotency key (meeting, person, kind, calendar sequence; for notices the
 * caller's key) makes a repeated enqueue a no-op, so nobody gets the same message twice.
 * Meeting mails have a meeting; notices have a series and, only when they are about one, a meeting.
 */
@Entity('mail_job')
@Index('ix_mail_job_due', ['status', 'nextAttemptAt'])
@Index('ix_mail_job_meeting', ['meetingId', 'personId'])
@Index('ix_mail_job_series', ['seriesId'])
// (priority DESC, next_attempt_at, created_at) WHERE not sent: TypeORM cannot declare DESC (migration ReadIndexes).
@Index('ix_mail_job_pending', { synchronize: false })
export class MailJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_mail_job_idempotency', { unique: true })
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 24 })
  kind: MailJobKind;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  /** Set for notices; their rows go when the series goes. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId: string | null;

  @ManyToOne(() => Series, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: Series;

  /** The recipient; null only for a notice to a unit's contact address (payload.toAddress). */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  /** The calendar SEQUENCE the message carries (0 for notices, which have no calendar part). */
  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: MailJobPayload;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: MailJobStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Higher is sent first (the login link, 10; everything else 0). */
  @Column({ type: 'smallint', default: 0 })
  priority: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** While a worker sends, others leave the row alone until this time. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
