import {
  ApiToken,
  CoordinatorGrant,
  Person,
  RotationSlot,
  Series,
  SeriesCoordinator,
  SeriesMembership,
  Unit,
  UnitBlackout,
} from '@kierto/network';
import { Meeting } from '@kierto/meetings';

/** Every entity; the data source, the migration generator and the tests use this one list. */
export const ENTITIES = [
  Series,
  Unit,
  UnitBlackout,
  Person,
  SeriesMembership,
  SeriesCoordinator,
  CoordinatorGrant,
  RotationSlot,
  ApiToken,
  Meeting,
];
