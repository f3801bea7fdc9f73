import fc from 'fast-check';
import { addDays, addMonths, compareDates, isoWeekday, parseIsoDate, toIsoDate } from './local-date';

describe('toIsoDate / parseIsoDate', () => {
  it.each([
    [{ year: 2026, month: 3, day: 10 }, '2026-03-10'],
    [{ year: 2028, month: 2, day: 29 }, '2028-02-29'],
    [{ year: 999, month: 12, day: 1 }, '0999-12-01'],
  ])('%j <-> %s', (d, s) => {
    expect(toIsoDate(d)).toBe(s);
    expect(parseIsoDate(s)).toEqual(d);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-3-10', '20260310', '2026-03-10T00:00', '', 'x'])(
    'parseIsoDate rejects %p',
    (s) => {
      expect(() => parseIsoDate(s)).toThrow(/Invalid ISO date/);
    },
  );

  it('toIsoDate rejects a day that does not exist', () => {
    expect(() => toIsoDate({ year: 2026, month: 4, day: 31 })).toThrow(/Invalid date/);
  });

  it('round-trips any real date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }),
        (js) => {
          const d = { year: js.getUTCFullYear(), month: js.getUTCMonth() + 1, day: js.getUTCDate() };
          expect(parseIsoDate(toIsoDate(d))).toEqual(d);
          expect(toIsoDate(d)).toBe(js.toISOString().slice(0, 10));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('compareDates', () => {
  it.each([
    ['2026-03-10', '2026-03-10', 0],
    ['2026-03-09', '2026-03-10', -1],
    ['2026-04-01', '2026-03-31', 1],
    ['2025-12-31', '2026-01-01', -1],
  ])('%s vs %s -> sign %i', (a, b, sign) => {
    expect(Math.sign(compareDates(parseIsoDate(a), parseIsoDate(b)))).toBe(sign);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-03-10', 7, '2026-03-17'],
    ['2026-12-29', 7, '2027-01-05'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'], // DST change in Europe does not matter for plain dates
  ])('%s + %i = %s', (d, n, expected) => {
    expect(toIsoDate(addDays(parseIsoDate(d), n))).toBe(expected);
  });
});

describe('addMonths', () => {
  it.each([
    [2026, 11, 1, { year: 2026, month: 12 }],
    [2026, 11, 3, { year: 2027, month: 2 }],
    [2026, 1, -1, { year: 2025, month: 12 }],
    [2026, 5, 0, { year: 2026, month: 5 }],
  ])('%i-%i + %i', (y, m, n, expected) => {
    expect(addMonths(y, m, n)).toEqual(expected);
  });
});

describe('isoWeekday', () => {
  it.each([
    ['2026-03-09', 1],
    ['2026-03-10', 2],
    ['2026-03-15', 7],
    ['2027-01-01', 5],
  ])('%s -> %i', (d, w) => {
    expect(isoWeekday(parseIsoDate(d))).toBe(w);
  });
});
