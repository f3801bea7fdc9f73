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
import { Language } from './series.entity';
import { Unit } from './unit.entity';

export type PersonKind = 'staff' | 'service_user' | 'guest';
export const PERSON_KINDS: PersonKind[] = ['staff', 'service_user', 'guest'];
export type ConsentMethod = 'written' | 'verbal' | 'email' | 'web';
export const CONSENT_METHODS: ConsentMethod[] = ['written', 'verbal', 'email', 'web'];

/**
 * Anyone who takes part. A service user may use a first name or a pseudonym; email is optional and,
 * for service users, is used only with recorded consent.
 */
@Entity('person')
@Index('uq_person_email', ['emailNormalized'], { unique: true, where: 'email_normalized IS NOT NULL' })
@Index('ix_person_home_unit', ['homeUnitId'], { where: 'home_unit_id IS NOT NULL' })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** Lower-cased email, for uniqueness and lookups. */
  @Column({ name: 'email_normalized', type: 'text', nullable: true })
  emailNormalized: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: PersonKind;

  @Column({ name: 'home_unit_id', type: 'uuid', nullable: true })
  homeUnitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'home_unit_id' })
  homeUnit?: Unit | null;

  @Column({ name: 'preferred_language', type: 'varchar', length: 2, default: 'fi' })
  preferredLanguage: Language;

  @Column({ name: 'email_consent_at', type: 'date', nullable: true })
  emailConsentAt: string | null;

  @Column({ name: 'email_consent_method', type: 'varchar', length: 16, nullable: true })
  emailConsentMethod: ConsentMethod | null;

  /** The coordinator who created this person; decides who may see a person not yet in any series. */
  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
