import { DateTime } from 'luxon';
import type { DateFormats } from './mail-renderer';
import {
  NOTICE_ACTION_STATUSES,
  NOTICE_KINDS,
  NoticeActionLine,
  NoticeActionStatus,
  NoticeData,
  NoticeKind,
} from './notice.types';

/**
 * Strings every notice uses. They are rendered with the notice's context, so they may refer to
 * `recipientName` and `seriesName` only.
 */
export const NOTICE_SHARED_STRING_KEYS = [
  'labelTask',
  'labelOwner',
  'labelAssignee',
  'labelDue',
  'noDueDate',
  'labelStatus',
  'labelDescription',
  ...NOTICE_ACTION_STATUSES.map((s) => `status.${s}` as const),
] as const;

/** Strings of one kind of notice; rendered only for that kind, so they may use its fields. */
export const NOTICE_KIND_STRING_KEYS = {
  'minutes-published': [
    'subject.minutes-published',
    'subject.minutes-corrected',
    'title.minutes-published',
    'intro.minutes-published',
    'link.minutes-published',
    'minutesCorrected',
    'minutesCorrectionLabel',
    'minutesDecisionsHeading',
    'minutesNoDecisions',
    'minutesActionsHeading',
    'minutesNoActions',
  ],
  'action-assigned': [
    'subject.action-assigned',
    'title.action-assigned',
    'intro.action-assigned',
    'link.action-assigned',
    'assignedAtMeeting',
  ],
  'action-due': [
    'subject.action-due',
    'title.action-due',
    'intro.action-due',
    'link.action-due',
    'due.days',
    'due.tomorrow',
    'due.today',
    'due.yesterday',
    'due.overdue',
    'dueMarkDone',
  ],
  'proposal-decided': [
    'subject.proposal-decided',
    'title.proposal-decided',
    'intro.proposal-decided',
    'link.proposal-decided',
    'proposalLabel',
    'decision.accepted',
    'decision.merged',
    'decision.declined',
    'proposalMeetingDate',
    'proposalReasonLabel',
  ],
  'action-update': [
    'subject.action-update',
    'title.action-update',
    'intro.action-update',
    'link.action-update',
    'updateOutcomeHeading',
  ],
  handover: [
    'subject.handover',
    'title.handover',
    'intro.handover',
    'link.handover',
    'handoverActionsHeading',
    'handoverNoActions',
    'handoverProposalsHeading',
    'handoverNoProposals',
    'handoverChecklistHeading',
    'handover.checklist.1',
    'handover.checklist.2',
    'handover.checklist.3',
    'handover.checklist.4',
    'handover.checklist.5',
    'handover.checklist.6',
  ],
  'coordinator-handover': [
    'subject.coordinator-handover',
    'title.coordinator-handover',
    'intro.coordinator-handover',
    'link.coordinator-handover',
    'coordNextHeading',
    'coordNoMeeting',
    'coordDraft',
    'coordConfirmed',
    'coordMeetingLink',
    'handoverActionsHeading',
    'handoverNoActions',
    'handoverProposalsHeading',
    'handoverNoProposals',
    'coordMinutesHeading',
    'coordMinutesText',
    'coordMinutesLink',
    'coordNoMinutes',
    'coordSettingsLink',
  ],
} as const satisfies Record<NoticeKind, readonly string[]>;

export const HANDOVER_CHECKLIST_KEYS = NOTICE_KIND_STRING_KEYS.handover.filter((k) =>
  k.startsWith('handover.checklist.'),
);

export type NoticeKindStringKey = (typeof NOTICE_KIND_STRING_KEYS)[NoticeKind][number];
export const NOTICE_STRING_KEYS = [
  ...NOTICE_SHARED_STRING_KEYS,
  ...NOTICE_KINDS.flatMap((k): readonly NoticeKindStringKey[] => NOTICE_KIND_STRING_KEYS[k]),
] as const;
export type NoticeStringKey = (typeof NOTICE_SHARED_STRING_KEYS)[number] | NoticeKindStringKey;

/** The fields each kind must have; nullable ones must be there as null (as with the meeting mails). */
const REQUIRED: { [K in NoticeKind]: readonly (keyof NoticeData[K])[] } = {
  'minutes-published': [
    'seriesName',
    'meetingNumber',
    'meetingDate',
    'hostName',
    'version',
    'correctionNote',
    'decisions',
    'actionItems',
    'url',
  ],
  'action-assigned': ['seriesName', 'action', 'meetingNumber', 'url'],
  'action-due': ['seriesName', 'action', 'daysLeft', 'url'],
  'proposal-decided': ['seriesName', 'title', 'decision', 'reason', 'meetingDate', 'url'],
  'action-update': ['seriesName', 'title', 'status', 'previousStatus', 'publicOutcome', 'url'],
  handover: [
    'seriesName',
    'meetingNumber',
    'startsAt',
    'timezone',
    'hostName',
    'streetAddress',
    'openActions',
    'pendingProposals',
    'url',
  ],
  'coordinator-handover': [
    'seriesName',
    'fromName',
    'meeting',
    'openActions',
    'pendingProposals',
    'minutesUrl',
    'settingsUrl',
    'url',
  ],
};
const ACTION_LINE_FIELDS: readonly (keyof NoticeActionLine)[] = [
  'title',
  'ownerUnit',
  'assigneeName',
  'dueDate',
  'status',
];

/** An action item as the templates show it. */
export interface NoticeActionView {
  title: string;
  ownerUnit: string;
  assigneeName: string | null;
  dueText: string | null;
  statusText: string;
  description: string | null;
}

/** The looked-up words the view needs (status names), already in the recipient's language. */
export type StatusWords = Record<NoticeActionStatus, string>;

/**
 * Checks the data of a notice and turns it into what the templates show: dates in the recipient's
 * language, status words, the due sentence to use. Throws on missing or malformed data, so a bad
 * notice fails when it is queued (NoticeOutbox renders it once) rather than when it is sent.
 */
export function noticeView(
  kind: NoticeKind,
  data: NoticeData[NoticeKind],
  formats: DateFormats,
  words: StatusWords,
): Record<string, unknown> {
  if (!(NOTICE_KINDS as readonly string[]).includes(kind)) throw new Error(`mail: unknown notice ${kind}`);
  requireFields(data, 'notice', REQUIRED[kind] as readonly string[]);
  const status = (value: unknown, field: string): string => {
    if (!(NOTICE_ACTION_STATUSES as readonly unknown[]).includes(value))
      throw new Error(`mail: ${field} must be one of ${NOTICE_ACTION_STATUSES.join(', ')}`);
    return words[value as NoticeActionStatus];
  };
  const line = (a: NoticeActionLine & { description?: string | null }, field: string): NoticeActionView => {
    requireFields(a, field, ACTION_LINE_FIELDS);
    return {
      title: a.title,
      ownerUnit: a.ownerUnit,
      assigneeName: a.assigneeName,
      dueText: a.dueDate === null ? null : plainDate(a.dueDate, formats, `${field}.dueDate`).date,
      statusText: status(a.status, `${field}.status`),
      description: a.description ?? null,
    };
  };
  const lines = (items: unknown, field: string): NoticeActionView[] => {
    if (!Array.isArray(items)) throw new Error(`mail: ${field} must be a list (use [] for none)`);
    return items.map((a, i) => line(a as NoticeActionLine, `${field}[${i}]`));
  };
  const texts = (items: unknown, field: string): string[] => {
    if (!Array.isArray(items) || items.some((i) => typeof i !== 'string'))
      throw new Error(`mail: ${field} must be a list of texts (use [] for none)`);
    return items as string[];
  };

  switch (kind) {
    case 'minutes-published': {
      const d = data as NoticeData['minutes-published'];
      const date = plainDate(d.meetingDate, formats, 'notice.meetingDate');
      return {
        ...d,
        meetingDateText: date.dateWithWeekday,
        meetingDateShort: date.date,
        corrected: d.version > 1,
        decisions: texts(d.decisions, 'notice.decisions'),
        actionItems: lines(d.actionItems, 'notice.actionItems'),
      };
    }
    case 'action-assigned':
    case 'action-due': {
      const d = data as NoticeData['action-assigned'] | NoticeData['action-due'];
      requireFields(d.action, 'notice.action', ['description']);
      const view: Record<string, unknown> = { ...d, action: line(d.action, 'notice.action') };
      if ('daysLeft' in d) {
        if (!Number.isInteger(d.daysLeft)) throw new Error('mail: notice.daysLeft must be a whole number');
        view.overdueDays = -d.daysLeft;
        view.dueKey =
          d.daysLeft > 1
            ? 'due.days'
            : d.daysLeft === 1
              ? 'due.tomorrow'
              : d.daysLeft === 0
                ? 'due.today'
                : d.daysLeft === -1
                  ? 'due.yesterday'
                  : 'due.overdue';
      }
      return view;
    }
    case 'proposal-decided': {
      const d = data as NoticeData['proposal-decided'];
      if (!['accepted', 'merged', 'declined'].includes(d.decision))
        throw new Error('mail: notice.decision must be accepted, merged or declined');
      return {
        ...d,
        meetingDateText:
          d.meetingDate === null
            ? null
            : plainDate(d.meetingDate, formats, 'notice.meetingDate').dateWithWeekday,
      };
    }
    case 'action-update': {
      const d = data as NoticeData['action-update'];
      return {
        ...d,
        statusText: status(d.status, 'notice.status'),
        previousStatusText: status(d.previousStatus, 'notice.previousStatus'),
      };
    }
    case 'handover': {
      const d = data as NoticeData['handover'];
      const start = instant(d.startsAt, d.timezone, formats, 'notice.startsAt');
      return {
        ...d,
        when: {
          dateWithWeekday: start.toFormat(formats.dateWithWeekday),
          time: `${formats.timeRangePrefix}${start.toFormat(formats.time)}`,
        },
        whenShort: start.toFormat(formats.short),
        openActions: lines(d.openActions, 'notice.openActions'),
        pendingProposals: texts(d.pendingProposals, 'notice.pendingProposals'),
      };
    }
    case 'coordinator-handover': {
      const d = data as NoticeData['coordinator-handover'];
      let meeting: Record<string, unknown> | null = null;
      if (d.meeting !== null) {
        requireFields(d.meeting, 'notice.meeting', [
          'number',
          'startsAt',
          'timezone',
          'hostName',
          'streetAddress',
          'confirmed',
          'url',
        ]);
        const start = instant(d.meeting.startsAt, d.meeting.timezone, formats, 'notice.meeting.startsAt');
        meeting = {
          ...d.meeting,
          dateWithWeekday: start.toFormat(formats.dateWithWeekday),
          time: `${formats.timeRangePrefix}${start.toFormat(formats.time)}`,
        };
      }
      return {
        ...d,
        meeting,
        openActions: lines(d.openActions, 'notice.openActions'),
        pendingProposals: texts(d.pendingProposals, 'notice.pendingProposals'),
      };
    }
  }
}

function requireFields(obj: unknown, name: string, keys: readonly string[]): void {
  if (!obj || typeof obj !== 'object') throw new Error(`mail: ${name} is missing`);
  for (const key of keys) {
    if ((obj as Record<string, unknown>)[key] === undefined)
      throw new Error(`mail: ${name}.${key} is missing (use null for none)`);
  }
}

/** A calendar date (YYYY-MM-DD), with and without the weekday, in the recipient's language. */
function plainDate(value: unknown, f: DateFormats, field: string) {
  const dt =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? DateTime.fromISO(value, { zone: 'UTC' }).setLocale(f.locale)
      : null;
  if (!dt?.isValid) throw new Error(`mail: ${field} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return {
    dateWithWeekday: dt.toFormat(f.dateWithWeekday),
    date: dt.toFormat(f.dateWithWeekday.replace(/^cccc /, '')),
  };
}

/** An ISO instant shown as local time in `zone`. */
function instant(value: unknown, zone: string, f: DateFormats, field: string): DateTime {
  if (typeof value !== 'string') throw new Error(`mail: ${field} must be an ISO instant`);
  const dt = DateTime.fromISO(value, { setZone: false }).setZone(zone).setLocale(f.locale);
  if (!dt.isValid)
    throw new Error(`mail: ${field} ${JSON.stringify(value)} or time zone ${String(zone)} is not valid`);
  return dt;
}
