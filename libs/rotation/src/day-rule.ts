/** "Second Tuesday of the month"-style rules for the meeting day. */
import { daysInMonth, isoWeekday, LocalDate } from './local-date';

/** 1-4 = first..fourth, -1 = last. */
export type Nth = 1 | 2 | 3 | 4 | -1;
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface DayRule {
  nth: Nth;
  /** ISO weekday, Monday = 1. */
  weekday: IsoWeekday;
}

export type RuleLanguage = 'fi' | 'sv' | 'en';

const NTHS: readonly Nth[] = [1, 2, 3, 4, -1];

export function isValidDayRule(rule: DayRule): boolean {
  return NTHS.includes(rule.nth) && Number.isInteger(rule.weekday) && rule.weekday >= 1 && rule.weekday <= 7;
}

function assertRule(rule: DayRule): void {
  if (!isValidDayRule(rule)) throw new Error(`Invalid day rule ${JSON.stringify(rule)}`);
}

/** The date the rule names in the given month, e.g. second Tuesday of 2026-03 = 2026-03-10. */
export function dayRuleDate(year: number, month: number, rule: DayRule): LocalDate {
  assertRule(rule);
  if (rule.nth === -1) {
    const last = daysInMonth(year, month);
    const back = (isoWeekday({ year, month, day: last }) - rule.weekday + 7) % 7;
    return { year, month, day: last - back };
  }
  const ahead = (rule.weekday - isoWeekday({ year, month, day: 1 }) + 7) % 7;
  return { year, month, day: 1 + ahead + (rule.nth - 1) * 7 };
}

const ORDINALS: Record<RuleLanguage, Record<Nth, string>> = {
  fi: { 1: 'ensimmäinen', 2: 'toinen', 3: 'kolmas', 4: 'neljäs', [-1]: 'viimeinen' },
  sv: { 1: 'första', 2: 'andra', 3: 'tredje', 4: 'fjärde', [-1]: 'sista' },
  en: { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' },
};

const WEEKDAYS: Record<RuleLanguage, readonly string[]> = {
  fi: ['maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai', 'lauantai', 'sunnuntai'],
  // Swedish uses the definite form after an ordinal: "andra tisdagen".
  sv: ['måndagen', 'tisdagen', 'onsdagen', 'torsdagen', 'fredagen', 'lördagen', 'söndagen'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** Plain words: "toinen tiistai" / "andra tisdagen" / "second Tuesday". */
export function describeDayRule(rule: DayRule, lang: RuleLanguage): string {
  assertRule(rule);
  const ordinals = ORDINALS[lang];
  if (!ordinals) throw new Error(`Unsupported language '${String(lang)}'`);
  return `${ordinals[rule.nth]} ${WEEKDAYS[lang][rule.weekday - 1]}`;
}
