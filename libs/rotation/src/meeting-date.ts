/**
 * Proposes the date of the next meeting from the cadence, the day rule and the holiday calendar.
 *
 * 1. Month: previous meeting's month + cadence, or the month of `earliest` when there is no previous one.
 * 2. Date: the day rule in that month. If it is before `earliest` (or not after `previous`), step one
 *    month at a time (never a whole cadence, so a late start does not skip a cycle) until it fits.
 * 3. Holidays: while the date is a holiday, move it one week later (same weekday) and record the skipped
 *    date. The moved date may fall in the following month.
 */
import { DayRule, dayRuleDate } from './day-rule';
import { addDays, addMonths, compareDates, LocalDate } from './local-date';

export interface DateProposalInput {
  /** Date of the previous (non-cancelled) meeting, if any. */
  previous: LocalDate | null;
  /** No proposal before this (e.g. today + invitation lead time). */
  earliest: LocalDate;
  cadenceMonths: 1 | 2 | 3;
  rule: DayRule;
  isHoliday: (d: LocalDate) => boolean;
}

export interface DateProposal {
  /** The proposed date (rule date moved past holidays). */
  date: LocalDate;
  /** The date the day rule gave before any holiday move. */
  ruleDate: LocalDate;
  /** Holiday dates skipped on the way from ruleDate to date, in order. */
  movedForHoliday: LocalDate[];
}

/** Safety bounds: a real calendar never needs this many steps; a broken predicate must not hang us. */
const MAX_MONTH_STEPS = 1200;
const MAX_HOLIDAY_STEPS = 52;

export function proposeMeetingDate(input: DateProposalInput): DateProposal {
  const { previous, earliest, cadenceMonths, rule, isHoliday } = input;
  if (![1, 2, 3].includes(cadenceMonths)) throw new Error(`Invalid cadence ${String(cadenceMonths)}`);

  let ym = previous
    ? addMonths(previous.year, previous.month, cadenceMonths)
    : { year: earliest.year, month: earliest.month };
  let ruleDate = dayRuleDate(ym.year, ym.month, rule);
  const tooEarly = (d: LocalDate) =>
    compareDates(d, earliest) < 0 || (previous !== null && compareDates(d, previous) <= 0);
  for (let i = 0; tooEarly(ruleDate); i++) {
    if (i >= MAX_MONTH_STEPS) throw new Error('No rule date found on or after the earliest date');
    ym = addMonths(ym.year, ym.month, 1);
    ruleDate = dayRuleDate(ym.year, ym.month, rule);
  }

  const movedForHoliday: LocalDate[] = [];
  let date = ruleDate;
  while (isHoliday(date)) {
    if (movedForHoliday.length >= MAX_HOLIDAY_STEPS) throw new Error('Every candidate date is a holiday');
    movedForHoliday.push(date);
    date = nextCandidateDate(date);
  }
  return { date, ruleDate, movedForHoliday };
}

/** The next candidate when no unit can host on `date`: the same weekday one week later. */
export function nextCandidateDate(date: LocalDate): LocalDate {
  return addDays(date, 7);
}
