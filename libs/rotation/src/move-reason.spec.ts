import { explainMove, MoveFacts, moveKind } from './move-reason';
import { finnishHolidayName } from './holidays';
import { firstValidLocalTime, localTimeExists } from './wall-clock';
import { parseIsoDate } from './local-date';

const facts = (f: Partial<MoveFacts>): MoveFacts => ({
  ruleDate: '2026-12-24',
  date: '2026-12-24',
  movedForHoliday: [],
  movedForNoHost: [],
  coordinator: null,
  startTime: null,
  ...f,
});

describe('finnishHolidayName', () => {
  it.each([
    ['2026-12-24', 'jouluaatto', 'julafton', 'Christmas Eve'],
    ['2027-06-25', 'juhannusaatto', 'midsommarafton', 'Midsummer Eve'],
    ['2026-12-31', 'uudenvuodenaatto', 'nyårsafton', "New Year's Eve"],
    ['2027-03-26', 'pitkäperjantai', 'långfredagen', 'Good Friday'],
    ['2027-05-06', 'helatorstai', 'Kristi himmelsfärdsdag', 'Ascension Day'],
  ])('%s is %s / %s / %s', (date, fi, sv, en) => {
    expect(finnishHolidayName(parseIsoDate(date))).toEqual({ date, fi, sv, en });
  });

  it('an ordinary day has no name', () => {
    expect(finnishHolidayName(parseIsoDate('2026-12-23'))).toBeNull();
  });
});

describe('explainMove', () => {
  const dec = facts({ date: '2026-12-17', movedForHoliday: ['2026-12-24'] });

  it.each([
    ['fi', 'Kokous on viikkoa aiempana kuin tavallisesti, koska 24.12. on jouluaatto.'],
    ['sv', 'Mötet är en vecka tidigare än vanligt, eftersom 24.12. är julafton.'],
    ['en', 'The meeting is a week earlier than usual, because 24 December is Christmas Eve.'],
  ] as const)('a holiday move in %s', (lang, text) => {
    expect(explainMove(dec, lang)).toBe(text);
    expect(moveKind(dec)).toBe('holiday');
  });

  it('names every holiday it skipped', () => {
    const f = facts({ date: '2026-12-17', movedForHoliday: ['2026-12-24', '2026-12-31'] });
    expect(explainMove(f, 'fi')).toBe(
      'Kokous on viikkoa aiempana kuin tavallisesti, koska 24.12. on jouluaatto ja 31.12. on uudenvuodenaatto.',
    );
  });

  it('a later move because no unit can host', () => {
    const f = facts({ ruleDate: '2026-03-10', date: '2026-03-17', movedForNoHost: ['2026-03-10'] });
    expect(moveKind(f)).toBe('unitUnavailable');
    expect(explainMove(f, 'en')).toBe(
      'The meeting is a week later than usual, because no unit in the rotation can host the meeting on 10 March.',
    );
  });

  it('a coordinator’s move with and without a reason', () => {
    const f = facts({ date: '2026-12-22', coordinator: { reason: 'Tilat ovat vapaina vain tiistaina' } });
    expect(moveKind(f)).toBe('coordinator');
    expect(explainMove(f, 'fi')).toBe(
      'Koordinaattori siirsi kokouksen tavalliselta päivältä 24.12.: Tilat ovat vapaina vain tiistaina.',
    );
    expect(explainMove({ ...f, coordinator: { reason: null } }, 'sv')).toBe(
      'Koordinatorn flyttade mötet från den vanliga dagen 24.12.',
    );
  });

  it('the spring-forward start time', () => {
    const f = facts({
      ruleDate: '2028-03-26',
      date: '2028-03-26',
      startTime: { usual: '03:30', actual: '04:00' },
    });
    expect(moveKind(f)).toBe('startTime');
    expect(explainMove(f, 'fi')).toMatch(/^Kokous alkaa klo 4\.00 eikä 3\.30, koska kelloja siirretään/);
  });

  it('nothing to say when the meeting is on its day', () => {
    expect(explainMove(facts({}), 'fi')).toBeNull();
    expect(moveKind(facts({ coordinator: { reason: 'x' } }))).toBeNull();
  });
});

describe('firstValidLocalTime', () => {
  const night = parseIsoDate('2028-03-26');
  it('moves a time in the spring-forward gap to the first minute that exists', () => {
    expect(localTimeExists(night, '03:30', 'Europe/Helsinki')).toBe(false);
    expect(firstValidLocalTime(night, '03:30', 'Europe/Helsinki')).toBe('04:00');
  });
  it('keeps a time that exists', () => {
    expect(firstValidLocalTime(night, '14:00', 'Europe/Helsinki')).toBe('14:00');
    expect(firstValidLocalTime(parseIsoDate('2028-10-29'), '03:30', 'Europe/Helsinki')).toBe('03:30');
  });
});
