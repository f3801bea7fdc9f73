import { FinnishAnalyzer, tokenize } from './finnish-analyzer';

// PostgreSQL keeps positions up to 16383 and at most 256 of them per lexeme.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
// Lexemes longer than this are refused by PostgreSQL (2 KiB); real words never come close.
const MAX_LEXEME_BYTES = 2046;
/** More query words than this add nothing but cost. */
export const MAX_QUERY_WORDS = 32;

// Words too common to narrow a Finnish query; a query made of them only keeps them.
const FINNISH_QUERY_STOP_WORDS = new Set(
  'ja tai sekä eli on ei ole oli se ne että kun jos niin mutta myös vai kuin mitä mikä joka ovat olla'.split(
    ' ',
  ),
);

/** Anything with a `query` method: a DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Snowball stems of words Voikko does not know, by lower-cased word. */
export type UnknownWordStems = Map<string, string[]>;

/**
 * Quotes a lexeme for tsvector/tsquery input: inside quotes nothing is an operator, and a quote or
 * a backslash is escaped, so no user text can change the query's structure.
 */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function usable(lexeme: string): boolean {
  return lexeme.length > 0 && Buffer.byteLength(lexeme) <= MAX_LEXEME_BYTES;
}

/**
 * Words Voikko does not know (drug names, place names, new words) would only match in the very same
 * inflected form; their Snowball stems (PostgreSQL's finnish_stem dictionary) are added to their
 * lexemes on both sides so that "naloksonin" still finds "naloksoni". One round trip for all words.
 */
export async function stemUnknownWords(
  db: Queryable,
  analyzer: FinnishAnalyzer,
  texts: string[],
): Promise<UnknownWordStems> {
  const unknown = new Set<string>();
  for (const text of texts) {
    for (const token of tokenize(text)) {
      if (/^\p{N}+$/u.test(token.text) || analyzer.analyzeWord(token.text).known) continue;
      unknown.add(token.text.toLowerCase());
    }
  }
  const stems: UnknownWordStems = new Map();
  if (unknown.size === 0) return stems;
  const rows = (await db.query(
    `SELECT w AS word, ts_lexize('finnish_stem', w) AS stems FROM unnest($1::text[]) AS w`,
    [[...unknown]],
  )) as { word: string; stems: string[] | null }[];
  for (const r of rows) {
    const extra = (r.stems ?? []).filter((s) => s !== r.word && usable(s));
    if (extra.length) stems.set(r.word, extra);
  }
  return stems;
}

/** Every lexeme a word of a document is indexed under. */
export function wordIndexLexemes(analyzer: FinnishAnalyzer, word: string, stems: UnknownWordStems): string[] {
  const extra = stems.get(word.toLowerCase());
  const lexemes = analyzer.indexLexemes(word);
  return extra ? [...lexemes, ...extra] : lexemes;
}

/**
 * The Voikko tsvector of a document as tsvector input text. Every lexeme of a word (base forms and
 * compound parts) gets the word's position, so ts_rank_cd sees them as one word; the title's words
 * come first with weight A.
 */
export function documentVector(
  analyzer: FinnishAnalyzer,
  title: string,
  body: string,
  stems: UnknownWordStems = new Map(),
): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (text: string, weight: string) => {
    for (const token of tokenize(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      for (const lexeme of new Set(wordIndexLexemes(analyzer, token.text, stems))) {
        if (!usable(lexeme)) continue;
        const list = positions.get(lexeme) ?? [];
        if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
        positions.set(lexeme, list);
      }
    }
  };
  add(title, 'A');
  // A gap, so that a phrase never spans the title and the body.
  position = Math.min(position + 1, MAX_POSITION);
  add(body, '');
  return [...positions].map(([lexeme, list]) => `${quoteLexeme(lexeme)}:${list.join(',')}`).join(' ');
}

/** The words of a query: letters and digits only, distinct, stop words dropped unless nothing else is left. */
export function queryWords(query: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const token of tokenize(query)) {
    const key = token.text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    words.push(token.text);
  }
  const content = words.filter((w) => !FINNISH_QUERY_STOP_WORDS.has(w.toLowerCase()));
  return (content.length ? content : words).slice(0, MAX_QUERY_WORDS);
}

/** A query word's lexeme alternatives (base forms only, see FinnishAnalyzer.queryLexemes); the query is the AND of these ORs. */
export function queryLexemeGroups(
  analyzer: FinnishAnalyzer,
  words: string[],
  stems: UnknownWordStems = new Map(),
): string[][] {
  return words
    .map((w) =>
      [...new Set([...analyzer.queryLexemes(w), ...(stems.get(w.toLowerCase()) ?? [])])].filter(usable),
    )
    .filter((g) => g.length > 0);
}

/** tsquery input text for lexeme groups, e.g. `('kokous') & ('seulonta' | 'seulontakäytäntö')`. */
export function groupsToTsquery(groups: string[][]): string | null {
  if (groups.length === 0) return null;
  return groups.map((g) => `(${g.map(quoteLexeme).join(' | ')})`).join(' & ');
}
