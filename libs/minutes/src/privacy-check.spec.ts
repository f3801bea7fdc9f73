import { privacyWarnings } from './privacy-check';
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
  ])('finds %j as %s', (text, reason, match) => {
    expect(privacyWarnings([item(text)])).toEqual([{ item: 0, field: 'notes', match, reason }]);
  });

  it('finds the name of a service user who did not agree to be named, as a whole word only', () => {
    const warnings = privacyWarnings(
      [item('Mikko kertoi jonosta.', 'Mikkolan yksikkö selvittää.')],
      ['Mikko'],
    );
    expect(warnings).toEqual([{ item: 0, field: 'notes', match: 'Mikko', reason: 'service-user-name' }]);
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
