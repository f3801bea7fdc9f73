/**
 * Proposes the date of the next meeting from the cadence, the day rule and the holiday calendar.
 *
 * The cycle rule: a series with cadence N has one meeting per N-month cycle. A cycle is named by its
 * nominal month (the month whose day rule gives the meeting's rule date). The next cycle is the
 * previous meeting's cycle + N months, never the month the previous meeting was moved to, so a
 * December meeting held early or late never costs January its meeting.
 *
 * 1. Cycle: previous cycle + cadence, or the month of `earliest` when there is no previous meeting.
 * 2. Rule date: the day rule in that month. If it is before `earliest` (or not after the previous
 *    meeting's date), step one month at a time (never a whole cadence, so a late start does not skip
 *    a cycle) until it fits.
 * 3. The move rule: when the rule date is a holiday (or no unit can host), try the same weekday one
 *    week later, then one week earlier, then two weeks later, two earlier, ... but only days inside the
 *    cycle's month. So a moved meeting keeps its weekday, never leaves its cycle's month (and so never
 *    meets the next cycle's meeting), and never lands on a holiday. 24.12. goes to 17.12. (31.12. is a
 *    holiday too), Good Friday 26.3. goes to 19.3. (2.4. would be April's), 1.1. goes to 8.1.
 *    When no day of the month works, the meeting goes to the next month's rule date.
 */
import { DayRule, dayRuleDate } from './day-rule';
import { addDays, addMonths, compareDates, LocalDate } from './local-date';

export interface YearMonth {
  year: number;
  month: number;
}

export interface DateProposalInput {
  /** The previous (non-cancelled) meeting: its cycle and the date it was actually held on. */
  previous: { cycle: YearMonth; date: LocalDate } | null;
  /** No proposal before this (e.g. today + invitation lead time). */
  earliest: LocalDate;
  cadenceMonths: 1 | 2 | 3;
  rule: DayRule;
  isHoliday: (d: LocalDate) => boolean;
  /** Whether some unit can host on that (non-holiday) day; every day when not given. */
  canHost?: (d: LocalDate) => boolean;
  /** How many months to search before giving up (NoMeetingDateError); default a hundred years. */
  searchMonths?: number;
}

/** No day in the searched months is free of holidays and has a unit that can host. */
export class NoMeetingDateError extends Error {}

export interface DateProposal {
  /** The cycle (nominal month) this meeting belongs to. */
  cycle: YearMonth;
  /** The proposed date. */
  date: LocalDate;
  /** The date the day rule gave in the cycle's month, before any move. */
  ruleDate: LocalDate;
  /** Holiday dates tried and skipped on the way from ruleDate to date, in order. */
  movedForHoliday: LocalDate[];
  /** Dates tried and skipped because no unit could host, in order. */
  movedForNoHost: LocalDate[];
}

/** Safety bound: a real calendar never needs this many steps; a broken predicate must not hang us. */
const MAX_MONTH_STEPS = 1200;

/** "2026-12". */
export function toIsoMonth(ym: YearMonth): string {
  return `${String(ym.year).padStart(4, '0')}-${String(ym.month).padStart(2, '0')}`;
}

/** Parses 'YYYY-MM' strictly. */
export function parseIsoMonth(s: string): YearMonth {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`Invalid month '${s}': expected YYYY-MM`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/**
 * The days a meeting of the cycle may be held on, best first: the rule date, then the same weekday
 * one week later, one week earlier, two weeks later, two earlier, ..., only inside the rule date's month.
 */
export function moveCandidates(ruleDate: LocalDate): LocalDate[] {
  const out: LocalDate[] = [ruleDate];
  for (let weeks = 1; weeks <= 4; weeks++) {
    for (const sign of [1, -1]) {
      const d = addDays(ruleDate, sign * weeks * 7);
      if (d.month === ruleDate.month && d.year === ruleDate.year) out.push(d);
    }
  }
  return out;
}

export function proposeMeetingDate(input: DateProposalInput): DateProposal {
  const { previous, earliest, cadenceMonths, rule, isHoliday } = input;
  const canHost = input.canHost ?? (() => true);
  if (![1, 2, 3].includes(cadenceMonths)) throw new Error(`Invalid cadence ${String(cadenceMonths)}`);

  let cycle: YearMonth = previous
    ? addMonths(previous.cycle.year, previous.cycle.month, cadenceMonths)
    : { year: earliest.year, month: earliest.month };
  const tooEarly = (d: LocalDate) =>
    compareDates(d, earliest) < 0 || (previous !== null && compareDates(d, previous.date) <= 0);
  const movedForNoHost: LocalDate[] = [];
  const steps = input.searchMonths ?? MAX_MONTH_STEPS;
  let searched = 0;
  for (
    let i = 0;
    i < MAX_MONTH_STEPS && searched < steps;
    i++, cycle = addMonths(cycle.year, cycle.month, 1)
  ) {
    const ruleDate = dayRuleDate(cycle.year, cycle.month, rule);
    if (tooEarly(ruleDate)) continue;
    searched += 1;
    const movedForHoliday: LocalDate[] = [];
    const noHostHere: LocalDate[] = [];
    for (const date of moveCandidates(ruleDate)) {
      if (tooEarly(date)) continue;
      if (isHoliday(date)) movedForHoliday.push(date);
      else if (!canHost(date)) noHostHere.push(date);
      else
        return { cycle, date, ruleDate, movedForHoliday, movedForNoHost: [...movedForNoHost, ...noHostHere] };
    }
    movedForNoHost.push(...noHostHere);
  }
  throw new NoMeetingDateError(`No meeting date found in ${steps} months`);
}

/** Weeks from the rule date to the date (negative: earlier), rounded toward zero. */
export function weeksMoved(ruleDate: LocalDate, date: LocalDate): number {
  const days = Math.round(
    (Date.UTC(date.year, date.month - 1, date.day) -
      Date.UTC(ruleDate.year, ruleDate.month - 1, ruleDate.day)) /
      86_400_000,
  );
  return Math.trunc(days / 7);
}
