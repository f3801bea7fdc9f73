import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from './person.entity';
import { Series } from './series.entity';

/** Who runs a series. A series may have several coordinators; a person may run several series. */
@Entity('series_coordinator')
export class SeriesCoordinator {
  @PrimaryColumn({ name: 'series_id', type: 'uuid' })
  seriesId: string;

  @Index('ix_series_coordinator_person')
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Series, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: Series;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
