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

/**
 * standing: from the series' standing topics; previous-minutes: approving the last meeting's minutes
 * (added while they wait for approval); review: the automatic "review of open action items";
 * proposal: an accepted topic proposal; topic: added by the coordinator; carried-action and
 * carried-proposal: what the previous meeting left open, listed under the review item.
 */
export type AgendaItemKind =
  'previous-minutes' | 'standing' | 'review' | 'proposal' | 'topic' | 'carried-action' | 'carried-proposal';
export const AGENDA_ITEM_KINDS: AgendaItemKind[] = [
  'previous-minutes',
  'standing',
  'review',
  'proposal',
  'topic',
  'carried-action',
  'carried-proposal',
];

@Entity('agenda_item')
@Index('ix_agenda_item_meeting', ['meetingId', 'position'])
@Index('uq_agenda_item_review', ['meetingId'], { unique: true, where: "kind = 'review'" })
@Index('uq_agenda_item_carried_action', ['meetingId', 'actionItemId'], {
  unique: true,
  where: 'action_item_id IS NOT NULL',
})
@Index('uq_agenda_item_carried_proposal', ['meetingId', 'proposalId'], {
  unique: true,
  where: "proposal_id IS NOT NULL AND kind = 'carried-proposal'",
})
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  /** Items carried over sit under the review item. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: AgendaItem | null;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 24 })
  kind: AgendaItemKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'time_box_minutes', type: 'integer', nullable: true })
  timeBoxMinutes: number | null;

  /** Who presents: a name or a unit, as written on the agenda. */
  @Column({ type: 'text', nullable: true })
  presenter: string | null;

  @Column({ name: 'standing_topic_id', type: 'uuid', nullable: true })
  standingTopicId: string | null;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @Column({ name: 'action_item_id', type: 'uuid', nullable: true })
  actionItemId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
