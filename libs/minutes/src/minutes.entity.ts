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
import { Meeting } from '@kierto/meetings';

export type MinutesStatus = 'draft' | 'circulated' | 'approved' | 'published';
export const MINUTES_STATUSES: MinutesStatus[] = ['draft', 'circulated', 'approved', 'published'];

/** Per agenda item: what was discussed and what was decided. */
export interface MinutesItem {
  agendaItemId: string | null;
  title: string;
  notes: string;
  decisions: string;
}

/**
 * Staff and guests by name; service users as a count, named only when they agreed to it.
 * Names are copied in so the record reads the same later.
 */
export interface MinutesAttendance {
  staff: { personId: string; name: string; unit: string | null }[];
  guests: { personId: string; name: string }[];
  namedServiceUsers: { personId: string; name: string }[];
  /** Every service user present, the named ones included. */
  serviceUserCount: number;
}

export type ApprovedBy = 'coordinator' | 'next-meeting';

/**
 * One version of a meeting's minutes. Published versions are never edited: a correction is a new
 * version (correctionOf) with its own lifecycle, and both stay readable.
 */
@Entity('minutes')
@Index('uq_minutes_meeting_version', ['meetingId', 'version'], { unique: true })
@Index('uq_minutes_one_open_version', ['meetingId'], { unique: true, where: "status <> 'published'" })
export class Minutes {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Index('ix_minutes_series')
  @Column({ name: 'series_id', type: 'uuid' })
  seriesId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: MinutesStatus;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  items: MinutesItem[];

  @Column({ type: 'jsonb' })
  attendance: MinutesAttendance;

  /** The privacy checklist items the writer confirmed (keys of PRIVACY_CHECKLIST). */
  @Column({ name: 'privacy_checked', type: 'text', array: true, default: () => "'{}'" })
  privacyChecked: string[];

  @Column({ name: 'correction_of_id', type: 'uuid', nullable: true })
  correctionOfId: string | null;

  @Column({ name: 'correction_note', type: 'text', nullable: true })
  correctionNote: string | null;

  @Column({ name: 'circulated_at', type: 'timestamptz', nullable: true })
  circulatedAt: Date | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'approved_by', type: 'varchar', length: 16, nullable: true })
  approvedBy: ApprovedBy | null;

  @Column({ name: 'approved_by_person_id', type: 'uuid', nullable: true })
  approvedByPersonId: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Set on a published version when a correction is published after it. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A comment on circulated minutes. */
@Entity('minutes_comment')
@Index('ix_minutes_comment_minutes', ['minutesId', 'createdAt'])
export class MinutesComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'minutes_id', type: 'uuid' })
  minutesId: string;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: Minutes;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ name: 'author_name', type: 'text' })
  authorName: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
