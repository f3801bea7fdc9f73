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
import { AuditEvent } from '@kierto/access/audit-event.entity';
import { LoginToken } from '@kierto/access/login-token.entity';
import { RateLimit } from '@kierto/access/rate-limit.entity';
import { WebSession } from '@kierto/access/web-session.entity';
import { SearchDocument } from '@kierto/search/search-document.entity';
import { ActionItem, ActionItemEvent } from '@kierto/minutes/action-item.entity';
import { AgendaItem } from '@kierto/minutes/agenda-item.entity';
import { Minutes, MinutesComment } from '@kierto/minutes/minutes.entity';
import { StandingTopic } from '@kierto/minutes/standing-topic.entity';
import { TopicProposal } from '@kierto/minutes/topic-proposal.entity';

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
  LoginToken,
  WebSession,
  RateLimit,
  AuditEvent,
  SearchDocument,
  StandingTopic,
  AgendaItem,
  TopicProposal,
  Minutes,
  MinutesComment,
  ActionItem,
  ActionItemEvent,
];
