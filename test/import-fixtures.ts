import iconv from 'iconv-lite';

/**
 * One people file of 30 people (10 staff, 15 service users of whom 5 with email and consent, 5
 * guests), written as a nurse's Excel writes it: Finnish headers and words, semicolons, Windows-1252,
 * CRLF; or English headers and words, commas, UTF-8. Both describe the same people.
 */
export interface FilePerson {
  name: string;
  kind: 'staff' | 'service_user' | 'guest';
  email: string;
  homeUnit: string;
  language: 'fi' | 'sv' | 'en' | '';
  consent: boolean;
}

const FIRST = ['Päivi', 'Åsa', 'Jörö', 'Siiri', 'Väinö', 'Eelis', 'Göran', 'Kyösti', 'Tiina', 'Örjan'];

export function thirtyPeople(units: string[], tag = 'tuonti'): FilePerson[] {
  const people: FilePerson[] = [];
  for (let i = 0; i < 30; i++) {
    const kind = i < 10 ? 'staff' : i < 25 ? 'service_user' : 'guest';
    const consent = kind === 'service_user' && i < 15;
    people.push({
      name: `${FIRST[i % 10]} ${kind === 'staff' ? 'Hoitaja' : kind === 'guest' ? 'Vieras' : 'Käyttäjä'} ${i + 1}`,
      kind,
      email: kind === 'staff' || consent ? `${tag}.${i + 1}@example.test` : '',
      homeUnit: kind === 'staff' ? units[i % units.length] : '',
      language: (['fi', 'sv', 'en', ''] as const)[i % 4],
      consent,
    });
  }
  return people;
}

const WORDS = {
  fi: {
    header: ['Nimi', 'Rooli', 'Sähköposti', 'Kotiyksikkö', 'Kieli', 'Suostumus', 'Suostumuksen tapa'],
    kind: { staff: 'henkilöstö', service_user: 'palvelun käyttäjä', guest: 'vieras' },
    language: { fi: 'suomi', sv: 'ruotsi', en: 'englanti', '': '' },
    consent: ['1.11.2026', 'kirjallinen'],
    sep: ';',
  },
  en: {
    header: ['Name', 'Role', 'Email', 'Home unit', 'Language', 'Consent', 'Consent method'],
    kind: { staff: 'staff', service_user: 'service user', guest: 'guest' },
    language: { fi: 'fi', sv: 'sv', en: 'en', '': '' },
    consent: ['2026-11-01', 'written'],
    sep: ',',
  },
};

export function peopleCsv(people: FilePerson[], lang: 'fi' | 'en'): string {
  const w = WORDS[lang];
  const rows = people.map((p) => [
    p.name,
    w.kind[p.kind],
    p.email,
    p.homeUnit,
    w.language[p.language],
    p.consent ? w.consent[0] : '',
    p.consent ? w.consent[1] : '',
  ]);
  return [w.header, ...rows].map((r) => r.join(w.sep)).join('\r\n') + '\r\n';
}

/** The Finnish file in Windows-1252 (Excel's default "CSV (luetteloerotin)"), the English one in UTF-8. */
export function peopleFiles(
  units: string[],
  tag?: string,
): { fi1252: Buffer; enUtf8: Buffer; people: FilePerson[] } {
  const people = thirtyPeople(units, tag);
  return {
    fi1252: iconv.encode(peopleCsv(people, 'fi'), 'win1252'),
    enUtf8: Buffer.from(peopleCsv(people, 'en'), 'utf8'),
    people,
  };
}
