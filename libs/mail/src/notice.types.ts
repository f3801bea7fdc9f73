/**
 * Notices: emails that are not meeting invitations (minutes, action items, proposals, the host
 * handover). The domain code builds the data; the outbox stores it in `mail_job.payload.notice` and
 * the mail is rendered from it in the recipient's language when it is sent.
 */
export type NoticeKind =
  | 'minutes-published'
  | 'action-assigned'
  | 'action-due'
  | 'proposal-decided'
  | 'action-update'
  | 'handover'
  | 'coordinator-handover';

export const NOTICE_KINDS: readonly NoticeKind[] = [
  'minutes-published',
  'action-assigned',
  'action-due',
  'proposal-decided',
  'action-update',
  'handover',
  'coordinator-handover',
];

export type NoticeActionStatus = 'open' | 'in_progress' | 'done' | 'dropped';
export const NOTICE_ACTION_STATUSES: readonly NoticeActionStatus[] = [
  'open',
  'in_progress',
  'done',
  'dropped',
];

export interface NoticeActionLine {
  title: string;
  ownerUnit: string;
  assigneeName: string | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  status: NoticeActionStatus;
}

export interface NoticeData {
  'minutes-published': {
    seriesName: string;
    meetingNumber: number;
    /** YYYY-MM-DD */
    meetingDate: string;
    hostName: string;
    version: number;
    correctionNote: string | null;
    decisions: string[];
    actionItems: NoticeActionLine[];
    url: string | null;
  };
  'action-assigned': {
    seriesName: string;
    action: NoticeActionLine & { description: string | null };
    meetingNumber: number | null;
    url: string | null;
  };
  'action-due': {
    seriesName: string;
    action: NoticeActionLine & { description: string | null };
    daysLeft: number;
    url: string | null;
  };
  'proposal-decided': {
    seriesName: string;
    title: string;
    decision: 'accepted' | 'merged' | 'declined';
    reason: string | null;
    /** YYYY-MM-DD */
    meetingDate: string | null;
    url: string | null;
  };
  'action-update': {
    seriesName: string;
    title: string;
    status: NoticeActionLine['status'];
    previousStatus: NoticeActionLine['status'];
    publicOutcome: string | null;
    url: string | null;
  };
  handover: {
    seriesName: string;
    meetingNumber: number;
    /** ISO instant */
    startsAt: string;
    timezone: string;
    hostName: string;
    streetAddress: string;
    openActions: NoticeActionLine[];
    pendingProposals: string[];
    url: string | null;
  };
  /** To the coordinator who takes over a series: where things stand. Links are paths of this site. */
  'coordinator-handover': {
    seriesName: string;
    fromName: string;
    meeting: {
      number: number;
      /** ISO instant */
      startsAt: string;
      timezone: string;
      hostName: string;
      streetAddress: string;
      confirmed: boolean;
      url: string;
    } | null;
    openActions: NoticeActionLine[];
    pendingProposals: string[];
    /** The page of the last meeting with minutes, or null when there are none yet. */
    minutesUrl: string | null;
    settingsUrl: string | null;
    url: string | null;
  };
}

export interface NoticeRequest<K extends NoticeKind = NoticeKind> {
  kind: K;
  seriesId: string;
  personId: string;
  meetingId?: string | null;
  /** unique per logical message, e.g. `action-assigned:${actionId}:${personId}`; a repeated enqueue with the same key is a no-op */
  key: string;
  data: NoticeData[K];
}

export type NoticeSkipReason = 'no-email' | 'no-consent' | 'unsubscribed' | 'not-member' | 'duplicate';

export interface NoticeEnqueueResult {
  queued: boolean;
  reason?: NoticeSkipReason;
}

export function isNoticeKind(kind: string): kind is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(kind);
}
