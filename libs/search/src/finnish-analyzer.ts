import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';

/** A word of a text, with its place in the (NFC-normalised) text. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** What a word contributes to the index. */
export interface WordLexemes {
  /** Lower-cased base forms, one per reading (a word can be ambiguous); the word itself when unknown. */
  baseForms: string[];
  /** Lower-cased meaningful compound parts (three letters or more) that are not base forms. */
  parts: string[];
  /** False when Voikko does not know the word (or is missing): the word stands for itself. */
  known: boolean;
}

export interface FinnishAnalyzerOptions {
  /** Libraries to try, in order; false disables Voikko (the Snowball fallback), e.g. to measure it. */
  libraries?: string[] | false;
  /** Analysed words kept in memory. */
  cacheSize?: number;
}

export const FINNISH_ANALYZER_OPTIONS = Symbol('FINNISH_ANALYZER_OPTIONS');

// Letters (åäö and every other script) and digits; everything else separates words.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
// Voikko refuses longer words, and nothing meaningful is that long.
const MAX_WORD_LENGTH = 80;
const MIN_PART_LENGTH = 3;

/** Splits a text into words. The text is NFC-normalised first, so offsets refer to `text.normalize('NFC')`. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.normalize('NFC').matchAll(WORD)) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Finnish morphology through Voikko (libvoikko + the voikko-fi dictionary), called over FFI.
 * Snowball's `finnish` stemmer cuts words to different stems across consonant gradation
 * (korvaushoito / korvaushoidossa) and never splits compounds; Voikko gives the dictionary base form
 * and the compound parts. Loaded lazily; when the library or the dictionary is missing, `available`
 * is false and callers fall back to Snowball instead of the process failing.
 */
@Injectable()
export class FinnishAnalyzer implements OnModuleDestroy {
  private readonly logger = new Logger(FinnishAnalyzer.name);
  private readonly cache = new Map<string, WordLexemes>();
  private readonly cacheSize: number;
  private voikko: Voikko | null | undefined;

  constructor(
    @Optional() @Inject(FINNISH_ANALYZER_OPTIONS) private readonly options: FinnishAnalyzerOptions = {},
  ) {
    this.cacheSize = options.cacheSize ?? 20_000;
  }

  get available(): boolean {
    return this.load() !== null;
  }

  /** Lexemes that index a word of a document: base forms and compound parts. */
  indexLexemes(word: string): string[] {
    const a = this.analyzeWord(word);
    return a.parts.length ? [...a.baseForms, ...a.parts] : a.baseForms;
  }

  /**
   * Lexemes of a word of a query: base forms only. A query word matches any of them, and the document
   * side carries the compound parts, so "seulonta" finds "seulontakäytännöt" but "korvaushoito" does
   * not find every "hoito".
   */
  queryLexemes(word: string): string[] {
    return this.analyzeWord(word).baseForms;
  }

  analyzeWord(word: string): WordLexemes {
    const cached = this.cache.get(word);
    if (cached) {
      // Re-insert so that the Map's insertion order is the recency order.
      this.cache.delete(word);
      this.cache.set(word, cached);
      return cached;
    }
    const result = this.analyzeUncached(word);
    this.cache.set(word, result);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }

  onModuleDestroy(): void {
    this.voikko?.terminate();
    this.voikko = null;
    this.cache.clear();
  }

  private analyzeUncached(word: string): WordLexemes {
    const lower = word.toLowerCase();
    const voikko = this.load();
    if (!voikko || word.length > MAX_WORD_LENGTH) return { baseForms: [lower], parts: [], known: false };
    const readings = voikko.analyze(word);
    if (readings.length === 0) return { baseForms: [lower], parts: [], known: false };
    const baseForms = new Set<string>();
    const parts = new Set<string>();
    for (const r of readings) {
      if (r.baseForm) baseForms.add(r.baseForm.toLowerCase());
      for (const p of compoundParts(word, r)) parts.add(p);
    }
    if (baseForms.size === 0) baseForms.add(lower);
    for (const b of baseForms) parts.delete(b);
    return { baseForms: [...baseForms], parts: [...parts], known: true };
  }

  private load(): Voikko | null {
    if (this.voikko !== undefined) return this.voikko;
    const libraries = this.options.libraries ?? DEFAULT_LIBRARIES;
    if (libraries === false) return (this.voikko = null);
    try {
      this.voikko = Voikko.open(libraries);
    } catch (e) {
      this.logger.warn(`Voikko is not available, Finnish search uses Snowball: ${(e as Error).message}`);
      this.voikko = null;
    }
    return this.voikko;
  }
}

/**
 * Compound parts of one Voikko reading of a word. STRUCTURE cuts the written word into its
 * components (`=pppppppp=pppppppppppp`: seulonta|käytännöistä); the last one is taken from the base
 * form (seulontakäytäntö minus seulonta: käytäntö). WORDBASES (`+lääkkeen(lääke)+jako(jako)`) adds
 * the base of a component that is a word of its own (lääkkeen → lääke), but not a derivation's root
 * (seulonta, not seuloa, which would make a query for the verb find the noun). In compounds of three
 * or more components the runs of neighbours count too (kokemus|asian|tuntija → asiantuntija,
 * korvaus|hoito|potilas → korvaushoito), as they are often words of their own.
 */
export function compoundParts(word: string, reading: Reading): string[] {
  const { baseForm, structure, wordBases } = reading;
  if (!baseForm || !structure) return [];
  const segments: string[] = [];
  let i = 0;
  for (const ch of structure) {
    if (ch === '=') segments.push('');
    else if (segments.length) segments[segments.length - 1] += word[i++] ?? '';
    else return [];
  }
  const components = segments.filter(Boolean).map((c) => c.toLowerCase());
  if (components.length < 2 || i !== word.length) return [];
  const head = components.slice(0, -1).join('');
  const base = baseForm.toLowerCase();
  if (!base.startsWith(head) || base.length === head.length) return [];
  components[components.length - 1] = base.slice(head.length);

  const parts = new Set<string>(components);
  for (const [, surface, root] of (wordBases ?? '').matchAll(/\+([^+(]*)(?:\(([^)]*)\))?/g)) {
    if (root && !root.startsWith('+') && parts.has(surface.toLowerCase())) parts.add(root.toLowerCase());
  }
  for (let from = 0; from < components.length - 1; from++) {
    for (let to = from + 2; to <= components.length; to++) {
      if (from > 0 || to < components.length) parts.add(components.slice(from, to).join(''));
    }
  }
  return [...parts].filter((p) => [...p].length >= MIN_PART_LENGTH && /^[\p{L}\p{N}]+$/u.test(p));
}

const DEFAULT_LIBRARIES = ['libvoikko.so.1', 'libvoikko.so', 'libvoikko.1.dylib', 'libvoikko-1.dll'];

/** One reading of a word by Voikko: the attributes this uses. */
export interface Reading {
  baseForm: string | null;
  structure: string | null;
  wordBases: string | null;
}

/** The few libvoikko calls this needs, through koffi. One handle per process; Node calls it from one thread. */
class Voikko {
  private constructor(
    private readonly koffi: typeof import('koffi'),
    private handle: unknown,
    private readonly fn: {
      analyze: (handle: unknown, word: string) => unknown;
      value: (analysis: unknown, key: string) => unknown;
      freeValue: (value: unknown) => void;
      freeAnalysis: (analysis: unknown) => void;
      terminate: (handle: unknown) => void;
    },
  ) {}

  static open(libraries: string[]): Voikko {
    // Required here, not imported: a platform without koffi's prebuilt binary must still start.
    const koffi = require('koffi') as typeof import('koffi');
    const errors: string[] = [];
    for (const path of libraries) {
      let lib: ReturnType<typeof koffi.load>;
      try {
        lib = koffi.load(path);
      } catch (e) {
        errors.push((e as Error).message);
        continue;
      }
      const init = lib.func(
        'void *voikkoInit(_Out_ const char **error, const char *langcode, const char *path)',
      );
      const fn = {
        analyze: lib.func('void **voikkoAnalyzeWordCstr(void *handle, const char *word)'),
        // void * rather than char *, so that koffi hands back the pointer that must be freed.
        value: lib.func('void *voikko_mor_analysis_value_cstr(void *analysis, const char *key)'),
        freeValue: lib.func('void voikko_free_mor_analysis_value_cstr(void *value)'),
        freeAnalysis: lib.func('void voikko_free_mor_analysis(void **analysis)'),
        terminate: lib.func('void voikkoTerminate(void *handle)'),
      };
      const error: (string | null)[] = [null];
      const handle = init(error, 'fi', null);
      // A null handle means the library is there but the Finnish dictionary (voikko-fi) is not.
      if (!handle) throw new Error(`voikkoInit(fi) failed: ${error[0] ?? 'unknown error'}`);
      return new Voikko(koffi, handle, fn);
    }
    throw new Error(`libvoikko not found (${errors.join('; ')})`);
  }

  analyze(word: string): Reading[] {
    if (!this.handle) return [];
    const list = this.fn.analyze(this.handle, word);
    if (!list) return [];
    const readings: Reading[] = [];
    try {
      const step = this.koffi.sizeof('void *');
      for (let i = 0; ; i++) {
        const analysis = this.koffi.decode(list, i * step, 'void *');
        if (!analysis) break;
        readings.push({
          baseForm: this.value(analysis, 'BASEFORM'),
          structure: this.value(analysis, 'STRUCTURE'),
          wordBases: this.value(analysis, 'WORDBASES'),
        });
      }
    } finally {
      this.fn.freeAnalysis(list);
    }
    return readings;
  }

  terminate(): void {
    if (this.handle) this.fn.terminate(this.handle);
    this.handle = null;
  }

  private value(analysis: unknown, key: string): string | null {
    const p = this.fn.value(analysis, key);
    if (!p) return null;
    try {
      return this.koffi.decode(p, 'char', -1) as string;
    } finally {
      this.fn.freeValue(p);
    }
  }
}
