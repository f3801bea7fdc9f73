import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
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
  | 'consentIncomplete'
  | 'consentNeeded';

export interface RowError {
  /** The CSV column the error is about. */
  field: string;
  code: RowErrorCode;
  /** For duplicates: the line of the earlier row. */
  line?: number;
}

export type FileErrorCode =
  'empty' | 'unreadable' | 'missingColumns' | 'unknownColumns' | 'tooManyRows' | 'tooBig';
export interface FileError {
  code: FileErrorCode;
  /** Column names, or the line that could not be read. */
  detail?: string;
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
}

const key = (s: string) => s.trim().toLocaleLowerCase('fi');

/** Comma or semicolon: whichever the header row uses more (Excel's fi-FI exports use semicolons). */
export function detectDelimiter(text: string): ';' | ',' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const unquoted = header.replace(/"[^"]*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

interface RawTable {
  header: string[];
  records: { line: number; cells: string[] }[];
}

function readTable(text: string): RawTable | FileError {
  if (text.length > MAX_CHARS) return { code: 'tooBig' };
  if (!text.replace(/^\uFEFF/, '').trim()) return { code: 'empty' };
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { code: 'unreadable', detail: line ? String(line) : undefined };
  }
  const rows = parsed.filter((r) => r.record.some((c) => c !== ''));
  if (rows.length === 0) return { code: 'empty' };
  const [head, ...rest] = rows;
  return { header: head.record, records: rest.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

/** Maps the header to the documented column names (any case); lists missing and unknown ones. */
function mapHeader(kind: ImportKind, header: string[]): { columns: (string | null)[]; errors: FileError[] } {
  const known = new Map(COLUMNS[kind].map((c) => [c.toLowerCase(), c]));
  const columns = header.map((h) => known.get(h.trim().toLowerCase()) ?? (h.trim() ? null : ''));
  const errors: FileError[] = [];
  const unknown = header.filter((h, i) => columns[i] === null);
  if (unknown.length) errors.push({ code: 'unknownColumns', detail: unknown.join(', ') });
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !columns.includes(c));
  if (missing.length) errors.push({ code: 'missingColumns', detail: missing.join(', ') });
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

const KIND_WORDS: Record<string, PersonKind> = {
  staff: 'staff',
  henkilöstö: 'staff',
  työntekijä: 'staff',
  personal: 'staff',
  service_user: 'service_user',
  'service user': 'service_user',
  'palvelun käyttäjä': 'service_user',
  palvelunkäyttäjä: 'service_user',
  asiakas: 'service_user',
  tjänsteanvändare: 'service_user',
  klient: 'service_user',
  guest: 'guest',
  vieras: 'guest',
  gäst: 'guest',
};

const METHOD_WORDS: Record<string, ConsentMethod> = {
  ...Object.fromEntries(CONSENT_METHODS.map((m) => [m, m])),
  kirjallinen: 'written',
  skriftlig: 'written',
  suullinen: 'verbal',
  muntlig: 'verbal',
  sähköposti: 'email',
  'e-post': 'email',
  verkko: 'web',
  webb: 'web',
};

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
  const kind = KIND_WORDS[kindWord] ?? (kindWord as PersonKind);
  const consentDate = cells.emailConsentDate ?? '';
  const consentMethod = cells.emailConsentMethod ?? '';
  const methodWord = key(consentMethod);
  const plain = {
    displayName: cells.displayName ?? '',
    kind,
    email: cells.email || null,
    preferredLanguage: cells.preferredLanguage ? cells.preferredLanguage.toLowerCase() : ctx.defaultLanguage,
    emailConsent:
      consentDate || consentMethod
        ? { givenOn: normalizeDate(consentDate), method: METHOD_WORDS[methodWord] ?? methodWord }
        : null,
  };
  const columnOf = (p: string) =>
    ({ 'emailConsent.givenOn': 'emailConsentDate', 'emailConsent.method': 'emailConsentMethod' })[p] ?? p;
  // The clearer message first: a consent record needs both its date and its method.
  if ((consentDate === '') !== (consentMethod === '')) {
    errors.push({
      field: consentDate ? 'emailConsentMethod' : 'emailConsentDate',
      code: 'consentIncomplete',
    });
  }
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
    else if (kind !== 'staff') errors.push({ field: 'homeUnit', code: 'homeUnitNotStaff' });
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
