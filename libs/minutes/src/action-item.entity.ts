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
import { Person, Series, Unit } from '@kierto/network';

export type ActionStatus = 'open' | 'in_progress' | 'done' | 'dropped';
export const ACTION_STATUSES: ActionStatus[] = ['open', 'in_progress', 'done', 'dropped'];
export const OPEN_ACTION_STATUSES: ActionStatus[] = ['open', 'in_progress'];

/** Who raised it: a service user, a unit, or the meeting as a whole. */
export type RaisedByKind = 'service_user' | 'unit' | 'meeting';
export const RAISED_BY_KINDS: RaisedByKind[] = ['service_user', 'unit', 'meeting'];

/**
 * A follow-up task owned by a unit. The public outcome is the plain-language sentence shown to
 * service users ("you said, we did"); an item cannot be closed without it.
 */
@Entity('action_item')
@Index('ix_action_item_series_status', ['seriesId', 'status', 'dueDate'])
@Index('ix_action_item_owner', ['ownerUnitId', 'status', 'dueDate'])
@Index('ix_action_item_meeting', ['meetingId'])
@Index('ix_action_item_assignee', ['assigneeId'], { where: 'assignee_id IS NOT NULL' })
@Index('ix_action_item_raised_by_person', ['raisedByPersonId'], { where: 'raised_by_person_id IS NOT NULL' })
@Index('ix_action_item_open_due', ['dueDate'], {
  where: "status IN ('open', 'in_progress') AND due_date IS NOT NULL",
})
export class ActionItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'series_id', type: 'uuid' })
  seriesId: string;

  @ManyToOne(() => Series, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: Series;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'owner_unit_id', type: 'uuid' })
  ownerUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_unit_id' })
  ownerUnit?: Unit;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Person | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: ActionStatus;

  @Column({ name: 'public_outcome', type: 'text', nullable: true })
  publicOutcome: string | null;

  @Column({ name: 'raised_by_kind', type: 'varchar', length: 16 })
  raisedByKind: RaisedByKind;

  @Column({ name: 'raised_by_unit_id', type: 'uuid', nullable: true })
  raisedByUnitId: string | null;

  @Column({ name: 'raised_by_person_id', type: 'uuid', nullable: true })
  raisedByPersonId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'raised_by_person_id' })
  raisedByPerson?: Person | null;

  /** The person who raised it asked to be emailed when its status or outcome changes. */
  @Column({ name: 'notify_raiser', type: 'boolean', default: false })
  notifyRaiser: boolean;

  /** Shown on "you said, we did": raised by or for service users. */
  @Column({ name: 'for_service_users', type: 'boolean', default: false })
  forServiceUsers: boolean;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export type ActionEventType = 'created' | 'status' | 'outcome' | 'assigned' | 'due-date' | 'comment';

/** The history of an action item: every change and comment, never edited. */
@Entity('action_item_event')
@Index('ix_action_item_event_item', ['actionItemId', 'at'])
export class ActionItemEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 16 })
  type: ActionEventType;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName: string | null;

  /** For changes: the value before and after, as text. */
  @Column({ name: 'from_value', type: 'text', nullable: true })
  fromValue: string | null;

  @Column({ name: 'to_value', type: 'text', nullable: true })
  toValue: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
