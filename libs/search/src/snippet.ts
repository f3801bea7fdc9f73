import { FinnishAnalyzer, tokenize } from './finnish-analyzer';
import { UnknownWordStems, wordIndexLexemes } from './text-search';

export const SNIPPET_WORDS = 30;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * A snippet of about SNIPPET_WORDS words of a Finnish text, built here rather than with ts_headline:
 * the index holds base forms, so only analysing each word of the text finds the inflected forms
 * (kokouksissa for kokous) and compounds (seulontakäytännöt for seulonta) to mark. The window chosen
 * covers the most distinct query words, then the most matches.
 */
export function finnishSnippet(
  analyzer: FinnishAnalyzer,
  text: string,
  groups: string[][],
  stems: UnknownWordStems = new Map(),
): string {
  const normalized = text.normalize('NFC');
  const tokens = tokenize(normalized);
  if (tokens.length === 0) return escapeHtml(normalized.trim().slice(0, 200));
  const groupSets = groups.map((g) => new Set(g));
  // For each word, the query words (group indexes) it matches.
  const hits = tokens.map((t) => {
    const lexemes = wordIndexLexemes(analyzer, t.text, stems);
    const matched: number[] = [];
    groupSets.forEach((set, i) => {
      if (lexemes.some((l) => set.has(l))) matched.push(i);
    });
    return matched;
  });
  const size = Math.min(SNIPPET_WORDS, tokens.length);
  let best = 0;
  let bestScore = -1;
  for (let start = 0; start + size <= tokens.length; start++) {
    const covered = new Set<number>();
    let count = 0;
    for (let i = start; i < start + size; i++) {
      if (hits[i].length) count++;
      for (const g of hits[i]) covered.add(g);
    }
    const score = covered.size * 10_000 + count;
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  // The earliest best window ends at its first match; centre the matches so that they read in context.
  let first = -1;
  let last = -1;
  for (let i = best; i < best + size; i++) {
    if (hits[i].length === 0) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first >= 0) {
    const slack = size - (last - first + 1);
    best = Math.max(0, Math.min(first - Math.floor(slack / 2), tokens.length - size));
  }
  const end = best + size;
  let html = best > 0 ? '… ' : '';
  let cursor = tokens[best].start;
  for (let i = best; i < end; i++) {
    const t = tokens[i];
    html += escapeHtml(normalized.slice(cursor, t.start));
    html += hits[i].length ? `<mark>${escapeHtml(t.text)}</mark>` : escapeHtml(t.text);
    cursor = t.end;
  }
  html += end < tokens.length ? ' …' : escapeHtml(normalized.slice(cursor).trimEnd());
  return html;
}

/**
 * Turns ts_headline output into HTML: the text is escaped, and the two control characters that the
 * query asked ts_headline to put around matches (and removed from the text beforehand) become <mark>.
 */
export function headlineToHtml(headline: string): string {
  return escapeHtml(headline).replaceAll('\u0001', '<mark>').replaceAll('\u0002', '</mark>');
}
