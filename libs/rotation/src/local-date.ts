/**
 * A calendar date without a time or a time zone (month 1-12). All arithmetic goes through luxon in UTC,
 * so the results never depend on the process time zone.
 */
import { DateTime } from 'luxon';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDateTime(d: LocalDate): DateTime {
  const dt = DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: 'UTC' });
  if (!dt.isValid) {
    throw new Error(`Invalid date ${JSON.stringify(d)}: ${dt.invalidExplanation ?? dt.invalidReason}`);
  }
  return dt;
}

function fromDateTime(dt: DateTime): LocalDate {
  return { year: dt.year, month: dt.month, day: dt.day };
}

/** Whether the object names a real calendar day (e.g. 2026-02-29 is not one). */
export function isValidLocalDate(d: LocalDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: 'UTC' }).isValid
  );
}

/** '2026-03-10'. */
export function toIsoDate(d: LocalDate): string {
  toDateTime(d);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** Parses 'YYYY-MM-DD' strictly; throws on any other shape or on a day that does not exist. */
export function parseIsoDate(s: string): LocalDate {
  const m = ISO_DATE.exec(s);
  if (!m) throw new Error(`Invalid ISO date '${s}': expected YYYY-MM-DD`);
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isValidLocalDate(d)) throw new Error(`Invalid ISO date '${s}': no such day`);
  return d;
}

/** Negative when a is before b, 0 when equal, positive when a is after b. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromDateTime(toDateTime(d).plus({ days: n }));
}

/** Month arithmetic on (year, month) pairs; n may be negative. */
export function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const dt = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' });
  if (!dt.isValid) throw new Error(`Invalid year/month ${year}-${month}`);
  const r = dt.plus({ months: n });
  return { year: r.year, month: r.month };
}

/** ISO weekday: Monday = 1 ... Sunday = 7. */
export function isoWeekday(d: LocalDate): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  return toDateTime(d).weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** Number of days in the month. */
export function daysInMonth(year: number, month: number): number {
  const n = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' }).daysInMonth;
  if (n === undefined) throw new Error(`Invalid year/month ${year}-${month}`);
  return n;
}
