import iconv from 'iconv-lite';
import { peopleFiles } from '../../../../test/import-fixtures';
import { SETTINGS_TEXTS } from '../pages/settings-texts';
import {
  COLUMNS,
  columnOf,
  decodeCsv,
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
  today: '2026-12-02',
  ...over,
});

describe('detectDelimiter', () => {
  it.each([
    ['name;streetAddress\nA;B', ';'],
    ['name,streetAddress\nA,B', ','],
    ['\uFEFFname;streetAddress', ';'],
    ['"a,b,c";streetAddress', ';'],
    ['"a;b;c",streetAddress', ','],
    ['Nimi\tRooli\nA\tB', '\t'],
    ['Nimi\nA', ','],
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
      { code: 'missingColumns', columns: ['streetAddress'] },
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
    ['Anna;hoitaja;;A-klinikka;;;', [{ field: 'kind', code: 'kind' }]],
    ['Anna;staff;;;de;;', [{ field: 'preferredLanguage', code: 'language' }]],
    ['Tiina;service_user;t@example.test;;;;', [{ field: 'emailConsentDate', code: 'consentNeeded' }]],
    ['Tiina;service_user;;;;2026-11-01;', [{ field: 'emailConsentMethod', code: 'consentNoMethod' }]],
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

describe('decodeCsv', () => {
  const text = 'Nimi;Rooli\r\nÅsa Öhman;henkilöstö\r\n';
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
    ['UTF-8 without BOM', Buffer.from(text), 'utf-8'],
    [
      'UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]),
      'utf-16le',
    ],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]),
      'utf-16be',
    ],
    ['UTF-16 LE without BOM', iconv.encode(text, 'utf16le'), 'utf-16le'],
    ['Windows-1252', iconv.encode(text, 'win1252'), 'windows-1252'],
  ])('%s', (_name, bytes, encoding) => {
    expect(decodeCsv(bytes)).toEqual({ text, encoding });
  });

  it('reads a lone ä in Windows-1252 (0xE4) as ä, not as a broken UTF-8 byte', () => {
    expect(decodeCsv(Buffer.from([0x4e, 0xe4, 0x0a])).text).toBe('Nä\n');
  });
});

describe('columnOf', () => {
  it.each([
    ['people', 'Sähköposti', 'email'],
    ['people', 'SAHKOPOSTI', 'email'],
    ['people', ' e-mail ', 'email'],
    ['people', 'Palvelun käyttäjä', undefined],
    ['people', 'Kotiyksikkö', 'homeUnit'],
    ['people', 'kotiyksikko', 'homeUnit'],
    ['people', 'Suostumuksen tapa', 'emailConsentMethod'],
    ['people', 'emailConsentDate', 'emailConsentDate'],
    ['people', 'display_name', 'displayName'],
    ['units', 'Katuosoite', 'streetAddress'],
    ['units', 'Esteettömyys', 'accessibilityNotes'],
    ['units', 'Yhteysosoite', 'contactEmail'],
    ['units', 'Tillgänglighet', 'accessibilityNotes'],
    ['units', 'Puhelin', undefined],
  ] as const)('%s: %j → %s', (kind, header, column) => {
    expect(columnOf(kind, header)).toBe(column);
  });

  it('knows every column label the page shows, in every language', () => {
    for (const t of Object.values(SETTINGS_TEXTS)) {
      for (const c of COLUMNS.units)
        expect(columnOf('units', (t.colUnits as Record<string, string>)[c])).toBe(c);
      for (const c of COLUMNS.people)
        expect(columnOf('people', (t.colPeople as Record<string, string>)[c])).toBe(c);
    }
  });
});

describe('previewImport: Excel files in Finnish, Swedish and English', () => {
  it('reads the same 30 people from Finnish headers in Windows-1252 and English headers in UTF-8', () => {
    const { fi1252, enUtf8, people } = peopleFiles(['A-klinikka']);
    const fi = previewImport('people', decodeCsv(fi1252).text, ctx());
    const en = previewImport('people', decodeCsv(enUtf8).text, ctx());
    expect(fi.fileErrors).toEqual([]);
    expect(fi.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(fi.ok).toBe(true);
    expect(fi.rows).toHaveLength(30);
    expect(en.rows.map((r) => r.value)).toEqual(fi.rows.map((r) => r.value));
    expect(fi.rows.map((r) => (r.value as PersonRow).displayName)).toEqual(people.map((p) => p.name));
    expect(fi.rows[10].value).toMatchObject({
      kind: 'service_user',
      emailConsent: { givenOn: '2026-11-01', method: 'written' },
    });
  });

  it("reads Swedish headers and words, Excel's sep= line, and kyllä/ei as consent", () => {
    const csv = [
      'sep=;',
      'Namn;Roll;E-post;Språk;Samtycke;Sätt för samtycke',
      'Åsa;tjänsteanvändare;asa@example.test;svenska;ja;skriftlig',
      'Bo;Personal;;Finska;nej;',
      'Greta;gäst;;ENGELSKA;;',
    ].join('\n');
    const p = previewImport('people', csv, ctx());
    expect(p.rows.map((r) => [r.line, r.errors])).toEqual([
      [3, []],
      [4, []],
      [5, []],
    ]);
    expect(p.rows.map((r) => r.value)).toEqual<PersonRow[]>([
      {
        displayName: 'Åsa',
        kind: 'service_user',
        email: 'asa@example.test',
        homeUnitId: null,
        preferredLanguage: 'sv',
        emailConsent: { givenOn: '2026-12-02', method: 'written' },
      },
      {
        displayName: 'Bo',
        kind: 'staff',
        email: null,
        homeUnitId: null,
        preferredLanguage: 'fi',
        emailConsent: null,
      },
      {
        displayName: 'Greta',
        kind: 'guest',
        email: null,
        homeUnitId: null,
        preferredLanguage: 'en',
        emailConsent: null,
      },
    ]);
  });

  it('reads a units file with Finnish headers in Windows-1252, and with Swedish ones', () => {
    const fi =
      'Nimi;Katuosoite;Esteettömyys;Yhteysosoite\r\nTukikohta;Hämeentie 3;Hissi;info@tukikohta.example\r\n';
    const sv =
      'Namn,Gatuadress,Tillgänglighet,Kontaktadress\nTukikohta,Hämeentie 3,Hissi,info@tukikohta.example\n';
    const a = previewImport('units', decodeCsv(iconv.encode(fi, 'win1252')).text, ctx());
    const b = previewImport('units', sv, ctx());
    expect(a.ok).toBe(true);
    expect(a.rows[0].value).toEqual<UnitRow>({
      name: 'Tukikohta',
      streetAddress: 'Hämeentie 3',
      accessibilityNotes: 'Hissi',
      contactEmail: 'info@tukikohta.example',
    });
    expect(b.rows.map((r) => r.value)).toEqual(a.rows.map((r) => r.value));
  });

  it('reads cells copied from Excel and pasted (tabs between cells)', () => {
    const pasted = 'Nimi\tRooli\tSähköposti\tKieli\nÅsa Öhman\tpalvelun käyttäjä\t\truotsi\nBo\tvieras\t\t\n';
    const p = previewImport('people', pasted, ctx());
    expect(p.fileErrors).toEqual([]);
    expect(p.rows.map((r) => r.value)).toMatchObject([
      { displayName: 'Åsa Öhman', kind: 'service_user', email: null, preferredLanguage: 'sv' },
      { displayName: 'Bo', kind: 'guest', email: null, preferredLanguage: 'fi' },
    ]);
  });

  it('names unknown and repeated columns, and missing ones by column', () => {
    expect(previewImport('people', 'Nimi;Puhelin;Name\nA;1;B', ctx()).fileErrors).toEqual([
      { code: 'unknownColumns', detail: 'Puhelin' },
      { code: 'duplicateColumns', detail: 'Name' },
      { code: 'missingColumns', columns: ['kind'] },
    ]);
  });

  it('gives Finnish-word rows their errors by column', () => {
    const csv = [
      'Nimi;Rooli;Kieli;Suostumus;Suostumuksen tapa',
      'Anna;hoitaja;saksa;eilen;',
      ';vieras;;kyllä;',
      'Bo;vieras;;1.1.2026;faksi',
    ].join('\n');
    expect(previewImport('people', csv, ctx()).rows.map((r) => r.errors)).toEqual([
      [
        { field: 'emailConsentMethod', code: 'consentNoMethod' },
        { field: 'kind', code: 'kind' },
        { field: 'preferredLanguage', code: 'language' },
        { field: 'emailConsentDate', code: 'consentDate' },
      ],
      [
        { field: 'emailConsentMethod', code: 'consentNoMethod' },
        { field: 'displayName', code: 'required' },
      ],
      [{ field: 'emailConsentMethod', code: 'consentMethod' }],
    ]);
  });
});
