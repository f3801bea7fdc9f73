import { itWhen } from '@kierto/testing/requirements';
import { compoundParts, FinnishAnalyzer, tokenize } from './finnish-analyzer';

const voikko = new FinnishAnalyzer();
const withVoikko = itWhen(voikko.available, 'Voikko is missing: apt-get install libvoikko1 voikko-fi');
if (!voikko.available) console.warn('Voikko is not installed: the Voikko analyzer specs are skipped.');

afterAll(() => voikko.onModuleDestroy());

describe('tokenize', () => {
  it('splits on everything but letters (åäö included) and digits, with offsets', () => {
    const text = 'Kokous 12.3.: seulonta-käytännöt & "Åbo"!';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['Kokous', '12', '3', 'seulonta', 'käytännöt', 'Åbo']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('normalises decomposed letters, so "ä" typed as a + ◌̈ is one letter', () => {
    expect(tokenize('ka\u0308ytäntö').map((t) => t.text)).toEqual(['käytäntö']);
  });
});

describe('compoundParts', () => {
  it('cuts the word by STRUCTURE and takes the last part from the base form', () => {
    const parts = compoundParts('seulontakäytännöistä', {
      baseForm: 'seulontakäytäntö',
      structure: '=pppppppp=pppppppppppp',
      wordBases: '+seulo(seuloa)+nta(+ta)+käytäntö(käytäntö)',
    });
    expect(parts.sort()).toEqual(['käytäntö', 'seulonta']);
  });

  it('adds a plain component’s base and runs of neighbouring components, drops short ones', () => {
    const parts = compoundParts('kokemusasiantuntijoiden', {
      baseForm: 'kokemusasiantuntija',
      structure: '=ppppppp=ppppp=ppppppppppp',
      wordBases: '+kokemus(kokemus)+asian(asia)+tunti(tuntea)+ja(+ja)',
    });
    expect(parts).toEqual(expect.arrayContaining(['kokemus', 'asian', 'asia', 'tuntija', 'asiantuntija']));
    expect(parts).not.toContain('tuntea');
    expect(compoundParts('yöuni', { baseForm: 'yöuni', structure: '=pp=ppp', wordBases: null })).toEqual([
      'uni',
    ]);
  });

  it('gives nothing for a simple word or a structure that does not fit the word', () => {
    expect(compoundParts('kokous', { baseForm: 'kokous', structure: '=pppppp', wordBases: null })).toEqual(
      [],
    );
    expect(compoundParts('abc', { baseForm: 'abcdef', structure: '=pp=pppp', wordBases: null })).toEqual([]);
  });
});

describe('FinnishAnalyzer with Voikko', () => {
  withVoikko('gives base forms of inflected words (kokouksissa → kokous)', () => {
    expect(voikko.indexLexemes('kokouksissa')).toContain('kokous');
    expect(voikko.indexLexemes('Helsingissä')).toContain('helsinki');
  });

  withVoikko('follows consonant gradation (korvaushoidossa → korvaushoito)', () => {
    expect(voikko.indexLexemes('korvaushoidossa')).toContain('korvaushoito');
    expect(voikko.indexLexemes('lääkkeenjaossa')).toContain('lääkkeenjako');
  });

  withVoikko('indexes compound parts (seulontakäytännöistä → seulontakäytäntö, seulonta, käytäntö)', () => {
    const lexemes = voikko.indexLexemes('seulontakäytännöistä');
    expect(lexemes).toEqual(expect.arrayContaining(['seulontakäytäntö', 'seulonta', 'käytäntö']));
    expect(voikko.indexLexemes('korvaushoitopotilaiden')).toEqual(
      expect.arrayContaining(['korvaushoitopotilas', 'korvaushoito', 'potilas']),
    );
  });

  withVoikko('queries by base forms only, so a compound does not match each of its parts', () => {
    expect(voikko.queryLexemes('korvaushoidossa')).toEqual(['korvaushoito']);
    expect(voikko.analyzeWord('kokouksissa').known).toBe(true);
    expect(voikko.analyzeWord('xqzvbn').known).toBe(false);
    expect(voikko.queryLexemes('XQZVBN')).toEqual(['xqzvbn']);
  });

  withVoikko('keeps at most cacheSize words, most recently used last', () => {
    const small = new FinnishAnalyzer({ cacheSize: 2 });
    const kokous = small.analyzeWord('kokous');
    const hoito = small.analyzeWord('hoito');
    expect(small.analyzeWord('kokous')).toBe(kokous);
    small.analyzeWord('palaute');
    // hoito was the least recently used: analysed anew, while kokous is still cached.
    expect(small.analyzeWord('kokous')).toBe(kokous);
    expect(small.analyzeWord('hoito')).not.toBe(hoito);
    small.onModuleDestroy();
  });
});

describe('FinnishAnalyzer without Voikko', () => {
  it('is unavailable when disabled and returns the lower-cased word', () => {
    const a = new FinnishAnalyzer({ libraries: false });
    expect(a.available).toBe(false);
    expect(a.analyzeWord('Kokouksissa')).toEqual({ baseForms: ['kokouksissa'], parts: [], known: false });
  });

  it('does not throw when the library cannot be loaded', () => {
    const a = new FinnishAnalyzer({ libraries: ['/nonexistent/libvoikko.so.1'] });
    expect(a.available).toBe(false);
    expect(a.indexLexemes('kokous')).toEqual(['kokous']);
  });
});
