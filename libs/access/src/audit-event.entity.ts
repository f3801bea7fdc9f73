import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '@kierto/network';

export type AuditAction =
  | 'login-link-sent'
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'logout-everywhere'
  | 'meeting-confirmed'
  | 'coordinator-added'
  | 'coordinator-removed'
  | 'coordinator-invited'
  | 'contact-details-viewed'
  | 'export'
  | 'erasure'
  | 'email-changed';

/**
 * Who did what, and when: logins, logouts and changes made in the browser. `subject` names a record
 * (`person:<id>`, `meeting:<id>`); details never hold personal data (no addresses, names or IPs).
 * The actor is kept as null when the person is erased.
 */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_event' })
  id: string;

  @Index('ix_audit_event_at')
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Index('ix_audit_event_actor')
  @Column({ name: 'actor_person_id', type: 'uuid', nullable: true })
  actorPersonId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_person_id', foreignKeyConstraintName: 'fk_audit_event_actor' })
  actor?: Person | null;

  @Column({ type: 'varchar', length: 32 })
  action: AuditAction;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, string | number | boolean>;
}
