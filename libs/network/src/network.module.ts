import { Module } from '@nestjs/common';
import { CoordinatorService } from './coordinator.service';
import { PersonService } from './person.service';
import { SeriesService } from './series.service';
import { UnitService } from './unit.service';

/** Series, units, people, memberships and coordinators. */
@Module({
  providers: [SeriesService, UnitService, PersonService, CoordinatorService],
  exports: [SeriesService, UnitService, PersonService, CoordinatorService],
})
export class NetworkModule {}
