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

/** What other libraries add to a new meeting, in the transaction that creates it (the agenda starts). */
export interface MeetingCreatedListener {
  meetingCreated(em: EntityManager, meeting: Meeting): Promise<void>;
}

export const MEETING_CREATED = Symbol('MEETING_CREATED');

/** The agenda of a meeting as the emails show it: top-level item titles in order. */
export interface MeetingAgendaSource {
  titles(em: EntityManager, meetingId: string): Promise<string[]>;
}

export const MEETING_AGENDA = Symbol('MEETING_AGENDA');
