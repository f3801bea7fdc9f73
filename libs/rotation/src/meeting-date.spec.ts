import fc from 'fast-check';
import { DayRule, dayRuleDate, IsoWeekday, Nth } from './day-rule';
import { finnishPublicHolidays } from './holidays';
import { addMonths, compareDates, isoWeekday, LocalDate, parseIsoDate, toIsoDate } from './local-date';
import {
  moveCandidates,
  parseIsoMonth,
  proposeMeetingDate,
  toIsoMonth,
  weeksMoved,
  YearMonth,
} from './meeting-date';
import { toLocalParts, toUtcInstant } from './wall-clock';

const fi = finnishPublicHolidays();
const noHolidays = () => false;
const d = parseIsoDate;
const iso = (x: LocalDate[]) => x.map(toIsoDate);
const prev = (cycle: string, date: string) => ({ cycle: parseIsoMonth(cycle), date: d(date) });

describe('proposeMeetingDate', () => {
  it.each<{
    name: string;
    previous: { cycle: YearMonth; date: LocalDate } | null;
    earliest: string;
    cadence: 1 | 2 | 3;
    rule: DayRule;
    date: string;
    ruleDate: string;
    cycle: string;
    moved: string[];
  }>([
    {
      name: 'second Tuesday, cadence 1, after 2026-11-10',
      previous: prev('2026-11', '2026-11-10'),
      earliest: '2026-11-20',
      cadence: 1,
      rule: { nth: 2, weekday: 2 },
      date: '2026-12-08',
      ruleDate: '2026-12-08',
      cycle: '2026-12',
      moved: [],
    },
    {
      name: 'cadence 3 jumps three months',
      previous: prev('2026-01', '2026-01-13'),
      earliest: '2026-01-20',
      cadence: 3,
      rule: { nth: 2, weekday: 2 },
      date: '2026-04-14',
      ruleDate: '2026-04-14',
      cycle: '2026-04',
      moved: [],
    },
    {
      name: 'late start steps by one month, not by a whole cadence',
      previous: prev('2026-01', '2026-01-13'),
      earliest: '2026-04-20',
      cadence: 2,
      rule: { nth: 2, weekday: 2 },
      date: '2026-05-12',
      ruleDate: '2026-05-12',
      cycle: '2026-05',
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
      cycle: '2026-03',
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
      cycle: '2026-04',
      moved: [],
    },
    {
      name: 'first Monday of April 2026 is Easter Monday -> one week later',
      previous: prev('2026-03', '2026-03-02'),
      earliest: '2026-03-10',
      cadence: 1,
      rule: { nth: 1, weekday: 1 },
      date: '2026-04-13',
      ruleDate: '2026-04-06',
      cycle: '2026-04',
      moved: ['2026-04-06'],
    },
    {
      name: 'third Friday of June 2026 is Midsummer Eve -> 2026-06-26, still June',
      previous: prev('2026-05', '2026-05-15'),
      earliest: '2026-05-20',
      cadence: 1,
      rule: { nth: 3, weekday: 5 },
      date: '2026-06-26',
      ruleDate: '2026-06-19',
      cycle: '2026-06',
      moved: ['2026-06-19'],
    },
    {
      name: 'fourth Friday of June 2027 is Midsummer Eve; 2.7. would be July’s -> a week earlier',
      previous: prev('2027-05', '2027-05-28'),
      earliest: '2027-06-01',
      cadence: 1,
      rule: { nth: 4, weekday: 5 },
      date: '2027-06-18',
      ruleDate: '2027-06-25',
      cycle: '2027-06',
      moved: ['2027-06-25'],
    },
    {
      name: 'last Friday of March 2027 is Good Friday -> 19.3., not 2.4.',
      previous: prev('2027-02', '2027-02-26'),
      earliest: '2027-03-01',
      cadence: 1,
      rule: { nth: -1, weekday: 5 },
      date: '2027-03-19',
      ruleDate: '2027-03-26',
      cycle: '2027-03',
      moved: ['2027-03-26'],
    },
    {
      name: 'last Thursday of December 2026 is New Year’s Eve -> a week earlier',
      previous: prev('2026-11', '2026-11-26'),
      earliest: '2026-12-01',
      cadence: 1,
      rule: { nth: -1, weekday: 4 },
      date: '2026-12-17',
      ruleDate: '2026-12-31',
      cycle: '2026-12',
      moved: ['2026-12-31', '2026-12-24'],
    },
    {
      name: 'fourth Friday of December 2027 is Christmas Eve, a week later New Year’s Eve -> 17.12.',
      previous: prev('2027-11', '2027-11-26'),
      earliest: '2027-12-01',
      cadence: 1,
      rule: { nth: 4, weekday: 5 },
      date: '2027-12-17',
      ruleDate: '2027-12-24',
      cycle: '2027-12',
      moved: ['2027-12-24', '2027-12-31'],
    },
    {
      name: 'the next cycle counts from the previous cycle, not from a date moved into the next month',
      previous: prev('2026-12', '2027-01-07'),
      earliest: '2027-01-08',
      cadence: 1,
      rule: { nth: -1, weekday: 4 },
      date: '2027-01-28',
      ruleDate: '2027-01-28',
      cycle: '2027-01',
      moved: [],
    },
  ])('$name', ({ previous, earliest, cadence, rule, date, ruleDate, cycle, moved }) => {
    const p = proposeMeetingDate({
      previous,
      earliest: d(earliest),
      cadenceMonths: cadence,
      rule,
      isHoliday: fi,
    });
    expect({
      date: toIsoDate(p.date),
      ruleDate: toIsoDate(p.ruleDate),
      cycle: toIsoMonth(p.cycle),
      moved: iso(p.movedForHoliday),
    }).toEqual({ date, ruleDate, cycle, moved });
  });

  it('tries the days no unit can host in the move order and records them', () => {
    const blocked = new Set(['2026-03-10', '2026-03-17']);
    const p = proposeMeetingDate({
      previous: null,
      earliest: d('2026-03-01'),
      cadenceMonths: 1,
      rule: { nth: 2, weekday: 2 },
      isHoliday: noHolidays,
      canHost: (x) => !blocked.has(toIsoDate(x)),
    });
    expect([toIsoDate(p.date), iso(p.movedForNoHost)]).toEqual(['2026-03-03', ['2026-03-10', '2026-03-17']]);
  });

  it('goes to the next month when no day of the cycle’s month can be hosted', () => {
    const p = proposeMeetingDate({
      previous: null,
      earliest: d('2026-03-01'),
      cadenceMonths: 1,
      rule: { nth: 2, weekday: 2 },
      isHoliday: noHolidays,
      canHost: (x) => x.month !== 3,
    });
    expect([toIsoDate(p.date), toIsoMonth(p.cycle), p.movedForNoHost.length]).toEqual([
      '2026-04-14',
      '2026-04',
      5,
    ]);
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
    ).toThrow(/No meeting date/);
  });

  const rule = fc.record({
    nth: fc.constantFrom<Nth>(1, 2, 3, 4, -1),
    weekday: fc.constantFrom<IsoWeekday>(1, 2, 3, 4, 5, 6, 7),
  });

  it('walking many years of Finnish holidays: 12, 6 or 4 meetings a year, one per cycle, never a holiday, same weekday, local time kept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1995, max: 2140 }),
        fc.constantFrom<1 | 2 | 3>(1, 2, 3),
        rule,
        fc.integer({ min: 8, max: 18 }).map((h) => `${String(h).padStart(2, '0')}:30`),
        (year, cadenceMonths, r, time) => {
          let previous: { cycle: YearMonth; date: LocalDate } | null = null;
          const perYear = new Map<number, number>();
          const dates: LocalDate[] = [];
          for (let i = 0; i < 36 / cadenceMonths + 1; i++) {
            const earliest: LocalDate = previous ? previous.date : { year, month: 1, day: 1 };
            const p = proposeMeetingDate({ previous, earliest, cadenceMonths, rule: r, isHoliday: fi });
            if (previous)
              expect(p.cycle).toEqual(addMonths(previous.cycle.year, previous.cycle.month, cadenceMonths));
            expect(fi(p.date)).toBe(false);
            expect(isoWeekday(p.date)).toBe(r.weekday);
            expect([p.date.year, p.date.month]).toEqual([p.cycle.year, p.cycle.month]);
            expect(p.ruleDate).toEqual(dayRuleDate(p.cycle.year, p.cycle.month, r));
            expect(p.movedForHoliday.every(fi)).toBe(true);
            if (dates.length) expect(compareDates(p.date, dates[dates.length - 1])).toBeGreaterThan(0);
            expect(toLocalParts(toUtcInstant(p.date, time, 'Europe/Helsinki'), 'Europe/Helsinki')).toEqual({
              date: p.date,
              time,
            });
            dates.push(p.date);
            perYear.set(p.date.year, (perYear.get(p.date.year) ?? 0) + 1);
            previous = { cycle: p.cycle, date: p.date };
          }
          for (const y of [year, year + 1, year + 2])
            expect([y, perYear.get(y)]).toEqual([y, 12 / cadenceMonths]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a day no unit can host is never chosen, and the meeting stays in its cycle’s month when a day there works', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        rule,
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
        (year, month, r, blockedWeeks) => {
          const ruleDate = dayRuleDate(year, month, r);
          const options = moveCandidates(ruleDate);
          const blocked = new Set(blockedWeeks.map((i) => options[i % options.length]).map(toIsoDate));
          const p = proposeMeetingDate({
            previous: null,
            earliest: { year, month, day: 1 },
            cadenceMonths: 1,
            rule: r,
            isHoliday: fi,
            canHost: (x) => !blocked.has(toIsoDate(x)),
          });
          expect(blocked.has(toIsoDate(p.date))).toBe(false);
          expect(fi(p.date)).toBe(false);
          const possible = options.some((o) => !fi(o) && !blocked.has(toIsoDate(o)));
          if (possible) expect(toIsoMonth(p.cycle)).toBe(toIsoMonth({ year, month }));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('moveCandidates', () => {
  it.each([
    ['2026-12-24', ['2026-12-24', '2026-12-31', '2026-12-17', '2026-12-10', '2026-12-03']],
    ['2026-03-02', ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']],
  ])('%s: same weekday, inside the month, week after before week before', (from, expected) => {
    expect(iso(moveCandidates(d(from)))).toEqual(expected);
  });
});

describe('weeksMoved', () => {
  it.each([
    ['2026-12-24', '2026-12-17', -1],
    ['2026-04-06', '2026-04-13', 1],
    ['2026-03-29', '2026-03-29', 0],
  ])('%s -> %s is %d weeks', (a, b, n) => {
    expect(weeksMoved(d(a), d(b))).toBe(n);
  });
});

describe('toIsoMonth / parseIsoMonth', () => {
  it('round-trips and refuses bad months', () => {
    expect(toIsoMonth(parseIsoMonth('2026-12'))).toBe('2026-12');
    expect(() => parseIsoMonth('2026-13')).toThrow(/Invalid month/);
  });
});
