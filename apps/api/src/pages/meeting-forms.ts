import { BadRequestException, HttpException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldError, fieldErrors } from '../http/validation';
import { MeetingTexts } from './meeting-texts';

/**
 * Plain HTML forms of the meeting page and the dashboard: the posted fields turned into the
 * services' inputs, and 400 answers turned back into messages next to the right fields.
 */

export type FormBody = Record<string, unknown>;

export type { FieldError };

export const text = (body: FormBody, key: string): string => {
  const v = body[key];
  return typeof v === 'string' ? v.trim() : '';
};

/** A field posted once (a string) or many times (an array): always a list of strings. */
export const values = (body: FormBody, key: string): string[] => {
  const v = body[key];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

export const checked = (body: FormBody, key: string): boolean => values(body, key).length > 0;

/** '' → null; whole numbers → number; anything else stays as typed so the validator names it. */
export const optionalInt = (raw: string): number | string | null =>
  raw === '' ? null : /^\d{1,6}$/.test(raw) ? Number(raw) : raw;

const orNull = (s: string): string | null => (s === '' ? null : s);

/**
 * Checks form input with the same DTO class the REST API validates, and answers the same 400 shape
 * as the API (and as the services' own checks), so one path shows both kinds of error.
 */
export function validated<T extends object>(cls: new () => T, plain: object): T {
  const dto = plainToInstance(cls, plain);
  const errors = fieldErrors(validateSync(dto, { forbidUnknownValues: false }));
  if (errors.length) throw new BadRequestException({ statusCode: 400, errors });
  return dto;
}

/** The field errors of a 400 from a service or from `validated`, else null. */
export function fieldErrorsOf(e: unknown): FieldError[] | null {
  if (!(e instanceof HttpException) || e.getStatus() !== 400) return null;
  const body = e.getResponse() as { errors?: FieldError[] };
  return Array.isArray(body?.errors) ? body.errors : [{ field: '', reasons: [e.message] }];
}

export function agendaItemInput(body: FormBody) {
  return {
    title: text(body, 'title'),
    description: orNull(text(body, 'description')),
    timeBoxMinutes: optionalInt(text(body, 'timeBox')),
    presenter: orNull(text(body, 'presenter')),
  };
}

/** Checked people; a service user's "may be named" counts only when they are checked as present. */
export function attendanceInput(body: FormBody) {
  const named = new Set(values(body, 'named'));
  return {
    present: [...new Set(values(body, 'present'))].map((personId) => ({
      personId,
      agreedToBeNamed: named.has(personId),
    })),
    unnamedServiceUsers: optionalInt(text(body, 'unnamed')) ?? 0,
  };
}

/** The name of an item's fields on the form: its agenda item, or its place for free items. */
export const itemKey = (item: { agendaItemId: string | null }, n: number): string =>
  item.agendaItemId ?? `n${n}`;

/** The minutes' items with the notes and decisions of the form; items not on the form keep theirs. */
export function minutesItemsInput<
  T extends { agendaItemId: string | null; notes: string; decisions: string },
>(items: T[], body: FormBody): T[] {
  return items.map((item, n) => {
    const key = itemKey(item, n);
    const notes = body[`notes-${key}`];
    const decisions = body[`decisions-${key}`];
    return {
      ...item,
      notes: typeof notes === 'string' ? notes.replace(/\r\n/g, '\n').trim() : item.notes,
      decisions: typeof decisions === 'string' ? decisions.replace(/\r\n/g, '\n').trim() : item.decisions,
    };
  });
}

export function actionItemInput(body: FormBody) {
  const kind = text(body, 'raisedBy');
  return {
    title: text(body, 'title'),
    description: orNull(text(body, 'description')),
    ownerUnitId: text(body, 'owner'),
    assigneeId: orNull(text(body, 'assignee')),
    dueDate: orNull(text(body, 'due')),
    raisedBy: {
      kind,
      unitId: kind === 'unit' ? orNull(text(body, 'raisedByUnit')) : null,
      personId: orNull(text(body, 'raisedByPerson')),
    },
    notifyRaiser: checked(body, 'notifyRaiser'),
    forServiceUsers: checked(body, 'forServiceUsers'),
  };
}

/**
 * The move form: every field is on the form (filled with the meeting's values), so a missing date or
 * time is an error, not "keep"; a reason is sent only when written.
 */
export function moveMeetingInput(body: FormBody) {
  const reason = text(body, 'hostReason');
  const moveReason = text(body, 'moveReason');
  const ack = values(body, 'ack');
  return {
    date: text(body, 'date'),
    startTime: text(body, 'start'),
    durationMinutes: optionalInt(text(body, 'duration')) ?? undefined,
    hostUnitId: text(body, 'host') || undefined,
    hostOverrideReason: reason === '' ? undefined : reason,
    moveReason: moveReason === '' ? undefined : moveReason,
    acknowledge: ack.length ? [...new Set(ack)] : undefined,
  };
}

/** The top-level order with one item moved one place up or down (unchanged at either end). */
export function moved(ids: string[], id: string, direction: 'up' | 'down'): string[] {
  const i = ids.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return ids;
  const out = [...ids];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** Where a service's or DTO's field shows on a form (API name → form field name). */
export const FORM_FIELDS: Record<string, string> = {
  title: 'title',
  description: 'description',
  timeBoxMinutes: 'timeBox',
  presenter: 'presenter',
  'attendance.present': 'present',
  unnamedServiceUsers: 'unnamed',
  'attendance.unnamedServiceUsers': 'unnamed',
  privacyChecked: 'privacy',
  note: 'note',
  reason: 'reason',
  ownerUnitId: 'owner',
  assigneeId: 'assignee',
  dueDate: 'due',
  'raisedBy.kind': 'raisedBy',
  'raisedBy.unitId': 'raisedByUnit',
  'raisedBy.personId': 'raisedByPerson',
  notifyRaiser: 'notifyRaiser',
  status: 'status',
  publicOutcome: 'outcome',
  agendaItem: 'agendaItem',
  agendaItemId: 'agendaItem',
  sure: 'sure',
  date: 'date',
  startTime: 'start',
  durationMinutes: 'duration',
  hostUnitId: 'host',
  hostOverrideReason: 'hostReason',
  moveReason: 'moveReason',
  acknowledge: 'ack',
};

const MESSAGES: Record<string, keyof MeetingTexts> = {
  title: 'errTitle',
  timeBox: 'errTimeBox',
  unnamed: 'errNumber',
  privacy: 'errPrivacy',
  outcome: 'errOutcome',
  owner: 'errUnit',
  raisedByUnit: 'errUnit',
  assignee: 'errPerson',
  raisedByPerson: 'errPerson',
  present: 'errPerson',
  due: 'errDate',
  note: 'errNote',
  reason: 'errReason',
  notifyRaiser: 'errNotifyRaiser',
  agendaItem: 'errField',
  sure: 'errSure',
  date: 'errDate',
  start: 'errMoveTime',
  duration: 'errDuration',
  host: 'errUnit',
  hostReason: 'errHostReason',
  moveReason: 'errReason',
  ack: 'errAcknowledge',
};

/** Messages chosen by the service's reason where one field can be refused for different reasons. */
const REASON_MESSAGES: { field: string; reason: RegExp; key: keyof MeetingTexts }[] = [
  { field: 'date', reason: /in the past/, key: 'errDatePast' },
  { field: 'date', reason: /already taken place/, key: 'errMeetingHeld' },
  { field: 'start', reason: /does not exist/, key: 'errTimeGap' },
  { field: 'start', reason: /already passed/, key: 'errTimePassed' },
];

/**
 * Plain-language messages per form field. Fields the form does not have (the service's reason names
 * something else) go under '' for a message at the top of the form.
 */
export function formErrors(
  errors: FieldError[],
  t: MeetingTexts,
  overrides: Partial<Record<string, keyof MeetingTexts>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const item = /^items\.\d+\.(notes|decisions)$/.exec(e.field);
    const field = item ? '' : (FORM_FIELDS[e.field] ?? '');
    const byReason = REASON_MESSAGES.find(
      (r) => r.field === field && e.reasons.some((x) => r.reason.test(x)),
    );
    const key = byReason?.key ?? overrides[field] ?? MESSAGES[field];
    const message = key ? t[key] : `${t.errField} ${e.reasons.join(' ')}`.trim();
    if (!out[field]) out[field] = message;
  }
  return out;
}
