import type { SearchKind, SearchLanguage } from './search-document.entity';

export type { SearchKind, SearchLanguage };

export interface SearchDocInput {
  seriesId: string;
  meetingId: string | null;
  kind: SearchKind;
  refId: string;
  title: string;
  body: string;
  language: SearchLanguage;
}

export interface SearchHit {
  kind: SearchKind;
  refId: string;
  seriesId: string;
  meetingId: string | null;
  title: string;
  /** HTML: text escaped, matched words wrapped in <mark>…</mark>; about 30 words around the best match */
  snippet: string;
  rank: number;
}

export interface SearchQuery {
  seriesIds: string[];
  query: string;
  kinds?: SearchKind[];
  limit?: number;
  offset?: number;
}

export type SearchEngine = 'voikko' | 'snowball';

export interface SearchResult {
  items: SearchHit[];
  total: number;
  engine: SearchEngine;
}
