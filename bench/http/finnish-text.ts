/**
 * Deterministic Finnish minutes text for the national data set: sentences built from the words of
 * the domain in their inflected forms (korvaushoidossa, seulontakäytännöistä, kotiannosten), so that
 * search meets the word forms real minutes have.
 */

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same data set. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const between = (r: Random, min: number, max: number): number =>
  min + Math.floor(r() * (max - min + 1));

/** A deterministic uuid (version 4 layout) from the generator. */
export function uuid(r: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A noun in the cases the sentences need: nominative, genitive, partitive, inessive, elative, illative. */
interface Noun {
  nom: string;
  gen: string;
  par: string;
  ine: string;
  ela: string;
  ill: string;
}

const n = (nom: string, gen: string, par: string, ine: string, ela: string, ill: string): Noun => ({
  nom,
  gen,
  par,
  ine,
  ela,
  ill,
});

const NOUNS: Noun[] = [
  n('korvaushoito', 'korvaushoidon', 'korvaushoitoa', 'korvaushoidossa', 'korvaushoidosta', 'korvaushoitoon'),
  n(
    'seulontakäytäntö',
    'seulontakäytännön',
    'seulontakäytäntöä',
    'seulontakäytännössä',
    'seulontakäytännöstä',
    'seulontakäytäntöön',
  ),
  n('kotiannos', 'kotiannoksen', 'kotiannosta', 'kotiannoksessa', 'kotiannoksesta', 'kotiannokseen'),
  n('lomaoikeus', 'lomaoikeuden', 'lomaoikeutta', 'lomaoikeudessa', 'lomaoikeudesta', 'lomaoikeuteen'),
  n('annostelu', 'annostelun', 'annostelua', 'annostelussa', 'annostelusta', 'annosteluun'),
  n('vertaistuki', 'vertaistuen', 'vertaistukea', 'vertaistuessa', 'vertaistuesta', 'vertaistukeen'),
  n(
    'hoitosuunnitelma',
    'hoitosuunnitelman',
    'hoitosuunnitelmaa',
    'hoitosuunnitelmassa',
    'hoitosuunnitelmasta',
    'hoitosuunnitelmaan',
  ),
  n('odotusaika', 'odotusajan', 'odotusaikaa', 'odotusajassa', 'odotusajasta', 'odotusaikaan'),
  n('aukioloaika', 'aukioloajan', 'aukioloaikaa', 'aukioloajassa', 'aukioloajasta', 'aukioloaikaan'),
  n('apteekki', 'apteekin', 'apteekkia', 'apteekissa', 'apteekista', 'apteekkiin'),
  n(
    'asiakaspalaute',
    'asiakaspalautteen',
    'asiakaspalautetta',
    'asiakaspalautteessa',
    'asiakaspalautteesta',
    'asiakaspalautteeseen',
  ),
  n('naloksoni', 'naloksonin', 'naloksonia', 'naloksonissa', 'naloksonista', 'naloksoniin'),
  n(
    'terveysneuvonta',
    'terveysneuvonnan',
    'terveysneuvontaa',
    'terveysneuvonnassa',
    'terveysneuvonnasta',
    'terveysneuvontaan',
  ),
  n('päivystys', 'päivystyksen', 'päivystystä', 'päivystyksessä', 'päivystyksestä', 'päivystykseen'),
  n(
    'hoitosopimus',
    'hoitosopimuksen',
    'hoitosopimusta',
    'hoitosopimuksessa',
    'hoitosopimuksesta',
    'hoitosopimukseen',
  ),
  n('kokous', 'kokouksen', 'kokousta', 'kokouksessa', 'kokouksesta', 'kokoukseen'),
];

const SUBJECTS = [
  'Yksikön henkilökunta',
  'Palveluiden käyttäjien edustaja',
  'Koordinaattori',
  'Sairaanhoitaja',
  'Vertaistoimija',
  'Apteekin edustaja',
  'Lääkäri',
  'Sosiaalityöntekijä',
];

const TEMPLATES: ((a: Noun, b: Noun, s: string) => string)[] = [
  (a, b) => `Keskusteltiin ${a.gen} käytännöistä ja siitä, miten ${b.nom} toimii eri yksiköissä.`,
  (a, b, s) => `${s} kertoi, että ${a.ine} on ollut viime kuukausina haasteita, erityisesti ${b.gen} osalta.`,
  (a) => `Todettiin, että ${a.ela} tarvitaan selkeämpi ohje, joka jaetaan kaikille yksiköille.`,
  (a, b) =>
    `Sovittiin, että ${a.par} arvioidaan uudelleen seuraavassa kokouksessa ja ${b.ill} palataan keväällä.`,
  (a, b, s) => `${s} ehdotti, että ${a.gen} ja ${b.gen} yhteistyötä lisätään.`,
  (a) => `Palveluiden käyttäjät toivoivat, että ${a.ela} kerrottaisiin ajoissa ja ymmärrettävästi.`,
  (a, b) => `Päätettiin kokeilla uutta mallia ${a.ine}; kokemuksia ${b.ela} kerätään kolmen kuukauden ajan.`,
  (a) => `Yksiköt kertoivat omista kokemuksistaan ${a.ela}, ja eroja yksiköiden välillä löytyi.`,
  (a, b, s) =>
    `${s} muistutti, että ${a.nom} kuuluu jokaisen asiakkaan oikeuksiin eikä ${b.nom} saa estää sitä.`,
  (a) => `Kirjattiin, että ${a.ill} liittyvät kysymykset ohjataan jatkossa omalle hoitajalle.`,
];

export const TOPICS = [
  'Seulontakäytännöt',
  'Kotiannokset ja lomaoikeudet',
  'Korvaushoidon odotusajat',
  'Annostelun aukioloajat',
  'Vertaistuki yksiköissä',
  'Naloksonin jakaminen',
  'Asiakaspalautteen käsittely',
  'Hoitosopimusten uudistaminen',
  'Päivystyksen yhteystiedot',
  'Terveysneuvonta ja rokotukset',
  'Apteekkiyhteistyö',
  'Hoitosuunnitelmien päivittäminen',
];

export const ACTION_TITLES = [
  'Selvitetään kotiannosten käytännöt yksiköissä',
  'Laaditaan ohje seulontakäytännöistä',
  'Kysytään apteekilta aukioloajoista',
  'Tiedotetaan asiakkaille lomaoikeuksista',
  'Järjestetään vertaistukiryhmä',
  'Päivitetään hoitosopimuksen pohja',
  'Kootaan asiakaspalautteet korvaushoidosta',
  'Lisätään naloksonia päivystykseen',
];

export const OUTCOMES = [
  'Ohje on nyt kaikissa yksiköissä, ja siitä kerrotaan jokaiselle uudelle asiakkaalle.',
  'Annostelu aukeaa jatkossa puoli tuntia aiemmin.',
  'Kotiannoksista sovitaan nyt samoin perustein kaikissa yksiköissä.',
  'Vertaistukiryhmä kokoontuu joka toinen tiistai.',
];

/** A paragraph of about `chars` characters. */
export function paragraph(r: Random, chars: number): string {
  const out: string[] = [];
  let length = 0;
  while (length < chars) {
    const s = pick(r, TEMPLATES)(pick(r, NOUNS), pick(r, NOUNS), pick(r, SUBJECTS));
    out.push(s);
    length += s.length + 1;
  }
  return out.join(' ');
}

export const REGIONS = [
  'Helsinki',
  'Espoo',
  'Vantaa',
  'Turku',
  'Tampere',
  'Oulu',
  'Jyväskylä',
  'Kuopio',
  'Lahti',
  'Pori',
  'Joensuu',
  'Lappeenranta',
  'Vaasa',
  'Seinäjoki',
  'Rovaniemi',
  'Kotka',
  'Hämeenlinna',
  'Mikkeli',
  'Kajaani',
  'Kokkola',
];

export const UNIT_KINDS = [
  'Korvaushoitopoliklinikka',
  'Päihdepoliklinikka',
  'A-klinikka',
  'Matalan kynnyksen palvelupiste',
  'Terveysneuvontapiste',
  'Vertaistukikeskus',
];

export const FIRST_NAMES = [
  'Aino',
  'Eero',
  'Helmi',
  'Juha',
  'Kaisa',
  'Lauri',
  'Minna',
  'Oskari',
  'Sanna',
  'Timo',
  'Ulla',
  'Ville',
];
export const LAST_NAMES = [
  'Virtanen',
  'Korhonen',
  'Mäkinen',
  'Nieminen',
  'Hämäläinen',
  'Laine',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lehtonen',
];
