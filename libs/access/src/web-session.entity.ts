import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '@kierto/network';

/**
 * A browser session, kept server-side so any api instance can serve any request and a person can
 * end all their sessions at once. The cookie holds a 256-bit random id; only its SHA-256 is stored.
 */
@Entity('web_session')
export class WebSession {
  @PrimaryColumn({ name: 'id_hash', type: 'char', length: 64, primaryKeyConstraintName: 'pk_web_session' })
  idHash: string;

  @Index('ix_web_session_person')
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_web_session_person' })
  person?: Person;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Last request; the session ends SESSION_IDLE_MINUTES after it. */
  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  /** Absolute end: SESSION_MAX_HOURS after login, however active the session is. */
  @Index('ix_web_session_expires')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
