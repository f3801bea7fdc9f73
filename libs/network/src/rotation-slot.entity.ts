import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Series } from './series.entity';
import { Unit } from './unit.entity';

/** A unit's place in a series' rotation order. */
@Entity('rotation_slot')
@Index('uq_rotation_slot_position', ['seriesId', 'position'], { unique: true })
export class RotationSlot {
  @PrimaryColumn({ name: 'series_id', type: 'uuid' })
  seriesId: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Series, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: Series;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'integer' })
  position: number;

  /** Turns counted as already hosted, so a unit that joins late starts level instead of owed a backlog. */
  @Column({ type: 'integer', default: 0 })
  credit: number;
}
