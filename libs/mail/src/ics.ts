import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';

/** One meeting as a calendar event (RFC 5545). The same UID and SEQUENCE go to the invite and the feed. */
export interface IcsEventInput {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone, e.g. Europe/Helsinki: DTSTART;TZID=… with a VTIMEZONE block. */
  timezone: string;
  summary: string;
  /** Meeting facts only: never a personal link (invitations get forwarded; the email body has them). */
  description: string;
  location: string;
  /** A page for everyone (the service's address), never a personal link. */
  url?: string | null;
  status: 'CONFIRMED' | 'CANCELLED';
  organizer: { name: string; email: string };
  /** The one recipient of an invite (ignored in the feed). */
  attendee?: {
    name: string;
    email: string;
    partstat?: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
  } | null;
  lastModified?: Date;
}

const PRODID = { company: 'Kierto', product: 'Kierto', language: 'FI' };

const PARTSTAT: Record<
  NonNullable<NonNullable<IcsEventInput['attendee']>['partstat']>,
  ICalAttendeeStatus
> = {
  'NEEDS-ACTION': ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  DECLINED: ICalAttendeeStatus.DECLINED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
};

const VTIMEZONES = new Map<string, string | null>();

/**
 * VTIMEZONE from the tzurl.org (Outlook-compatible) zone files; null for unknown zones. Read once per
 * zone: the package reads its file on every call, once per message of a fan-out.
 */
function vtimezone(tz: string): string | null {
  if (!VTIMEZONES.has(tz)) VTIMEZONES.set(tz, getVtimezoneComponent(tz));
  return VTIMEZONES.get(tz) ?? null;
}

/**
 * Puts one VTIMEZONE per zone before the first component. Done here rather than through
 * `calendar.timezone({ generator })`, because a calendar-level zone makes ical-generator 10 write
 * DTSTAMP and LAST-MODIFIED as local times without `Z`, which RFC 5545 forbids (they must be UTC).
 */
function withVtimezones(ics: string, zones: string[]): string {
  const blocks = zones
    .map((tz) => vtimezone(tz))
    .filter((b): b is string => !!b)
    .map((b) => b.replace(/\r?\n/g, '\r\n').replace(/(\r\n)*$/, '\r\n'))
    .join('');
  const at = ics.search(/^BEGIN:VEVENT\r$/m);
  const end = ics.indexOf('END:VCALENDAR');
  const pos = at >= 0 ? at : end;
  return ics.slice(0, pos) + blocks + ics.slice(pos);
}

/** Control characters other than line breaks (TSAFE-CHAR and QSAFE-CHAR exclude them). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * A TEXT value (SUMMARY, LOCATION, DESCRIPTION): control characters go; ical-generator then escapes
 * `\`, `;`, `,` and line breaks as RFC 5545 says. `singleLine` turns line breaks into spaces.
 */
export function icsText(value: string, singleLine = false): string {
  const clean = value.replace(CONTROL, '');
  return singleLine ? clean.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ').trim() : clean;
}

/**
 * A CN parameter value. It is written inside `"…"`, where RFC 5545 has no backslash escapes, but
 * ical-generator writes `\"` and `\\` there, which breaks the line (a `"` in a name ends the value and
 * what follows reads as new parameters). So the value is made safe before: RFC 6868 caret encoding
 * (`^^`, `^'` for `"`, line breaks as spaces), no control characters and no backslashes.
 */
export function icsParamText(value: string): string {
  return icsText(value, true).replace(/\\/g, '').replace(/\^/g, '^^').replace(/"/g, "^'");
}

function assertValid(event: IcsEventInput): void {
  if (!(event.startsAt instanceof Date) || Number.isNaN(event.startsAt.getTime())) {
    throw new Error(`ics: invalid startsAt for ${event.uid}`);
  }
  if (!(event.endsAt instanceof Date) || Number.isNaN(event.endsAt.getTime())) {
    throw new Error(`ics: invalid endsAt for ${event.uid}`);
  }
  if (event.endsAt.getTime() <= event.startsAt.getTime()) {
    throw new Error(`ics: endsAt must be after startsAt for ${event.uid}`);
  }
  if (!vtimezone(event.timezone)) {
    throw new Error(`ics: unknown time zone ${event.timezone}`);
  }
}

function addEvent(
  calendar: ICalCalendar,
  event: IcsEventInput,
  opts: { withAttendee: boolean; cancelled: boolean },
): void {
  assertValid(event);
  const e = calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    // Luxon values in the meeting's zone: ical-generator formats a native Date with the process's
    // local clock, which would be wrong on any server not running in the meeting's zone.
    start: DateTime.fromJSDate(event.startsAt, { zone: event.timezone }),
    end: DateTime.fromJSDate(event.endsAt, { zone: event.timezone }),
    timezone: event.timezone,
    stamp: new Date(),
    summary: icsText(event.summary, true),
    description: icsText(event.description),
    location: icsText(event.location, true),
    url: event.url ?? null,
    status:
      opts.cancelled || event.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: icsParamText(event.organizer.name), email: event.organizer.email },
    lastModified: event.lastModified ?? null,
  });
  if (opts.withAttendee && event.attendee) {
    e.createAttendee({
      name: icsParamText(event.attendee.name),
      email: event.attendee.email,
      role: ICalAttendeeRole.REQ,
      status: PARTSTAT[event.attendee.partstat ?? 'NEEDS-ACTION'],
      rsvp: true,
    });
  }
}

/**
 * An iTIP (RFC 5546) invitation for one recipient: METHOD:REQUEST for a new or changed meeting,
 * METHOD:CANCEL (with STATUS:CANCELLED) when it is called off. Bump `sequence` on every change.
 */
export function buildInviteIcs(method: 'REQUEST' | 'CANCEL', event: IcsEventInput): string {
  const calendar = ical({
    prodId: PRODID,
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  addEvent(calendar, event, { withAttendee: true, cancelled: method === 'CANCEL' });
  return withVtimezones(calendar.toString(), [event.timezone]);
}

/** A subscribable calendar feed: METHOD:PUBLISH, no attendees, X-WR-CALNAME; same UIDs and SEQUENCEs as the invites. */
export function buildFeedIcs(calendarName: string, events: IcsEventInput[]): string {
  const calendar = ical({
    prodId: PRODID,
    method: ICalCalendarMethod.PUBLISH,
    name: calendarName,
  });
  const zones = [...new Set(events.map((e) => e.timezone))];
  if (zones.length > 0) calendar.x('X-WR-TIMEZONE', zones[0]);
  for (const event of events) {
    addEvent(calendar, event, { withAttendee: false, cancelled: false });
  }
  return withVtimezones(calendar.toString(), zones);
}
