import { itWhen } from '@kierto/testing/requirements';
import { FinnishAnalyzer } from './finnish-analyzer';
import { documentVector, groupsToTsquery, MAX_QUERY_WORDS, queryWords, quoteLexeme } from './text-search';
import { escapeHtml, finnishSnippet, headlineToHtml } from './snippet';

const plain = new FinnishAnalyzer({ libraries: false });
const voikko = new FinnishAnalyzer();
const withVoikko = itWhen(voikko.available, 'Voikko is missing: apt-get install libvoikko1 voikko-fi');

afterAll(() => voikko.onModuleDestroy());

describe('queryWords', () => {
  it('keeps letters and digits only, so operators in user input never reach a tsquery', () => {
    expect(queryWords(`kokous & | ! ( ) : * ' \\ "seulonta" <b>`)).toEqual(['kokous', 'seulonta', 'b']);
    expect(queryWords("&|!():*'")).toEqual([]);
  });

  it('drops duplicates and stop words, unless only stop words are left', () => {
    expect(queryWords('kokous ja Kokous sekä palaute')).toEqual(['kokous', 'palaute']);
    expect(queryWords('ja tai')).toEqual(['ja', 'tai']);
    expect(queryWords(Array.from({ length: 50 }, (_, i) => `sana${i}`).join(' '))).toHaveLength(
      MAX_QUERY_WORDS,
    );
  });
});

describe('tsquery and tsvector text', () => {
  it('quotes lexemes, doubling quotes and backslashes', () => {
    expect(quoteLexeme("o'neil\\x")).toBe("'o''neil\\\\x'");
  });

  it('builds an AND of ORs', () => {
    expect(groupsToTsquery([['kokous'], ['seulonta', 'seuloa']])).toBe(
      "('kokous') & ('seulonta' | 'seuloa')",
    );
    expect(groupsToTsquery([])).toBeNull();
  });

  it('gives title words weight A and every word its own position', () => {
    expect(documentVector(plain, 'Kokous', 'kokous ja palaute')).toBe("'kokous':1A,3 'ja':4 'palaute':5");
  });

  withVoikko('puts a word’s base form and compound parts at the word’s position', () => {
    const vector = documentVector(voikko, '', 'seulontakäytännöistä');
    expect(vector).toContain("'seulontakäytäntö':2");
    expect(vector).toContain("'seulonta':2");
    expect(vector).toContain("'käytäntö':2");
  });
});

describe('snippets', () => {
  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(headlineToHtml('\u0001<kokous>\u0002 & muuta')).toBe('<mark>&lt;kokous&gt;</mark> &amp; muuta');
  });

  it('marks matching words, escapes the rest and keeps about 30 words around the match', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `sana${i}`).join(' ');
    const snippet = finnishSnippet(plain, `${filler} <b>kokous</b> & ${filler}`, [['kokous']]);
    expect(snippet).toContain('&lt;b&gt;<mark>kokous</mark>&lt;/b&gt; &amp;');
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    const words = snippet.replace(/<\/?mark>/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
    expect(words.length).toBeGreaterThanOrEqual(25);
    expect(words.length).toBeLessThanOrEqual(35);
  });

  it('starts at the beginning of a text without a match', () => {
    expect(finnishSnippet(plain, 'Lyhyt teksti.', [['kokous']])).toBe('Lyhyt teksti.');
  });

  withVoikko('marks inflected forms and compounds of the query words', () => {
    const snippet = finnishSnippet(voikko, 'Kokouksissa puhuttiin seulontakäytännöistä.', [
      ['kokous'],
      ['seulonta'],
    ]);
    expect(snippet).toBe('<mark>Kokouksissa</mark> puhuttiin <mark>seulontakäytännöistä</mark>.');
  });
});
