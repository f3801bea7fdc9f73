import { CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Person } from './person.entity';

/** A person allowed to act as a coordinator: create series and run those they coordinate. */
@Entity('coordinator_grant')
export class CoordinatorGrant {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @OneToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
