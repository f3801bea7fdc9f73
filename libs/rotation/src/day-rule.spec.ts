import fc from 'fast-check';
import { DayRule, dayRuleDate, describeDayRule, IsoWeekday, Nth } from './day-rule';
import { addDays, daysInMonth, isoWeekday, toIsoDate } from './local-date';

describe('dayRuleDate', () => {
  it.each<[number, number, DayRule, string]>([
    [2026, 3, { nth: 2, weekday: 2 }, '2026-03-10'],
    [2026, 12, { nth: 2, weekday: 2 }, '2026-12-08'],
    [2026, 12, { nth: 1, weekday: 2 }, '2026-12-01'],
    [2026, 4, { nth: 1, weekday: 1 }, '2026-04-06'],
    [2026, 3, { nth: -1, weekday: 5 }, '2026-03-27'],
    [2026, 7, { nth: -1, weekday: 5 }, '2026-07-31'], // the last day of the month itself
    [2026, 2, { nth: 4, weekday: 6 }, '2026-02-28'],
    [2028, 2, { nth: -1, weekday: 2 }, '2028-02-29'], // leap day
    [2026, 10, { nth: 1, weekday: 4 }, '2026-10-01'],
  ])('%i-%i %j -> %s', (year, month, rule, expected) => {
    expect(toIsoDate(dayRuleDate(year, month, rule))).toBe(expected);
  });

  it.each([
    { nth: 5, weekday: 2 },
    { nth: 0, weekday: 2 },
    { nth: 1, weekday: 0 },
    { nth: 1, weekday: 8 },
  ])('rejects the invalid rule %j', (rule) => {
    expect(() => dayRuleDate(2026, 3, rule as DayRule)).toThrow(/Invalid day rule/);
  });

  const rules = fc.record({
    nth: fc.constantFrom<Nth>(1, 2, 3, 4, -1),
    weekday: fc.constantFrom<IsoWeekday>(1, 2, 3, 4, 5, 6, 7),
  });

  it('always gives the right weekday, in the month, at the right position', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        rules,
        (year, month, rule) => {
          const d = dayRuleDate(year, month, rule);
          expect(d.year).toBe(year);
          expect(d.month).toBe(month);
          expect(isoWeekday(d)).toBe(rule.weekday);
          if (rule.nth === -1) {
            expect(d.day + 7).toBeGreaterThan(daysInMonth(year, month));
          } else {
            expect(Math.ceil(d.day / 7)).toBe(rule.nth);
          }
          // The same weekday one week earlier is in the previous "nth" (or the previous month).
          const weekBefore = addDays(d, -7);
          if (rule.nth === 1) expect(weekBefore.month).not.toBe(month);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('describeDayRule', () => {
  it.each<[DayRule, string, string, string]>([
    [{ nth: 2, weekday: 2 }, 'toinen tiistai', 'andra tisdagen', 'second Tuesday'],
    [{ nth: -1, weekday: 5 }, 'viimeinen perjantai', 'sista fredagen', 'last Friday'],
    [{ nth: 1, weekday: 1 }, 'ensimmäinen maanantai', 'första måndagen', 'first Monday'],
    [{ nth: 3, weekday: 3 }, 'kolmas keskiviikko', 'tredje onsdagen', 'third Wednesday'],
    [{ nth: 4, weekday: 4 }, 'neljäs torstai', 'fjärde torsdagen', 'fourth Thursday'],
    [{ nth: 1, weekday: 6 }, 'ensimmäinen lauantai', 'första lördagen', 'first Saturday'],
    [{ nth: -1, weekday: 7 }, 'viimeinen sunnuntai', 'sista söndagen', 'last Sunday'],
  ])('%j', (rule, fi, sv, en) => {
    expect(describeDayRule(rule, 'fi')).toBe(fi);
    expect(describeDayRule(rule, 'sv')).toBe(sv);
    expect(describeDayRule(rule, 'en')).toBe(en);
  });

  it('rejects an unknown language', () => {
    expect(() => describeDayRule({ nth: 1, weekday: 1 }, 'de' as 'en')).toThrow(/Unsupported language/);
  });
});
