/**
 * Converts between a meeting's local wall-clock time ("14:00 in Europe/Helsinki on 2026-03-10") and
 * an absolute instant. Daylight saving time is handled by luxon's IANA zone data.
 */
import { DateTime, IANAZone } from 'luxon';
import { LocalDate } from './local-date';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** An IANA zone name ("Europe/Helsinki", "UTC"); not an offset, which Node 24's Intl also accepts. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
// IANAZone.isValidZone builds an Intl.DateTimeFormat on every call (a third of a meeting list's CPU).
const VALID_ZONES = new Map<string, boolean>();

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || !ZONE_NAME.test(tz)) return false;
  let valid = VALID_ZONES.get(tz);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(tz);
    if (VALID_ZONES.size < 1000) VALID_ZONES.set(tz, valid);
  }
  return valid;
}

/**
 * The instant at which the wall clock in `timeZone` shows `time` ('HH:mm', 24 h) on `date`.
 * Throws on an invalid zone, a malformed time, an invalid date, or a wall-clock time that does not
 * exist on that day (the spring-forward gap). For an ambiguous time (the autumn fall-back hour)
 * luxon picks the later, standard-time instant.
 */
export function toUtcInstant(date: LocalDate, time: string, timeZone: string): Date {
  if (!isValidTimeZone(timeZone)) throw new Error(`Invalid time zone '${timeZone}'`);
  const m = HH_MM.exec(time);
  if (!m) throw new Error(`Invalid time '${time}': expected HH:mm (00:00-23:59)`);
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const dt = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour, minute },
    { zone: timeZone },
  );
  if (!dt.isValid) {
    throw new Error(`Invalid date ${JSON.stringify(date)}: ${dt.invalidExplanation ?? dt.invalidReason}`);
  }
  if (
    dt.year !== date.year ||
    dt.month !== date.month ||
    dt.day !== date.day ||
    dt.hour !== hour ||
    dt.minute !== minute
  ) {
    throw new Error(`The local time ${time} does not exist on that day in ${timeZone} (daylight saving gap)`);
  }
  return dt.toJSDate();
}

/** The local calendar date and 'HH:mm' wall-clock time of an instant in `timeZone`. */
export function toLocalParts(instant: Date, timeZone: string): { date: LocalDate; time: string } {
  if (!isValidTimeZone(timeZone)) throw new Error(`Invalid time zone '${timeZone}'`);
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new Error('Invalid instant');
  const dt = DateTime.fromJSDate(instant, { zone: timeZone });
  return { date: { year: dt.year, month: dt.month, day: dt.day }, time: dt.toFormat('HH:mm') };
}

/** Whether the wall-clock time exists on that day in the zone (false in the spring-forward gap). */
export function localTimeExists(date: LocalDate, time: string, timeZone: string): boolean {
  try {
    toUtcInstant(date, time, timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * `time` when it exists on that day, else the first wall-clock minute after it that does (03:30 on
 * the night clocks go forward in Helsinki gives 04:00). Throws on a malformed time or zone.
 */
export function firstValidLocalTime(date: LocalDate, time: string, timeZone: string): string {
  if (!HH_MM.test(time)) throw new Error(`Invalid time '${time}': expected HH:mm (00:00-23:59)`);
  if (!isValidTimeZone(timeZone)) throw new Error(`Invalid time zone '${timeZone}'`);
  let minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  for (let i = 0; i <= 24 * 60; i++, minutes++) {
    if (minutes >= 24 * 60) break;
    const t = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    if (localTimeExists(date, t, timeZone)) return t;
  }
  throw new Error(`No valid local time on or after ${time} that day in ${timeZone}`);
}
