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
import { Person, Series } from '@kierto/network';

export type ProposalStatus = 'pending' | 'accepted' | 'merged' | 'declined';
export const PROPOSAL_STATUSES: ProposalStatus[] = ['pending', 'accepted', 'merged', 'declined'];

/**
 * A topic proposed for a coming meeting. Anonymous proposals keep no person, address or IP: only the
 * text and the time.
 */
@Entity('topic_proposal')
@Index('ix_topic_proposal_series', ['seriesId', 'status', 'createdAt'])
@Index('ix_topic_proposal_proposer', ['proposerId'], { where: 'proposer_id IS NOT NULL' })
export class TopicProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'series_id', type: 'uuid' })
  seriesId: string;

  @ManyToOne(() => Series, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: Series;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Column({ name: 'proposer_id', type: 'uuid', nullable: true })
  proposerId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposer_id' })
  proposer?: Person | null;

  /** The proposer asked to be told what happens to the proposal. */
  @Column({ name: 'notify_proposer', type: 'boolean', default: true })
  notifyProposer: boolean;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ProposalStatus;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  /** Accepted: the agenda item made of it; merged: the item it was merged into. */
  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
