import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Series } from '@kierto/network';

/** A topic that every new meeting of the series starts with (drug-screening practices, holiday privileges, …). */
@Entity('standing_topic')
@Index('ix_standing_topic_series', ['seriesId', 'position'])
export class StandingTopic {
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

  @Column({ name: 'time_box_minutes', type: 'integer', nullable: true })
  timeBoxMinutes: number | null;

  @Column({ type: 'integer' })
  position: number;

  /** Inactive topics stay for the record but no longer start new agendas. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
