import { EntityManager } from 'typeorm';
import { Meeting } from './meeting.entity';

/**
 * What other libraries do when a meeting changes, inside the same transaction as the change
 * (the mail library enqueues invitations, updates and cancellations here).
 */
export interface MeetingHooks {
  confirmed(em: EntityManager, meeting: Meeting): Promise<void>;
  changed(em: EntityManager, meeting: Meeting, before: Meeting): Promise<void>;
  cancelled(em: EntityManager, meeting: Meeting): Promise<void>;
  proposedByWorker?(em: EntityManager, meeting: Meeting): Promise<void>;
}

export const MEETING_HOOKS = Symbol('MEETING_HOOKS');
