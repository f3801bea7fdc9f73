import { isIdentityCode, privacyWarnings } from './privacy-check';
import { MinutesItem } from './minutes.entity';

const item = (notes: string, decisions = ''): MinutesItem => ({
  agendaItemId: null,
  title: 'Aihe',
  notes,
  decisions,
});

describe('privacyWarnings', () => {
  it.each([
    ['Hän saa 40 mg päivässä.', 'dose', '40 mg'],
    ['Annos nostettiin 12,5 ml:aan.', 'dose', '12,5 ml'],
    ['Metadonin jako siirtyy.', 'medicine', 'Metadonin'],
    ['Buprenorfiinia annetaan kotiin.', 'medicine', 'Buprenorfiinia'],
    ['Tunnus 010190-123A kirjattiin.', 'identity-code', '010190-123A'],
    ['Soita 040 123 4567.', 'phone-number', '040 123 4567'],
  ])('finds %j as %s (a warning)', (text, reason, match) => {
    expect(privacyWarnings([item(text)])).toEqual([
      { item: 0, field: 'notes', match, reason, blocking: false },
    ]);
  });

  it.each(['131052-308T', '131052+308T', '131052a308t', '010190-123M', '010190+123M'])(
    'blocks a valid identity code %s',
    (code) => {
      expect(privacyWarnings([item('x'), item(`Tunnus ${code} kirjattiin.`)])).toEqual([
        { item: 1, field: 'notes', match: code, reason: 'identity-code', blocking: true },
      ]);
    },
  );

  it('blocks a valid code in a title or decisions too', () => {
    const w = privacyWarnings([
      { agendaItemId: null, title: 'Asia 131052-308T', notes: '', decisions: '131052-308T' },
    ]);
    expect(w.map((x) => [x.field, x.blocking])).toEqual([
      ['title', true],
      ['decisions', true],
    ]);
  });
});

describe('isIdentityCode', () => {
  // 131052308 mod 31 = 25 -> 'T'; every century sign keeps the same check character.
  it.each(['+', '-', 'A', 'B', 'C', 'D', 'E', 'F', 'X', 'Y', 'W', 'V', 'U'])(
    'accepts century sign %s',
    (sign) => {
      expect(isIdentityCode(`131052${sign}308T`)).toBe(true);
    },
  );

  it.each([
    ['a wrong check character', '131052-308U'],
    ['an unknown century sign', '131052G308T'],
    ['a month 13', '011390-123A'],
    ['day 00', '001290-1234'],
    ['too short', '131052-308'],
  ])('refuses %s', (_why, code) => {
    expect(isIdentityCode(code)).toBe(false);
  });

  it('finds the name of a service user who did not agree to be named, as a whole word only', () => {
    const warnings = privacyWarnings(
      [item('Mikko kertoi jonosta.', 'Mikkolan yksikkö selvittää.')],
      ['Mikko'],
    );
    expect(warnings).toEqual([
      { item: 0, field: 'notes', match: 'Mikko', reason: 'service-user-name', blocking: false },
    ]);
  });

  it('passes plain minutes about practices', () => {
    expect(
      privacyWarnings(
        [item('Seulontakäytännöt vaihtelevat yksiköittäin.', 'Aikataulu kerrotaan viikkoa ennen.')],
        ['Erik'],
      ),
    ).toEqual([]);
  });
});
