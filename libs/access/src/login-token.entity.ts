import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Person } from '@kierto/network';

/**
 * An emailed login link. Only the SHA-256 of the 256-bit token is kept; the link works once, until
 * expires_at, and a newer link of the same person deletes the older unused ones.
 */
@Entity('login_token')
export class LoginToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_login_token' })
  id: string;

  @Index('uq_login_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Index('ix_login_token_person')
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_login_token_person' })
  person?: Person;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** The same-site page the link lands on (see safeReturnTo); null: the dashboard. */
  @Column({ name: 'return_to', type: 'text', nullable: true })
  returnTo: string | null;
}
