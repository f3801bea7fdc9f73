import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type AccessTokenPurpose = 'rsvp' | 'calendar' | 'unsubscribe' | 'minutes';

/**
 * A personal link without an account: RSVP (an invitation), a calendar feed (a person) or
 * unsubscribe (a person in a series). Only the SHA-256 of the token is stored; each email mints
 * fresh tokens and every earlier one keeps working.
 */
@Entity('access_token')
@Index('ix_access_token_subject', ['purpose', 'subjectId'])
export class AccessToken {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: AccessTokenPurpose;

  /** Invitation id for rsvp, person id for calendar and unsubscribe. */
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  /** The series, for unsubscribe. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
