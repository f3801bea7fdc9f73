import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { DateTime } from 'luxon';
import {
  CONSENT_METHODS,
  ConsentMethod,
  CreatePersonDto,
  CreateUnitDto,
  Language,
  PersonKind,
} from '@kierto/network';

/**
 * Reading units and people from a spreadsheet export, as pure functions: parse the CSV, check every
 * row against the same DTO rules as the API (class-validator) and against what exists, and say what
 * is wrong per row. Nothing here touches the database: the caller passes what exists in `ImportContext`.
 */

export type ImportKind = 'units' | 'people';
export const IMPORT_KINDS: ImportKind[] = ['units', 'people'];

export const COLUMNS: Record<ImportKind, string[]> = {
  units: ['name', 'streetAddress', 'accessibilityNotes', 'contactEmail'],
  people: [
    'displayName',
    'kind',
    'email',
    'homeUnit',
    'preferredLanguage',
    'emailConsentDate',
    'emailConsentMethod',
  ],
};
export const REQUIRED_COLUMNS: Record<ImportKind, string[]> = {
  units: ['name', 'streetAddress'],
  people: ['displayName', 'kind'],
};

/**
 * The words a header may use for each column, in Finnish, Swedish and English, compared after
 * `fold` (any case, no diacritics, spaces, dashes or underscores): `Sähköposti`, `sahkoposti`,
 * `E-mail` and `email` are one. The page's own labels (settings-texts `col_*`) are among them.
 */
export const COLUMN_WORDS: Record<ImportKind, Record<string, string[]>> = {
  units: {
    name: ['nimi', 'yksikkö', 'yksikön nimi', 'namn', 'enhet', 'name', 'unit', 'unit name'],
    streetAddress: [
      'katuosoite',
      'osoite',
      'käyntiosoite',
      'gatuadress',
      'adress',
      'street address',
      'address',
    ],
    accessibilityNotes: [
      'esteettömyys',
      'esteettömyystiedot',
      'tillgänglighet',
      'accessibility',
      'accessibility notes',
    ],
    contactEmail: [
      'yhteysosoite',
      'sähköposti',
      'yhteyssähköposti',
      'kontaktadress',
      'e-post',
      'contact address',
      'contact email',
      'email',
    ],
  },
  people: {
    displayName: ['nimi', 'nimimerkki', 'namn', 'name', 'display name'],
    kind: ['rooli', 'tyyppi', 'roll', 'typ', 'role', 'kind', 'type'],
    email: [
      'sähköposti',
      'sähköpostiosoite',
      's-posti',
      'e-post',
      'e-postadress',
      'email',
      'e-mail',
      'email address',
    ],
    homeUnit: [
      'kotiyksikkö',
      'oma yksikkö',
      'yksikkö',
      'hemenhet',
      'egen enhet',
      'enhet',
      'home unit',
      'unit',
    ],
    preferredLanguage: ['kieli', 'asiointikieli', 'språk', 'language', 'preferred language'],
    emailConsentDate: [
      'suostumus',
      'suostumuksen päivä',
      'lupa',
      'luvan päivä',
      'samtycke',
      'datum för samtycke',
      'consent',
      'consent date',
      'email consent date',
    ],
    emailConsentMethod: [
      'suostumuksen tapa',
      'suostumustapa',
      'luvan tapa',
      'sätt för samtycke',
      'samtyckets sätt',
      'consent method',
      'email consent method',
    ],
  },
};

/** Lower case without diacritics, spaces or punctuation: how headers and words are compared. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The text of an uploaded file: a BOM says the encoding (UTF-8, UTF-16 LE/BE); without one, NUL
 * bytes at every other place mean UTF-16 (Excel's "Unicode text"), valid UTF-8 is UTF-8, and
 * anything else is Windows-1252, what Excel writes by default on a Finnish or Swedish Windows.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: TextEncoding } {
  const b = bytes;
  let encoding: TextEncoding;
  let start = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) [encoding, start] = ['utf-8', 3];
  else if (b[0] === 0xff && b[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (b[0] === 0xfe && b[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  else {
    const pairs = Math.min(Math.floor(b.length / 2), 200);
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < pairs; i++) {
      if (b[2 * i] === 0) evenNul++;
      if (b[2 * i + 1] === 0) oddNul++;
    }
    if (pairs > 0 && oddNul > pairs * 0.6 && evenNul === 0) encoding = 'utf-16le';
    else if (pairs > 0 && evenNul > pairs * 0.6 && oddNul === 0) encoding = 'utf-16be';
    else {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        encoding = 'utf-8';
      } catch {
        encoding = 'windows-1252';
      }
    }
  }
  return { text: iconv.decode(b.subarray(start), encoding, { stripBOM: true }), encoding };
}

export const MAX_ROWS = 500;
export const MAX_CHARS = 200_000;

export type RowErrorCode =
  | 'required'
  | 'tooLong'
  | 'email'
  | 'kind'
  | 'language'
  | 'homeUnitUnknown'
  | 'homeUnitNotStaff'
  | 'duplicateInFile'
  | 'exists'
  | 'consentDate'
  | 'consentMethod'
  | 'consentNoMethod'
  | 'consentNoDate'
  | 'consentNeeded';

export interface RowError {
  /** The CSV column the error is about. */
  field: string;
  code: RowErrorCode;
  /** For duplicates: the line of the earlier row. */
  line?: number;
}

export type FileErrorCode =
  | 'empty'
  | 'unreadable'
  | 'missingColumns'
  | 'unknownColumns'
  | 'duplicateColumns'
  | 'tooManyRows'
  | 'tooBig';
export interface FileError {
  code: FileErrorCode;
  /** Headers as written, or the line that could not be read, or the row limit. */
  detail?: string;
  /** For missing columns: the documented column names (the page shows them in its language). */
  columns?: string[];
}

export interface UnitRow {
  name: string;
  streetAddress: string;
  accessibilityNotes: string | null;
  contactEmail: string | null;
}

export interface PersonRow {
  displayName: string;
  kind: PersonKind;
  email: string | null;
  homeUnitId: string | null;
  preferredLanguage: Language;
  emailConsent: { givenOn: string; method: ConsentMethod } | null;
}

export interface ImportRow<T> {
  /** The line in the file (1 = the header). */
  line: number;
  /** The cells as written, by column name. */
  cells: Record<string, string>;
  errors: RowError[];
  /** What would be written; null when the row has errors. */
  value: T | null;
}

export interface ImportPreview<T = UnitRow | PersonRow> {
  kind: ImportKind;
  columns: string[];
  fileErrors: FileError[];
  rows: ImportRow<T>[];
  /** True when there is at least one row and no error anywhere: "import all" may run. */
  ok: boolean;
}

/** What exists already, in lower case: unit names (→ id), email addresses, member names. */
export interface ImportContext {
  unitsByName: Map<string, string>;
  emails: Set<string>;
  /** `kind:name` of the series' members, for people without an email address. */
  memberNames: Set<string>;
  defaultLanguage: Language;
  /** The date a consent written as "kyllä" is recorded on (YYYY-MM-DD); default today. */
  today?: string;
}

const key = (s: string) => s.trim().toLocaleLowerCase('fi');

export type Delimiter = ';' | ',' | '\t';

/**
 * Comma, semicolon or tab: whichever the header row uses most (Excel's fi-FI exports use
 * semicolons, its "Unicode text" tabs).
 */
export function detectDelimiter(text: string): Delimiter {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const unquoted = header.replace(/"[^"]*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  const [best] = ([';', ',', '\t'] as Delimiter[]).sort((a, b) => count(b) - count(a));
  return count(best) > 0 ? best : ',';
}

/** Excel's optional first line `sep=;` names the separator; it is no header. */
function excelSeparator(text: string): { delimiter: Delimiter; rest: string } | null {
  const m = /^\uFEFF?"?sep=(.)"?[ \t]*(\r?\n|$)/i.exec(text);
  if (!m || ![';', ',', '\t'].includes(m[1])) return null;
  return { delimiter: m[1] as Delimiter, rest: text.slice(m[0].length) };
}

interface RawTable {
  header: string[];
  records: { line: number; cells: string[] }[];
}

function readTable(text: string): RawTable | FileError {
  if (text.length > MAX_CHARS) return { code: 'tooBig' };
  if (!text.replace(/^\uFEFF/, '').trim()) return { code: 'empty' };
  const sep = excelSeparator(text);
  const body = sep ? sep.rest : text;
  const offset = sep ? 1 : 0;
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(body, {
      bom: true,
      delimiter: sep ? sep.delimiter : detectDelimiter(body),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { code: 'unreadable', detail: line ? String(line + offset) : undefined };
  }
  const rows = parsed.filter((r) => r.record.some((c) => c !== ''));
  if (rows.length === 0) return { code: 'empty' };
  const [head, ...rest] = rows;
  return {
    header: head.record,
    records: rest.map((r) => ({ line: r.info.lines + offset, cells: r.record })),
  };
}

const HEADER_WORDS: Record<ImportKind, Map<string, string>> = {
  units: headerWords('units'),
  people: headerWords('people'),
};

function headerWords(kind: ImportKind): Map<string, string> {
  const words = new Map<string, string>();
  for (const c of COLUMNS[kind]) words.set(fold(c), c);
  for (const [c, list] of Object.entries(COLUMN_WORDS[kind])) for (const w of list) words.set(fold(w), c);
  return words;
}

/** The column a header names, in any of the three languages or the code names; undefined if none. */
export function columnOf(kind: ImportKind, header: string): string | undefined {
  return HEADER_WORDS[kind].get(fold(header));
}

/** Maps the header to the documented column names; lists missing, unknown and repeated ones. */
function mapHeader(kind: ImportKind, header: string[]): { columns: (string | null)[]; errors: FileError[] } {
  const columns = header.map((h) => columnOf(kind, h) ?? (h.trim() ? null : ''));
  const errors: FileError[] = [];
  const unknown = header.filter((h, i) => columns[i] === null);
  if (unknown.length) errors.push({ code: 'unknownColumns', detail: unknown.join(', ') });
  const twice = header.filter((h, i) => columns[i] && columns.indexOf(columns[i]) !== i);
  if (twice.length) errors.push({ code: 'duplicateColumns', detail: twice.join(', ') });
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !columns.includes(c));
  if (missing.length) errors.push({ code: 'missingColumns', columns: missing });
  return { columns, errors };
}

/** class-validator's verdict on one DTO, as row errors on CSV columns. */
function dtoErrors(
  errors: ValidationError[],
  cells: Record<string, string>,
  columnOf: (property: string) => string,
  prefix = '',
): RowError[] {
  const out: RowError[] = [];
  for (const e of errors) {
    const property = prefix + e.property;
    if (e.children?.length) out.push(...dtoErrors(e.children, cells, columnOf, `${property}.`));
    if (!e.constraints) continue;
    const field = columnOf(property);
    const c = Object.keys(e.constraints);
    let code: RowErrorCode = 'required';
    if (c.includes('isEmail')) code = 'email';
    else if (property === 'kind') code = 'kind';
    else if (property === 'preferredLanguage') code = 'language';
    else if (property === 'emailConsent.givenOn') code = 'consentDate';
    else if (property === 'emailConsent.method') code = 'consentMethod';
    else if (cells[field]) code = 'tooLong';
    if (!out.some((o) => o.field === field)) out.push({ field, code });
  }
  return out;
}

/** Words for values, compared after `fold`. */
function words<T>(table: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(table).map(([w, v]) => [fold(w), v]));
}

const KIND_WORDS = words<PersonKind>({
  staff: 'staff',
  henkilöstö: 'staff',
  henkilökunta: 'staff',
  työntekijä: 'staff',
  ammattilainen: 'staff',
  personal: 'staff',
  personalen: 'staff',
  service_user: 'service_user',
  'palvelun käyttäjä': 'service_user',
  asiakas: 'service_user',
  kokemusasiantuntija: 'service_user',
  tjänsteanvändare: 'service_user',
  klient: 'service_user',
  client: 'service_user',
  guest: 'guest',
  vieras: 'guest',
  gäst: 'guest',
});

const LANGUAGE_WORDS = words<Language>({
  fi: 'fi',
  suomi: 'fi',
  suomeksi: 'fi',
  finska: 'fi',
  finnish: 'fi',
  sv: 'sv',
  ruotsi: 'sv',
  ruotsiksi: 'sv',
  svenska: 'sv',
  swedish: 'sv',
  en: 'en',
  englanti: 'en',
  englanniksi: 'en',
  engelska: 'en',
  english: 'en',
});

const METHOD_WORDS = words<ConsentMethod>({
  ...Object.fromEntries(CONSENT_METHODS.map((m) => [m, m])),
  kirjallinen: 'written',
  kirjallisesti: 'written',
  paperilla: 'written',
  skriftlig: 'written',
  skriftligt: 'written',
  suullinen: 'verbal',
  suullisesti: 'verbal',
  muntlig: 'verbal',
  muntligt: 'verbal',
  sähköposti: 'email',
  sähköpostilla: 'email',
  'e-post': 'email',
  verkko: 'web',
  verkossa: 'web',
  webb: 'web',
});

/** "Suostumus" may be a date, or yes (recorded on the import day) or no. */
const YES = new Set(['kylla', 'k', 'ja', 'yes', 'y', 'x']);
const NO = new Set(['ei', 'e', 'nej', 'no', 'n', '']);

/** YYYY-MM-DD, or the Finnish d.m.yyyy a spreadsheet writes; anything else is passed on for the DTO to refuse. */
export function normalizeDate(s: string): string {
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (!fi) return s;
  const d = DateTime.fromObject({ year: +fi[3], month: +fi[2], day: +fi[1] });
  return d.isValid ? (d.toISODate() as string) : s;
}

function unitRow(cells: Record<string, string>): { value: UnitRow; errors: RowError[] } {
  const plain = {
    name: cells.name ?? '',
    streetAddress: cells.streetAddress ?? '',
    accessibilityNotes: cells.accessibilityNotes || null,
    contactEmail: cells.contactEmail || null,
  };
  const errors = dtoErrors(validateSync(plainToInstance(CreateUnitDto, plain)), cells, (p) => p);
  return { value: plain, errors };
}

function personRow(
  cells: Record<string, string>,
  ctx: ImportContext,
): { value: PersonRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const kindWord = key(cells.kind ?? '');
  const kind = KIND_WORDS.get(fold(kindWord)) ?? (kindWord as PersonKind);
  const consentWord = fold(cells.emailConsentDate ?? '');
  const consentDate = YES.has(consentWord)
    ? (ctx.today ?? (DateTime.now().setZone('Europe/Helsinki').toISODate() as string))
    : NO.has(consentWord)
      ? ''
      : (cells.emailConsentDate ?? '');
  const consentMethod = cells.emailConsentMethod ?? '';
  const methodWord = key(consentMethod);
  const languageWord = cells.preferredLanguage ?? '';
  const plain = {
    displayName: cells.displayName ?? '',
    kind,
    email: cells.email || null,
    preferredLanguage: languageWord
      ? (LANGUAGE_WORDS.get(fold(languageWord)) ?? languageWord.toLowerCase())
      : ctx.defaultLanguage,
    emailConsent:
      consentDate || consentMethod
        ? { givenOn: normalizeDate(consentDate), method: METHOD_WORDS.get(fold(methodWord)) ?? methodWord }
        : null,
  };
  const columnOf = (p: string) =>
    ({ 'emailConsent.givenOn': 'emailConsentDate', 'emailConsent.method': 'emailConsentMethod' })[p] ?? p;
  // The clearer message first: a consent record needs both its date and its method.
  if (consentDate && !consentMethod) errors.push({ field: 'emailConsentMethod', code: 'consentNoMethod' });
  if (!consentDate && consentMethod) errors.push({ field: 'emailConsentDate', code: 'consentNoDate' });
  errors.push(...dtoErrors(validateSync(plainToInstance(CreatePersonDto, plain)), cells, columnOf));
  if (!kindWord) for (const e of errors) if (e.field === 'kind') e.code = 'required';
  // A service user's address is kept only with recorded consent (they are emailed only then).
  if (kind === 'service_user' && plain.email && !plain.emailConsent) {
    errors.push({ field: 'emailConsentDate', code: 'consentNeeded' });
  }
  let homeUnitId: string | null = null;
  if (cells.homeUnit) {
    homeUnitId = ctx.unitsByName.get(key(cells.homeUnit)) ?? null;
    if (!homeUnitId) errors.push({ field: 'homeUnit', code: 'homeUnitUnknown' });
    // Only a known other role rules out a home unit; an unknown role has its own message.
    else if (kind === 'service_user' || kind === 'guest')
      errors.push({ field: 'homeUnit', code: 'homeUnitNotStaff' });
  }
  const unique = new Map<string, RowError>();
  for (const e of errors) if (!unique.has(e.field)) unique.set(e.field, e);
  return {
    value: {
      displayName: plain.displayName.trim(),
      kind,
      email: plain.email,
      homeUnitId,
      preferredLanguage: plain.preferredLanguage as Language,
      emailConsent: plain.emailConsent as PersonRow['emailConsent'],
    },
    errors: [...unique.values()],
  };
}

/** Reads a CSV export and checks every row; writes nothing. */
export function previewImport(kind: ImportKind, text: string, ctx: ImportContext): ImportPreview {
  const table = readTable(text);
  if ('code' in table) return { kind, columns: COLUMNS[kind], fileErrors: [table], rows: [], ok: false };
  const { columns, errors: fileErrors } = mapHeader(kind, table.header);
  if (table.records.length > MAX_ROWS) fileErrors.push({ code: 'tooManyRows', detail: String(MAX_ROWS) });
  if (fileErrors.length) return { kind, columns: COLUMNS[kind], fileErrors, rows: [], ok: false };

  const seen = new Map<string, number>();
  const rows: ImportRow<UnitRow | PersonRow>[] = table.records.map(({ line, cells: raw }) => {
    const cells: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c) cells[c] = raw[i] ?? '';
    });
    const { value, errors } = kind === 'units' ? unitRow(cells) : personRow(cells, ctx);
    // Duplicates: a unit by name; a person by email, or by kind and name when there is no email.
    let dupKey: string | null = null;
    let dupField = '';
    let exists = false;
    if (kind === 'units') {
      const name = key((value as UnitRow).name);
      if (name) {
        dupKey = `unit:${name}`;
        dupField = 'name';
        exists = ctx.unitsByName.has(name);
      }
    } else {
      const p = value as PersonRow;
      if (p.email) {
        dupKey = `email:${key(p.email)}`;
        dupField = 'email';
        exists = ctx.emails.has(key(p.email));
      } else if (p.displayName) {
        dupKey = `name:${p.kind}:${key(p.displayName)}`;
        dupField = 'displayName';
        exists = ctx.memberNames.has(`${p.kind}:${key(p.displayName)}`);
      }
    }
    if (dupKey && !errors.some((e) => e.field === dupField)) {
      const earlier = seen.get(dupKey);
      if (earlier !== undefined) errors.push({ field: dupField, code: 'duplicateInFile', line: earlier });
      else if (exists) errors.push({ field: dupField, code: 'exists' });
    }
    if (dupKey && !seen.has(dupKey)) seen.set(dupKey, line);
    return { line, cells, errors, value: errors.length ? null : value };
  });
  return {
    kind,
    columns: COLUMNS[kind],
    fileErrors: [],
    rows,
    ok: rows.length > 0 && rows.every((r) => r.errors.length === 0),
  };
}
