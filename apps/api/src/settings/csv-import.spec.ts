import {
  detectDelimiter,
  ImportContext,
  normalizeDate,
  PersonRow,
  previewImport,
  UnitRow,
} from './csv-import';

const ctx = (over: Partial<ImportContext> = {}): ImportContext => ({
  unitsByName: new Map([['a-klinikka', 'unit-a']]),
  emails: new Set(['olemassa@example.test']),
  memberNames: new Set(['service_user:mikko']),
  defaultLanguage: 'fi',
  ...over,
});

describe('detectDelimiter', () => {
  it.each([
    ['name;streetAddress\nA;B', ';'],
    ['name,streetAddress\nA,B', ','],
    ['\uFEFFname;streetAddress', ';'],
    ['"a,b,c";streetAddress', ';'],
    ['"a;b;c",streetAddress', ','],
  ])('%j → %s', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe('normalizeDate', () => {
  it.each([
    ['1.11.2026', '2026-11-01'],
    ['2026-11-01', '2026-11-01'],
    ['31.2.2026', '31.2.2026'],
    ['eilen', 'eilen'],
  ])('%s → %s', (input, expected) => expect(normalizeDate(input)).toBe(expected));
});

describe('previewImport: units', () => {
  it('reads an Excel fi-FI export (BOM, semicolons, CRLF, quoted cells) into values', () => {
    const csv =
      '\uFEFFname;streetAddress;accessibilityNotes;contactEmail\r\n' +
      'Sovatek;"Kauppakatu 2; Jyväskylä";Hissi;info@sovatek.example\r\n' +
      'Tukikohta;Hämeentie 3;;\r\n';
    const p = previewImport('units', csv, ctx());
    expect(p.fileErrors).toEqual([]);
    expect(p.ok).toBe(true);
    expect(p.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(p.rows[0].value).toEqual<UnitRow>({
      name: 'Sovatek',
      streetAddress: 'Kauppakatu 2; Jyväskylä',
      accessibilityNotes: 'Hissi',
      contactEmail: 'info@sovatek.example',
    });
    expect(p.rows[1].value).toEqual({
      name: 'Tukikohta',
      streetAddress: 'Hämeentie 3',
      accessibilityNotes: null,
      contactEmail: null,
    });
  });

  it('gives each bad row its errors: missing name, bad email, duplicate in the file, existing unit', () => {
    const csv = [
      'Name,StreetAddress,contactEmail',
      ',Katu 1,',
      'Uusi,Katu 2,not-an-email',
      'Toinen,Katu 3,',
      'toinen,Katu 4,',
      'A-klinikka,Katu 5,',
      'Kolmas,,',
    ].join('\n');
    const p = previewImport('units', csv, ctx());
    expect(p.ok).toBe(false);
    expect(p.rows.map((r) => [r.line, r.errors])).toEqual([
      [2, [{ field: 'name', code: 'required' }]],
      [3, [{ field: 'contactEmail', code: 'email' }]],
      [4, []],
      [5, [{ field: 'name', code: 'duplicateInFile', line: 4 }]],
      [6, [{ field: 'name', code: 'exists' }]],
      [7, [{ field: 'streetAddress', code: 'required' }]],
    ]);
    expect(p.rows.filter((r) => r.value).map((r) => r.line)).toEqual([4]);
  });

  it('refuses a file with missing or unknown columns, or nothing in it', () => {
    expect(previewImport('units', 'name;emial\nA;b', ctx()).fileErrors).toEqual([
      { code: 'unknownColumns', detail: 'emial' },
      { code: 'missingColumns', detail: 'streetAddress' },
    ]);
    expect(previewImport('units', '\uFEFF \n', ctx()).fileErrors).toEqual([{ code: 'empty' }]);
    expect(previewImport('units', 'name;streetAddress\n', ctx())).toMatchObject({ rows: [], ok: false });
    expect(previewImport('units', 'name;streetAddress\n"A;b', ctx()).fileErrors[0].code).toBe('unreadable');
  });
});

describe('previewImport: people', () => {
  const header = 'displayName;kind;email;homeUnit;preferredLanguage;emailConsentDate;emailConsentMethod';

  it('resolves the home unit by name, words for kinds and methods, Finnish dates, the default language', () => {
    const csv = [
      header,
      'Anna;henkilöstö;anna@example.test;A-KLINIKKA;sv;;',
      'Tiina;palvelun käyttäjä;tiina@example.test;;;1.11.2026;kirjallinen',
      'Pete;service_user;;;;;',
    ].join('\n');
    const p = previewImport('people', csv, ctx());
    expect(p.rows.map((r) => r.errors)).toEqual([[], [], []]);
    expect(p.rows.map((r) => r.value)).toEqual<PersonRow[]>([
      {
        displayName: 'Anna',
        kind: 'staff',
        email: 'anna@example.test',
        homeUnitId: 'unit-a',
        preferredLanguage: 'sv',
        emailConsent: null,
      },
      {
        displayName: 'Tiina',
        kind: 'service_user',
        email: 'tiina@example.test',
        homeUnitId: null,
        preferredLanguage: 'fi',
        emailConsent: { givenOn: '2026-11-01', method: 'written' },
      },
      {
        displayName: 'Pete',
        kind: 'service_user',
        email: null,
        homeUnitId: null,
        preferredLanguage: 'fi',
        emailConsent: null,
      },
    ]);
    expect(p.ok).toBe(true);
  });

  it.each([
    ['Anna;boss;;;;;', [{ field: 'kind', code: 'kind' }]],
    ['Anna;;;;;;', [{ field: 'kind', code: 'required' }]],
    [';staff;;;;;', [{ field: 'displayName', code: 'required' }]],
    ['Anna;staff;anna@;;;;', [{ field: 'email', code: 'email' }]],
    ['Anna;staff;;Nowhere;;;', [{ field: 'homeUnit', code: 'homeUnitUnknown' }]],
    ['Anna;guest;;A-klinikka;;;', [{ field: 'homeUnit', code: 'homeUnitNotStaff' }]],
    ['Anna;staff;;;de;;', [{ field: 'preferredLanguage', code: 'language' }]],
    ['Tiina;service_user;t@example.test;;;;', [{ field: 'emailConsentDate', code: 'consentNeeded' }]],
    ['Tiina;service_user;;;;2026-11-01;', [{ field: 'emailConsentMethod', code: 'consentIncomplete' }]],
    ['Tiina;service_user;;;;31.2.2026;written', [{ field: 'emailConsentDate', code: 'consentDate' }]],
    ['Tiina;service_user;;;;2026-11-01;fax', [{ field: 'emailConsentMethod', code: 'consentMethod' }]],
    ['Olli;staff;OLEMASSA@example.test;;;;', [{ field: 'email', code: 'exists' }]],
    ['Mikko;service_user;;;;;', [{ field: 'displayName', code: 'exists' }]],
  ])('%s → %j', (row, errors) => {
    const p = previewImport('people', `${header}\n${row}`, ctx());
    expect(p.rows[0].errors).toEqual(errors);
    expect(p.rows[0].value).toBeNull();
    expect(p.ok).toBe(false);
  });

  it('finds duplicates in the file by email, and by kind and name when there is no email', () => {
    const csv = [
      'displayName,kind,email',
      'Anna,staff,anna@example.test',
      'Anna B,staff,ANNA@example.test',
      'Pete,service_user,',
      'pete,service_user,',
      'Pete,guest,',
    ].join('\n');
    const p = previewImport('people', csv, ctx());
    expect(p.rows.map((r) => r.errors)).toEqual([
      [],
      [{ field: 'email', code: 'duplicateInFile', line: 2 }],
      [],
      [{ field: 'displayName', code: 'duplicateInFile', line: 4 }],
      [],
    ]);
  });
});
