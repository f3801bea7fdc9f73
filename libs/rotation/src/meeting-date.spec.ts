import fc from 'fast-check';
import { DayRule, dayRuleDate, IsoWeekday, Nth } from './day-rule';
import { finnishPublicHolidays } from './holidays';
import { addDays, compareDates, isoWeekday, LocalDate, parseIsoDate, toIsoDate } from './local-date';
import { nextCandidateDate, proposeMeetingDate } from './meeting-date';

const fi = finnishPublicHolidays();
const noHolidays = () => false;
const d = parseIsoDate;
const iso = (x: LocalDate[]) => x.map(toIsoDate);

describe('proposeMeetingDate', () => {
  it.each<{
    name: string;
    previous: string | null;
    earliest: string;
    cadence: 1 | 2 | 3;
    rule: DayRule;
    date: string;
    ruleDate: string;
    moved: string[];
  }>([
    {
      name: 'second Tuesday, cadence 1, after 2026-11-10',
      previous: '2026-11-10',
      earliest: '2026-11-20',
      cadence: 1,
      rule: { nth: 2, weekday: 2 },
      date: '2026-12-08',
      ruleDate: '2026-12-08',
      moved: [],
    },
    {
      name: 'cadence 3 jumps three months',
      previous: '2026-01-13',
      earliest: '2026-01-20',
      cadence: 3,
      rule: { nth: 2, weekday: 2 },
      date: '2026-04-14',
      ruleDate: '2026-04-14',
      moved: [],
    },
    {
      name: 'late start steps by one month, not by a whole cadence',
      previous: '2026-01-13',
      earliest: '2026-04-20',
      cadence: 2,
      rule: { nth: 2, weekday: 2 },
      date: '2026-05-12',
      ruleDate: '2026-05-12',
      moved: [],
    },
    {
      name: 'no previous meeting: month of earliest if the rule date is not before it',
      previous: null,
      earliest: '2026-03-01',
      cadence: 2,
      rule: { nth: 2, weekday: 2 },
      date: '2026-03-10',
      ruleDate: '2026-03-10',
      moved: [],
    },
    {
      name: 'no previous meeting: next month when this month’s date has passed',
      previous: null,
      earliest: '2026-03-11',
      cadence: 1,
      rule: { nth: 2, weekday: 2 },
      date: '2026-04-14',
      ruleDate: '2026-04-14',
      moved: [],
    },
    {
      name: 'earliest on the rule date itself is allowed',
      previous: null,
      earliest: '2026-03-10',
      cadence: 1,
      rule: { nth: 2, weekday: 2 },
      date: '2026-03-10',
      ruleDate: '2026-03-10',
      moved: [],
    },
    {
      name: 'first Monday of April 2026 is Easter Monday -> one week later',
      previous: '2026-03-02',
      earliest: '2026-03-10',
      cadence: 1,
      rule: { nth: 1, weekday: 1 },
      date: '2026-04-13',
      ruleDate: '2026-04-06',
      moved: ['2026-04-06'],
    },
    {
      name: 'first Friday of April 2026 is Good Friday -> 2026-04-10',
      previous: null,
      earliest: '2026-04-01',
      cadence: 1,
      rule: { nth: 1, weekday: 5 },
      date: '2026-04-10',
      ruleDate: '2026-04-03',
      moved: ['2026-04-03'],
    },
    {
      name: 'third Friday of June 2026 is Midsummer Eve -> 2026-06-26',
      previous: '2026-05-15',
      earliest: '2026-05-20',
      cadence: 1,
      rule: { nth: 3, weekday: 5 },
      date: '2026-06-26',
      ruleDate: '2026-06-19',
      moved: ['2026-06-19'],
    },
    {
      name: 'last Thursday of December 2026 is New Year’s Eve -> moved into January',
      previous: '2026-11-26',
      earliest: '2026-12-01',
      cadence: 1,
      rule: { nth: -1, weekday: 4 },
      date: '2027-01-07',
      ruleDate: '2026-12-31',
      moved: ['2026-12-31'],
    },
    {
      name: 'fourth Thursday of December 2026 is Christmas Eve, a week later is New Year’s Eve -> 2027-01-07',
      previous: '2026-11-26',
      earliest: '2026-12-01',
      cadence: 1,
      rule: { nth: 4, weekday: 4 },
      date: '2027-01-07',
      ruleDate: '2026-12-24',
      moved: ['2026-12-24', '2026-12-31'],
    },
  ])('$name', ({ previous, earliest, cadence, rule, date, ruleDate, moved }) => {
    const p = proposeMeetingDate({
      previous: previous ? d(previous) : null,
      earliest: d(earliest),
      cadenceMonths: cadence,
      rule,
      isHoliday: fi,
    });
    expect({
      date: toIsoDate(p.date),
      ruleDate: toIsoDate(p.ruleDate),
      moved: iso(p.movedForHoliday),
    }).toEqual({
      date,
      ruleDate,
      moved,
    });
  });

  it('throws instead of looping forever when every date is a holiday', () => {
    expect(() =>
      proposeMeetingDate({
        previous: null,
        earliest: d('2026-01-01'),
        cadenceMonths: 1,
        rule: { nth: 1, weekday: 1 },
        isHoliday: () => true,
      }),
    ).toThrow(/holiday/);
  });

  const input = fc.record({
    previous: fc.option(
      fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
    ),
    lead: fc.integer({ min: 0, max: 200 }),
    cadenceMonths: fc.constantFrom<1 | 2 | 3>(1, 2, 3),
    rule: fc.record({
      nth: fc.constantFrom<Nth>(1, 2, 3, 4, -1),
      weekday: fc.constantFrom<IsoWeekday>(1, 2, 3, 4, 5, 6, 7),
    }),
    base: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
  });
  const local = (js: Date): LocalDate => ({
    year: js.getUTCFullYear(),
    month: js.getUTCMonth() + 1,
    day: js.getUTCDate(),
  });

  it('without holidays: the proposal is the earliest rule date that is on/after earliest, after previous, and not before the cadence month', () => {
    fc.assert(
      fc.property(input, ({ previous, lead, cadenceMonths, rule, base }) => {
        const prev = previous ? local(previous) : null;
        const earliest = prev ? addDays(prev, lead) : local(base);
        const p = proposeMeetingDate({
          previous: prev,
          earliest,
          cadenceMonths,
          rule,
          isHoliday: noHolidays,
        });
        expect(p.movedForHoliday).toEqual([]);
        expect(p.date).toEqual(p.ruleDate);
        expect(p.date).toEqual(dayRuleDate(p.date.year, p.date.month, rule));
        expect(compareDates(p.date, earliest)).toBeGreaterThanOrEqual(0);
        if (prev) expect(compareDates(p.date, prev)).toBeGreaterThan(0);
        // Minimality: the rule date of the month before is either too early or before the cadence month.
        const before = new Date(Date.UTC(p.date.year, p.date.month - 2, 1));
        const earlier = dayRuleDate(before.getUTCFullYear(), before.getUTCMonth() + 1, rule);
        const startMonth = prev
          ? new Date(Date.UTC(prev.year, prev.month - 1 + cadenceMonths, 1))
          : new Date(Date.UTC(earliest.year, earliest.month - 1, 1));
        const earlierAllowed =
          compareDates(earlier, earliest) >= 0 &&
          (!prev || compareDates(earlier, prev) > 0) &&
          before.getTime() >= startMonth.getTime();
        expect(earlierAllowed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('with Finnish holidays: the date is not a holiday, keeps the weekday, and every skipped date was a holiday a week apart', () => {
    fc.assert(
      fc.property(input, ({ previous, lead, cadenceMonths, rule, base }) => {
        const prev = previous ? local(previous) : null;
        const earliest = prev ? addDays(prev, lead) : local(base);
        const p = proposeMeetingDate({ previous: prev, earliest, cadenceMonths, rule, isHoliday: fi });
        expect(fi(p.date)).toBe(false);
        expect(isoWeekday(p.date)).toBe(rule.weekday);
        const chain = [...p.movedForHoliday, p.date];
        expect(chain[0]).toEqual(p.ruleDate);
        for (let i = 0; i + 1 < chain.length; i++) {
          expect(fi(chain[i])).toBe(true);
          expect(chain[i + 1]).toEqual(addDays(chain[i], 7));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('nextCandidateDate', () => {
  it.each([
    ['2026-12-08', '2026-12-15'],
    ['2026-12-29', '2027-01-05'],
  ])('%s -> %s', (from, to) => {
    expect(toIsoDate(nextCandidateDate(d(from)))).toBe(to);
  });
});
