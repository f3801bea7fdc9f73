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
import { Person } from '@kierto/network';

export type RsvpAnswer = 'yes' | 'no' | 'maybe';
export const RSVP_ANSWERS: RsvpAnswer[] = ['yes', 'no', 'maybe'];

/** A person invited to a meeting, and their answer. Created for every active member at confirmation. */
@Entity('invitation')
@Index('uq_invitation_meeting_person', ['meetingId', 'personId'], { unique: true })
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Index('ix_invitation_person')
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'varchar', length: 8, nullable: true })
  answer: RsvpAnswer | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
