import { DateTime } from 'luxon';
import { Meeting } from '@kierto/meetings';
import { ActionItem, Minutes } from '@kierto/minutes';
import { Language } from '@kierto/network';
import { MINUTES_TEXTS } from './minutes-texts';
import { DATE_LOCALES } from './web-texts';

/** 1.2.2027 in every language (plain, short, the way the other pages write dates). */
export function shortDate(isoDate: string, lang: Language): string {
  return DateTime.fromISO(isoDate).setLocale(DATE_LOCALES[lang]).toFormat('d.L.yyyy');
}

/** "tiistai 12.1.2027 14.00–16.00" in the series' time zone. */
export function meetingTime(meeting: Meeting, timezone: string, lang: Language): string {
  const local = (d: Date) => DateTime.fromJSDate(d, { zone: timezone }).setLocale(DATE_LOCALES[lang]);
  const start = local(meeting.startsAt);
  return `${start.toFormat('cccc d.L.yyyy')} ${start.toFormat('H.mm')}–${local(meeting.endsAt).toFormat('H.mm')}`;
}

/** "12.1.2027 14.05" in the series' time zone: when a comment was written. */
export function commentTime(at: Date, timezone: string, lang: Language): string {
  return DateTime.fromJSDate(at, { zone: timezone }).setLocale(DATE_LOCALES[lang]).toFormat('d.L.yyyy H.mm');
}

export interface MinutesBodyInput {
  minutes: Minutes;
  meeting: Meeting;
  hostName: string;
  actions: ActionItem[];
}

/**
 * The fields of the `unit-minutes` partial: one version of a meeting's minutes as staff and service
 * users read it (attendance with service users as a count, items with notes and decisions, the
 * meeting's action items, the version and its correction note).
 */
export function minutesBody({ minutes, meeting, hostName, actions }: MinutesBodyInput, lang: Language) {
  const mt = MINUTES_TEXTS[lang];
  const a = minutes.attendance;
  return {
    mt,
    heading: `${meeting.number}. ${mt.meetingNo} · ${shortDate(meeting.localDate, lang)} · ${hostName}`,
    version: minutes.version,
    correctionNote: minutes.correctionNote ?? '',
    staff: a.staff.map((p) => (p.unit ? `${p.name} (${p.unit})` : p.name)).join(', '),
    guests: a.guests.map((p) => p.name).join(', '),
    namedServiceUsers: a.namedServiceUsers.map((p) => p.name).join(', '),
    serviceUserCount: a.serviceUserCount,
    items: minutes.items
      .filter((i) => i.notes.trim() || i.decisions.trim())
      .map((i) => ({ title: i.title, notes: i.notes, decisions: i.decisions })),
    actions: actions.map((x) => ({
      title: x.title,
      owner: x.ownerUnit?.name ?? '',
      due: x.dueDate ? shortDate(x.dueDate, lang) : '',
      statusText: mt[`status_${x.status}`],
      publicOutcome: x.publicOutcome ?? '',
    })),
  };
}
