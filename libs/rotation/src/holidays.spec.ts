import { parseIsoDate } from './local-date';
import { finnishPublicHolidays, isWeekend } from './holidays';

describe('finnishPublicHolidays', () => {
  const isHoliday = finnishPublicHolidays();

  it.each([
    ['2026-01-01', true, 'New Year’s Day (public)'],
    ['2026-01-06', true, 'Epiphany (public)'],
    ['2027-01-06', true, 'Epiphany 2027 (public)'],
    ['2026-04-03', true, 'Good Friday (public)'],
    ['2026-04-06', true, 'Easter Monday (public)'],
    ['2026-05-01', true, 'May Day (public)'],
    ['2026-05-14', true, 'Ascension Day (public)'],
    ['2026-06-19', true, 'Midsummer Eve (bank in date-holidays, treated as holiday)'],
    ['2026-12-06', true, 'Independence Day (public)'],
    ['2026-12-24', true, 'Christmas Eve (bank in date-holidays, treated as holiday)'],
    ['2026-12-31', true, 'New Year’s Eve (bank in date-holidays, treated as holiday)'],
    ['2027-03-26', true, 'Good Friday 2027'],
    ['2026-05-10', false, 'Mother’s Day (observance only)'],
    ['2026-11-08', false, 'Father’s Day (observance only)'],
    ['2026-03-10', false, 'an ordinary Tuesday'],
    ['2026-04-07', false, 'the Tuesday after Easter'],
    ['2026-06-22', false, 'the Monday after Midsummer'],
  ])('%s -> %p (%s)', (date, expected) => {
    expect(isHoliday(parseIsoDate(date))).toBe(expected);
  });

  it('gives the same answers from a fresh predicate (the per-year cache does not leak between years)', () => {
    const fresh = finnishPublicHolidays();
    expect(fresh(parseIsoDate('2027-12-24'))).toBe(true);
    expect(fresh(parseIsoDate('2026-12-23'))).toBe(false);
    expect(fresh(parseIsoDate('2026-12-24'))).toBe(true);
  });
});

describe('isWeekend', () => {
  it.each([
    ['2026-03-13', false],
    ['2026-03-14', true],
    ['2026-03-15', true],
    ['2026-03-16', false],
  ])('%s -> %p', (date, expected) => {
    expect(isWeekend(parseIsoDate(date))).toBe(expected);
  });
});
