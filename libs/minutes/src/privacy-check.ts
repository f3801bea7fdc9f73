import { MinutesItem } from './minutes.entity';

/**
 * What the writer of the minutes confirms before the minutes go to anyone: nothing about one
 * person's treatment is recorded (the service users' own ground rules: no talk about people who are
 * not present, no talk about individual medication).
 */
export const PRIVACY_CHECKLIST = [
  {
    key: 'no-treatment-details',
    fi: 'Muistiossa ei ole kenenkään yksittäisen ihmisen hoidon tietoja (lääkkeet, annokset, seulat, diagnoosit).',
    sv: 'Protokollet innehåller inga uppgifter om någon enskild persons vård (läkemedel, doser, prov, diagnoser).',
    en: "The minutes hold no details of any one person's treatment (medicines, doses, screenings, diagnoses).",
  },
  {
    key: 'no-absent-people',
    fi: 'Muistiossa ei puhuta ihmisistä, jotka eivät olleet paikalla.',
    sv: 'Protokollet talar inte om personer som inte var närvarande.',
    en: 'The minutes say nothing about people who were not present.',
  },
  {
    key: 'service-users-named-with-consent',
    fi: 'Palvelun käyttäjät mainitaan nimellä vain, jos he ovat antaneet siihen luvan.',
    sv: 'Tjänsteanvändare nämns vid namn endast med sitt samtycke.',
    en: 'Service users are named only if they agreed to it.',
  },
  {
    key: 'no-identifiers',
    fi: 'Muistiossa ei ole henkilötunnuksia, puhelinnumeroita tai kotiosoitteita.',
    sv: 'Protokollet innehåller inga personbeteckningar, telefonnummer eller hemadresser.',
    en: 'The minutes hold no personal identity codes, phone numbers or home addresses.',
  },
] as const;

export const PRIVACY_KEYS: string[] = PRIVACY_CHECKLIST.map((c) => c.key);

export interface PrivacyWarning {
  /** Index in the minutes' items, and which field. */
  item: number;
  field: 'notes' | 'decisions' | 'title';
  /** What was found, as written. */
  match: string;
  reason: 'dose' | 'medicine' | 'identity-code' | 'phone-number' | 'service-user-name';
  /**
   * A real Finnish identity code (valid date and check character): the minutes cannot be circulated,
   * approved or published until it is removed. Everything else is a warning the checklist answers.
   */
  blocking: boolean;
}

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/**
 * A henkilötunnus: DDMMYY, a century sign (`+`, `-`, `A`–`F`, `U`–`Y`), a three-digit individual
 * number and the check character (DDMMYYNNN mod 31). Case is ignored.
 */
export function isIdentityCode(code: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})[-+A-FU-Y](\d{3})([0-9A-Y])$/i.exec(code);
  if (!m) return false;
  const [, dd, mm, yy, nnn, check] = m;
  const day = Number(dd);
  const month = Number(mm);
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return CHECK_CHARS[Number(`${dd}${mm}${yy}${nnn}`) % 31] === check.toUpperCase();
}

/** Where the minutes hold an identity code, as `{ field: 'items[2].notes', reasons: ['identity-code'] }`. */
export function blockingFindings(warnings: PrivacyWarning[]): { field: string; reasons: string[] }[] {
  const fields = [...new Set(warnings.filter((w) => w.blocking).map((w) => `items[${w.item}].${w.field}`))];
  return fields.map((field) => ({ field, reasons: ['identity-code'] }));
}

const PATTERNS: { reason: PrivacyWarning['reason']; re: RegExp }[] = [
  { reason: 'dose', re: /\b\d+(?:[.,]\d+)?\s?(?:mg|ml|µg|mcg|milligramma\w*)\b/giu },
  {
    reason: 'medicine',
    re: /\b(?:metadon\w*|buprenorfiin\w*|subutex\w*|suboxon\w*|espranor\w*|buvidal\w*|naloksoni\w*|bentso\w*)/giu,
  },
  { reason: 'identity-code', re: /\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b/giu },
  { reason: 'phone-number', re: /(?:\+358|\b0)\s?\d{2,3}[\s-]?\d{3}[\s-]?\d{2,4}\b/gu },
];

/**
 * Things in the text that look like one person's treatment details or identifiers, shown next to the
 * minutes until the text no longer has them. Most are advisory (the writer decides, with the
 * checklist); a valid identity code blocks the minutes (`blocking`).
 */
export function privacyWarnings(items: MinutesItem[], unnamedServiceUsers: string[] = []): PrivacyWarning[] {
  const warnings: PrivacyWarning[] = [];
  const names = unnamedServiceUsers
    .map((n) => n.trim())
    .filter((n) => n.length >= 3)
    .map((n) => new RegExp(`(?<![\\p{L}])${escapeRegExp(n)}(?![\\p{L}])`, 'giu'));
  items.forEach((item, i) => {
    for (const field of ['title', 'notes', 'decisions'] as const) {
      const text = item[field] ?? '';
      for (const { reason, re } of PATTERNS) {
        for (const m of text.matchAll(re))
          warnings.push({
            item: i,
            field,
            match: m[0],
            reason,
            blocking: reason === 'identity-code' && isIdentityCode(m[0]),
          });
      }
      for (const re of names) {
        for (const m of text.matchAll(re))
          warnings.push({ item: i, field, match: m[0], reason: 'service-user-name', blocking: false });
      }
    }
  });
  return warnings;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
