/**
 * Finnish non-meeting days, from the `date-holidays` package.
 *
 * Decision: a day is a holiday when date-holidays marks it (for 'FI') as type 'public' OR 'bank'.
 * In date-holidays 3.x the FI 'bank' days are exactly the eves: juhannusaatto (Midsummer Eve),
 * jouluaatto (Christmas Eve) and uudenvuodenaatto (New Year's Eve). They are not statutory holidays,
 * but in practice treatment units and most offices are closed or run a skeleton staff on them, so no
 * meeting should be proposed there. 'observance' days (Mother's Day, Father's Day, ...) fall on
 * Sundays and are ordinary days for this purpose, as are 'optional' and 'school' days.
 */
import Holidays from 'date-holidays';
import { isoWeekday, LocalDate, toIsoDate } from './local-date';

const NON_MEETING_TYPES = new Set<string>(['public', 'bank']);

/**
 * Returns a predicate "is this date a Finnish holiday (no meeting)". Holidays are computed once per
 * year and cached inside the returned function.
 */
export function finnishPublicHolidays(): (d: LocalDate) => boolean {
  let hd: Holidays | undefined;
  const byYear = new Map<number, Set<string>>();
  return (d: LocalDate): boolean => {
    let days = byYear.get(d.year);
    if (!days) {
      hd ??= new Holidays('FI');
      days = new Set(
        hd
          .getHolidays(d.year)
          .filter((h) => NON_MEETING_TYPES.has(h.type))
          // `date` is the local date 'YYYY-MM-DD hh:mm:ss'; `start` is an instant and would shift.
          .map((h) => h.date.slice(0, 10)),
      );
      byYear.set(d.year, days);
    }
    return days.has(toIsoDate(d));
  };
}

/** Saturday or Sunday. */
export function isWeekend(d: LocalDate): boolean {
  return isoWeekday(d) >= 6;
}
