/**
 * Why a meeting is not on its usual day (or at its usual time), in plain words for the meeting page,
 * the dashboard and the invitation: "Kokous on viikkoa aiempana kuin tavallisesti, koska 24.12. on
 * jouluaatto." All the texts of these sentences live in MOVE_TEXTS.
 */
import { finnishHolidayName, HolidayLanguage } from './holidays';
import { LocalDate, parseIsoDate } from './local-date';
import { weeksMoved } from './meeting-date';

export type MoveKind = 'holiday' | 'unitUnavailable' | 'coordinator' | 'startTime';

export interface MoveFacts {
  ruleDate: string;
  date: string;
  /** Holiday dates the rotation skipped. */
  movedForHoliday: string[];
  /** Dates the rotation skipped because no unit could host. */
  movedForNoHost: string[];
  /** Set when a coordinator moved the meeting (with the reason they gave, if any). */
  coordinator: { reason: string | null } | null;
  /** Set when the usual start time did not exist that day (spring-forward night). */
  startTime: { usual: string; actual: string } | null;
}

interface MoveTexts {
  weeks: (n: number) => string;
  earlier: string;
  later: string;
  sentence: (shift: string, because: string) => string;
  holiday: (date: string, name: string) => string;
  noHost: (dates: string) => string;
  and: string;
  coordinator: (ruleDate: string) => string;
  coordinatorReason: (ruleDate: string, reason: string) => string;
  startTime: (actual: string, usual: string) => string;
  date: (d: LocalDate) => string;
  time: (hhmm: string) => string;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const dotted = (d: LocalDate) => `${d.day}.${d.month}.`;
const dottedTime = (t: string) => `${Number(t.slice(0, 2))}.${t.slice(3)}`;

export const MOVE_TEXTS: Record<HolidayLanguage, MoveTexts> = {
  fi: {
    weeks: (n) => (n === 1 ? 'viikkoa' : `${['', '', 'kaksi', 'kolme', 'neljä'][n] ?? n} viikkoa`),
    earlier: 'aiempana',
    later: 'myöhempänä',
    sentence: (shift, because) => `Kokous on ${shift} kuin tavallisesti, koska ${because}.`,
    holiday: (date, name) => `${date} on ${name}`,
    noHost: (dates) => `yksikään kierron yksikkö ei voi olla kokouksen isäntänä ${dates}`,
    and: 'ja',
    coordinator: (r) => `Koordinaattori siirsi kokouksen tavalliselta päivältä ${r}`,
    coordinatorReason: (r, reason) => `Koordinaattori siirsi kokouksen tavalliselta päivältä ${r}: ${reason}`,
    startTime: (a, u) =>
      `Kokous alkaa klo ${a} eikä ${u}, koska kelloja siirretään sinä yönä kesäaikaan eikä klo ${u} ole olemassa.`,
    date: dotted,
    time: dottedTime,
  },
  sv: {
    weeks: (n) => (n === 1 ? 'en vecka' : `${['', '', 'två', 'tre', 'fyra'][n] ?? n} veckor`),
    earlier: 'tidigare',
    later: 'senare',
    sentence: (shift, because) => `Mötet är ${shift} än vanligt, eftersom ${because}.`,
    holiday: (date, name) => `${date} är ${name}`,
    noHost: (dates) => `ingen enhet i turordningen kan vara värd för mötet ${dates}`,
    and: 'och',
    coordinator: (r) => `Koordinatorn flyttade mötet från den vanliga dagen ${r}`,
    coordinatorReason: (r, reason) => `Koordinatorn flyttade mötet från den vanliga dagen ${r}: ${reason}`,
    startTime: (a, u) =>
      `Mötet börjar kl. ${a} och inte ${u}, eftersom klockan ställs fram till sommartid den natten och ${u} inte finns.`,
    date: dotted,
    time: dottedTime,
  },
  en: {
    weeks: (n) => (n === 1 ? 'a week' : `${['', '', 'two', 'three', 'four'][n] ?? n} weeks`),
    earlier: 'earlier',
    later: 'later',
    sentence: (shift, because) => `The meeting is ${shift} than usual, because ${because}.`,
    holiday: (date, name) => `${date} is ${name}`,
    noHost: (dates) => `no unit in the rotation can host the meeting on ${dates}`,
    and: 'and',
    coordinator: (r) => `The coordinator moved the meeting from its usual day, ${r}`,
    coordinatorReason: (r, reason) => `The coordinator moved the meeting from its usual day, ${r}: ${reason}`,
    startTime: (a, u) =>
      `The meeting starts at ${a}, not ${u}, because the clocks go forward to summer time that night and ${u} does not exist.`,
    date: (d) => `${d.day} ${MONTHS_EN[d.month - 1]}`,
    time: (t) => t,
  },
};

const joinAnd = (parts: string[], and: string) =>
  parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${and} ${parts[parts.length - 1]}`;

/** The main reason of a move, for the API: null when the meeting is on its rule date at its usual time. */
export function moveKind(f: MoveFacts): MoveKind | null {
  if (f.coordinator && f.date !== f.ruleDate) return 'coordinator';
  if (f.date !== f.ruleDate) return f.movedForNoHost.length > 0 ? 'unitUnavailable' : 'holiday';
  if (f.startTime) return 'startTime';
  return null;
}

/** The sentence(s) saying why, in the reader's language; null when nothing moved. */
export function explainMove(f: MoveFacts, lang: HolidayLanguage): string | null {
  const t = MOVE_TEXTS[lang] ?? MOVE_TEXTS.fi;
  const ruleDate = parseIsoDate(f.ruleDate);
  const date = parseIsoDate(f.date);
  const out: string[] = [];
  const end = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
  if (f.coordinator && f.date !== f.ruleDate) {
    const reason = f.coordinator.reason?.trim();
    out.push(end(reason ? t.coordinatorReason(t.date(ruleDate), reason) : t.coordinator(t.date(ruleDate))));
  } else if (f.date !== f.ruleDate) {
    const because: string[] = f.movedForHoliday.map((iso) => {
      const d = parseIsoDate(iso);
      return t.holiday(t.date(d), finnishHolidayName(d)?.[lang] ?? '');
    });
    if (f.movedForNoHost.length > 0) {
      because.push(
        t.noHost(
          joinAnd(
            f.movedForNoHost.map((iso) => t.date(parseIsoDate(iso))),
            t.and,
          ),
        ),
      );
    }
    const weeks = weeksMoved(ruleDate, date);
    const shift = `${t.weeks(Math.abs(weeks) || 1)} ${weeks < 0 ? t.earlier : t.later}`;
    out.push(t.sentence(shift, joinAnd(because, t.and)));
  }
  if (f.startTime) out.push(t.startTime(t.time(f.startTime.actual), t.time(f.startTime.usual)));
  return out.length ? out.join(' ') : null;
}
