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
import { Series, Unit } from '@kierto/network';

export type MeetingStatus = 'draft' | 'confirmed' | 'cancelled';

export interface RotationNote {
  skipped: { unitId: string; reason: 'inactive' | 'unavailable' }[];
  movedForHoliday: string[];
  movedForNoHost: string[];
  ruleDate: string;
  /** Set when the series' start time did not exist on the day (spring-forward night). */
  startTime?: { usual: string; actual: string };
}

export type MoveAcknowledgement = 'holiday' | 'unitUnavailable' | 'otherMeeting';

/** A coordinator's move away from the rule date: the reason they gave and what they acknowledged. */
export interface MoveNote {
  kind: 'coordinator';
  reason: string | null;
  acknowledged: MoveAcknowledgement[];
}

/**
 * One meeting of a series. Times are stored as UTC instants; localDate and the series timezone keep
 * the wall-clock meaning. At most one draft per series (the proposed next meeting) and one number per
 * series are guaranteed by unique indexes, so concurrent proposals cannot create two.
 */
@Entity('meeting')
@Index('uq_meeting_series_number', ['seriesId', 'number'], { unique: true })
@Index('uq_meeting_one_draft_per_series', ['seriesId'], { unique: true, where: "status = 'draft'" })
@Index('uq_meeting_ical_uid', ['icalUid'], { unique: true })
@Index('ix_meeting_host_unit', ['hostUnitId', 'startsAt'])
@Index('ix_meeting_confirmed_starts', ['startsAt'], { where: "status = 'confirmed'" })
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'series_id', type: 'uuid' })
  seriesId: string;

  @ManyToOne(() => Series, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: Series;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: MeetingStatus;

  @Index('ix_meeting_starts_at')
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  /** The meeting's date in the series timezone. */
  @Column({ name: 'local_date', type: 'date' })
  localDate: string;

  /** The cycle this meeting belongs to: the month whose day rule gives its rule date ('2026-12'). */
  @Column({ name: 'cycle_month', type: 'varchar', length: 7 })
  cycleMonth: string;

  /** The day rule's date in the cycle's month, before any move. */
  @Column({ name: 'rule_date', type: 'date' })
  ruleDate: string;

  /** Set when a coordinator moved the meeting off the date the rotation gave. */
  @Column({ name: 'move_note', type: 'jsonb', nullable: true })
  moveNote: MoveNote | null;

  @Column({ name: 'host_unit_id', type: 'uuid' })
  hostUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_unit_id' })
  hostUnit?: Unit;

  /** Set when a coordinator chose the host instead of the rotation; shown with the meeting. */
  @Column({ name: 'host_override_reason', type: 'text', nullable: true })
  hostOverrideReason: string | null;

  /** Why the rotation chose this host and date: skipped units, dates moved off holidays. */
  @Column({ name: 'rotation_note', type: 'jsonb', nullable: true })
  rotationNote: RotationNote | null;

  @Column({ name: 'ical_uid', type: 'text' })
  icalUid: string;

  /** RFC 5545 SEQUENCE: grows on every change of time, place or status. */
  @Column({ name: 'ical_sequence', type: 'integer', default: 0 })
  icalSequence: number;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
