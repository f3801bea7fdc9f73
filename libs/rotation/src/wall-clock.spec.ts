import fc from 'fast-check';
import { parseIsoDate } from './local-date';
import { isValidTimeZone, toLocalParts, toUtcInstant } from './wall-clock';

describe('toUtcInstant', () => {
  it.each([
    ['2026-03-10', '14:00', 'Europe/Helsinki', '2026-03-10T12:00:00.000Z'], // EET, UTC+2
    ['2026-04-14', '14:00', 'Europe/Helsinki', '2026-04-14T11:00:00.000Z'], // EEST, UTC+3
    ['2026-03-28', '14:00', 'Europe/Helsinki', '2026-03-28T12:00:00.000Z'], // day before DST starts
    ['2026-03-29', '14:00', 'Europe/Helsinki', '2026-03-29T11:00:00.000Z'], // DST starts 03:00 -> 04:00
    ['2026-10-25', '14:00', 'Europe/Helsinki', '2026-10-25T12:00:00.000Z'], // DST ended that night
    ['2026-10-25', '03:30', 'Europe/Helsinki', '2026-10-25T01:30:00.000Z'], // ambiguous: later instant
    ['2026-12-08', '09:05', 'Europe/Stockholm', '2026-12-08T08:05:00.000Z'],
    ['2026-06-30', '00:00', 'UTC', '2026-06-30T00:00:00.000Z'],
    ['2026-06-30', '23:59', 'Europe/Helsinki', '2026-06-30T20:59:00.000Z'],
  ])('%s %s %s -> %s', (date, time, zone, expected) => {
    expect(toUtcInstant(parseIsoDate(date), time, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['Mars/Olympus', '14:00', /Invalid time zone 'Mars\/Olympus'/],
    ['', '14:00', /Invalid time zone/],
    ['Europe/Helsinki', '24:00', /Invalid time '24:00'/],
    ['Europe/Helsinki', '14:60', /Invalid time/],
    ['Europe/Helsinki', '2pm', /Invalid time/],
    ['Europe/Helsinki', '9:00', /Invalid time/],
  ])('zone %p time %p throws', (zone, time, message) => {
    expect(() => toUtcInstant(parseIsoDate('2026-03-10'), time, zone)).toThrow(message);
  });

  it('throws for a wall-clock time inside the spring-forward gap', () => {
    expect(() => toUtcInstant(parseIsoDate('2026-03-29'), '03:30', 'Europe/Helsinki')).toThrow(
      /does not exist/,
    );
  });

  it('throws for a date that does not exist', () => {
    expect(() => toUtcInstant({ year: 2026, month: 2, day: 30 }, '14:00', 'Europe/Helsinki')).toThrow(
      /Invalid date/,
    );
  });
});

describe('toLocalParts', () => {
  it.each([
    ['2026-03-10T12:00:00Z', 'Europe/Helsinki', '2026-03-10', '14:00'],
    ['2026-04-14T11:00:00Z', 'Europe/Helsinki', '2026-04-14', '14:00'],
    ['2026-12-31T22:30:00Z', 'Europe/Helsinki', '2027-01-01', '00:30'],
    ['2026-12-31T22:30:00Z', 'UTC', '2026-12-31', '22:30'],
  ])('%s in %s', (iso, zone, date, time) => {
    expect(toLocalParts(new Date(iso), zone)).toEqual({ date: parseIsoDate(date), time });
  });

  it('rejects an invalid zone or instant', () => {
    expect(() => toLocalParts(new Date(), 'Nope/Nope')).toThrow(/Invalid time zone/);
    expect(() => toLocalParts(new Date('x'), 'UTC')).toThrow(/Invalid instant/);
  });

  it('round-trips with toUtcInstant for whole minutes outside the DST gap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 60000, max: Date.UTC(2100, 0, 1) / 60000 }),
        fc.constantFrom('Europe/Helsinki', 'Europe/Stockholm', 'America/New_York', 'UTC'),
        (minutes, zone) => {
          const instant = new Date(minutes * 60000);
          const { date, time } = toLocalParts(instant, zone);
          const back = toUtcInstant(date, time, zone);
          // Ambiguous fall-back times map to the later instant; everything else round-trips exactly.
          expect(back.getTime() - instant.getTime()).toBeGreaterThanOrEqual(0);
          expect(back.getTime() - instant.getTime()).toBeLessThanOrEqual(3600_000);
          expect(toLocalParts(back, zone)).toEqual({ date, time });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Helsinki', true],
    ['UTC', true],
    ['Europe/Helsinky', false],
    ['', false],
    ['+02:00', false],
    ['-0300', false],
    ['America/Argentina/Buenos_Aires', true],
    ['Etc/GMT+2', true],
  ])('%p -> %p', (tz, valid) => {
    expect(isValidTimeZone(tz)).toBe(valid);
  });
});
