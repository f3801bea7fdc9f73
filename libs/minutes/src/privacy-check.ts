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
}

const PATTERNS: { reason: PrivacyWarning['reason']; re: RegExp }[] = [
  { reason: 'dose', re: /\b\d+(?:[.,]\d+)?\s?(?:mg|ml|µg|mcg|milligramma\w*)\b/giu },
  {
    reason: 'medicine',
    re: /\b(?:metadon\w*|buprenorfiin\w*|subutex\w*|suboxon\w*|espranor\w*|buvidal\w*|naloksoni\w*|bentso\w*)/giu,
  },
  { reason: 'identity-code', re: /\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b/gu },
  { reason: 'phone-number', re: /(?:\+358|\b0)\s?\d{2,3}[\s-]?\d{3}[\s-]?\d{2,4}\b/gu },
];

/**
 * Advisory: things in the text that look like one person's treatment details or identifiers. The
 * writer decides; the warnings are shown next to the minutes until the text no longer has them.
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
        for (const m of text.matchAll(re)) warnings.push({ item: i, field, match: m[0], reason });
      }
      for (const re of names) {
        for (const m of text.matchAll(re))
          warnings.push({ item: i, field, match: m[0], reason: 'service-user-name' });
      }
    }
  });
  return warnings;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
