import { Index, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type Language = 'fi' | 'sv' | 'en';
export const LANGUAGES: Language[] = ['fi', 'sv', 'en'];

@Entity('series')
export class Series {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'Europe/Helsinki' })
  timezone: string;

  @Column({ name: 'cadence_months', type: 'smallint' })
  cadenceMonths: 1 | 2 | 3;

  /** 1..4 for the nth weekday of the month, -1 for the last one. */
  @Column({ name: 'day_rule_nth', type: 'smallint' })
  dayRuleNth: 1 | 2 | 3 | 4 | -1;

  /** ISO weekday, Monday = 1. */
  @Column({ name: 'day_rule_weekday', type: 'smallint' })
  dayRuleWeekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;

  /** Local wall-clock start time 'HH:mm' in the series' timezone. */
  @Column({ name: 'start_time', type: 'varchar', length: 5 })
  startTime: string;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes: number;

  @Column({ name: 'default_language', type: 'varchar', length: 2, default: 'fi' })
  defaultLanguage: Language;

  @Column({ name: 'invitation_lead_days', type: 'integer', default: 21 })
  invitationLeadDays: number;

  /** Days before the meeting when reminders go out. */
  @Column({ name: 'reminder_days', type: 'integer', array: true, default: () => "'{7,1}'" })
  reminderDays: number[];

  /**
   * The key of the series' public links (the anonymous proposal form and the printable "you said, we
   * did" notice). Meant to be printed on notice boards, so it is stored as it is; rotating it
   * retires the old links. Every series gets one when it is created (the database default,
   * 122 random bits from gen_random_uuid), so reading the links never writes.
   */
  @Index('uq_series_proposal_key', { unique: true })
  @Column({
    name: 'proposal_key',
    type: 'text',
    default: () => 'kierto_new_link_key()',
  })
  proposalKey: string;

  /**
   * Whether the printable "you said, we did" notice (/s/{key}/notice) is open to anyone with the link.
   * Off by default: until the coordinator decides, only the series' coordinators and staff see it.
   */
  @Column({ name: 'public_feedback', type: 'boolean', default: false })
  publicFeedback: boolean;

  /**
   * When the coordinator started the rotation; null while the series is in its guided setup, when
   * nothing proposes a meeting for it (MeetingService.proposeNext, the worker).
   */
  @Column({ name: 'setup_completed_at', type: 'timestamptz', nullable: true })
  setupCompletedAt: Date | null;

  /** The last step of the guided setup saved (1 basics … 5 public link); the setup resumes after it. */
  @Column({ name: 'setup_step', type: 'smallint', default: 0 })
  setupStep: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
