import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Person } from './person.entity';

/**
 * A coordinator's personal API token; only its SHA-256 is stored. Each has a name (unique among the
 * person's tokens not revoked, e.g. "laptop"), an expiry, and may be revoked.
 */
@Entity('api_token')
@Index('uq_api_token_person_name', ['personId', 'name'], { unique: true, where: '"revoked_at" IS NULL' })
export class ApiToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_api_token_person')
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Index('uq_api_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
