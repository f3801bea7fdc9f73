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
import { AccessToken } from '@kierto/mail/access-token.entity';
import { Invitation } from '@kierto/mail/invitation.entity';
import { MailJob } from '@kierto/mail/mail-job.entity';

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
  Invitation,
  AccessToken,
  MailJob,
];
