import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Fixed-window request counters shared by every api instance. The key is a hash (of the address or
 * IP and what was asked), so no personal data is kept here.
 */
@Entity('rate_limit')
export class RateLimit {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_rate_limit' })
  key: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz', primaryKeyConstraintName: 'pk_rate_limit' })
  windowStart: Date;

  @Column({ type: 'integer' })
  count: number;

  /** End of the window; rows past it are deleted. */
  @Index('ix_rate_limit_expires')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
