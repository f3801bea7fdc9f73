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

export type HolidayLanguage = 'fi' | 'sv' | 'en';

/** A Finnish non-meeting day with its name in the three languages ("jouluaatto", "julafton", "Christmas Eve"). */
export interface HolidayName {
  date: string;
  fi: string;
  sv: string;
  en: string;
}

const LANGUAGES: readonly HolidayLanguage[] = ['fi', 'sv', 'en'];
const namesByYear = new Map<number, Map<string, HolidayName>>();

/**
 * The names of the Finnish non-meeting days of a year. date-holidays 3.x writes New Year's Eve as
 * "Uudenvuodenaatto" (capitalised, unlike every other Finnish name); Finnish names are written in
 * lower case here so they read right inside a sentence. Swedish and English names are kept as they
 * are ("Kristi himmelsfärdsdag", "Christmas Eve").
 */
function yearNames(year: number): Map<string, HolidayName> {
  let names = namesByYear.get(year);
  if (names) return names;
  names = new Map();
  for (const lang of LANGUAGES) {
    const hd = new Holidays('FI', { languages: [lang] });
    for (const h of hd.getHolidays(year, lang)) {
      if (!NON_MEETING_TYPES.has(h.type)) continue;
      const date = h.date.slice(0, 10);
      const entry = names.get(date) ?? { date, fi: '', sv: '', en: '' };
      entry[lang] = lang === 'fi' ? h.name.toLocaleLowerCase('fi') : h.name;
      names.set(date, entry);
    }
  }
  namesByYear.set(year, names);
  return names;
}

/** The holiday's names when the date is a Finnish non-meeting day, else null. */
export function finnishHolidayName(d: LocalDate): HolidayName | null {
  return yearNames(d.year).get(toIsoDate(d)) ?? null;
}

/** Saturday or Sunday. */
export function isWeekend(d: LocalDate): boolean {
  return isoWeekday(d) >= 6;
}
