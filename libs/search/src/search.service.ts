import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FinnishAnalyzer } from './finnish-analyzer';
import { SEARCH_KINDS } from './search-document.entity';
import { SearchEngine, SearchHit, SearchKind, SearchQuery, SearchResult } from './search.types';
import { finnishSnippet, headlineToHtml } from './snippet';
import { groupsToTsquery, queryLexemeGroups, queryWords, stemUnknownWords } from './text-search';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;
// ts_headline marks matches with two control characters that are removed from the text first, so
// that the text can be HTML-escaped afterwards without escaping the marks (headlineToHtml).
const HEADLINE_OPTIONS = 'StartSel=\u0001, StopSel=\u0002, MaxWords=30, MinWords=20, ShortWord=2';

interface Row {
  total: string;
  kind: SearchKind | null;
  ref_id: string;
  series_id: string;
  meeting_id: string | null;
  title: string;
  body: string;
  by_lexemes: boolean;
  rank: number;
  headline: string | null;
}

/**
 * Searches the index. Finnish documents match on Voikko lexemes (each query word by any of its base
 * forms, every query word required); Swedish and English documents, and Finnish ones indexed
 * without Voikko, match through PostgreSQL's Snowball configurations. Only the given series are
 * searched: the caller passes the series the user may see.
 */
@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly analyzer: FinnishAnalyzer,
  ) {}

  engine(): SearchEngine {
    return this.analyzer.available ? 'voikko' : 'snowball';
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const engine = this.engine();
    const none: SearchResult = { items: [], total: 0, engine };
    const seriesIds = (q.seriesIds ?? []).filter((id) => typeof id === 'string' && UUID.test(id));
    const words = queryWords(typeof q.query === 'string' ? q.query : '');
    if (seriesIds.length === 0 || words.length === 0) return none;
    const kinds = q.kinds?.length ? q.kinds.filter((k) => SEARCH_KINDS.includes(k)) : null;
    if (kinds && kinds.length === 0) return none;
    const limit = clamp(q.limit ?? DEFAULT_SEARCH_LIMIT, 1, MAX_SEARCH_LIMIT);
    const offset = clamp(q.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const groups =
      engine === 'voikko'
        ? queryLexemeGroups(this.analyzer, words, await stemUnknownWords(this.db, this.analyzer, words))
        : [];
    const tsquery = groupsToTsquery(groups);

    // Each branch of the match is a plain `column @@ query`, so the GIN indexes serve it.
    const rows: Row[] = await this.db.query(
      `WITH q AS (
         SELECT $2::tsquery AS voikko, plainto_tsquery('finnish', $3) AS fi,
                plainto_tsquery('swedish', $3) AS sv, plainto_tsquery('english', $3) AS en
       ), matched AS (
         SELECT d.id, d.kind, d.ref_id, d.series_id, d.meeting_id, d.title, d.body, d.language, d.updated_at,
                (q.voikko IS NOT NULL AND d.lexemes IS NOT NULL) AS by_lexemes,
                CASE WHEN q.voikko IS NOT NULL AND d.lexemes IS NOT NULL THEN ts_rank_cd(d.lexemes, q.voikko, 1)
                     ELSE ts_rank_cd(d.snowball, CASE d.language WHEN 'sv' THEN q.sv WHEN 'en' THEN q.en ELSE q.fi END, 1)
                END AS rank
           FROM search_document d CROSS JOIN q
          WHERE d.series_id = ANY($1::uuid[])
            AND ($4::text[] IS NULL OR d.kind = ANY($4::text[]))
            AND (d.lexemes @@ q.voikko
                 OR ((q.voikko IS NULL OR d.lexemes IS NULL)
                     AND ((d.language = 'fi' AND d.snowball @@ q.fi)
                          OR (d.language = 'sv' AND d.snowball @@ q.sv)
                          OR (d.language = 'en' AND d.snowball @@ q.en))))
       ), page AS (
         SELECT * FROM matched ORDER BY rank DESC, updated_at DESC, id LIMIT $5 OFFSET $6
       )
       SELECT c.total, p.kind, p.ref_id, p.series_id, p.meeting_id, p.title, p.body, p.by_lexemes, p.rank,
              CASE WHEN p.by_lexemes THEN NULL ELSE ts_headline(
                CASE p.language WHEN 'sv' THEN 'swedish' WHEN 'en' THEN 'english' ELSE 'finnish' END::regconfig,
                translate(p.body, E'\\x01\\x02', ''),
                CASE p.language WHEN 'sv' THEN q.sv WHEN 'en' THEN q.en ELSE q.fi END, $7)
              END AS headline
         FROM (SELECT count(*) AS total FROM matched) c
         CROSS JOIN q
         LEFT JOIN page p ON true
        ORDER BY p.rank DESC, p.updated_at DESC, p.id`,
      [seriesIds, tsquery, words.join(' '), kinds, limit, offset, HEADLINE_OPTIONS],
    );
    const total = rows.length ? Number(rows[0].total) : 0;
    const hits = rows.filter((r) => r.kind !== null);
    const bodies = hits.filter((r) => r.by_lexemes).map((r) => r.body);
    const stems = bodies.length ? await stemUnknownWords(this.db, this.analyzer, bodies) : new Map();
    const items: SearchHit[] = hits.map((r) => ({
      kind: r.kind as SearchKind,
      refId: r.ref_id,
      seriesId: r.series_id,
      meetingId: r.meeting_id,
      title: r.title,
      snippet: r.by_lexemes
        ? finnishSnippet(this.analyzer, r.body, groups, stems)
        : headlineToHtml(r.headline ?? ''),
      rank: Number(r.rank),
    }));
    return { items, total, engine };
  }
}

function clamp(n: number, min: number, max: number): number {
  const i = Number.isFinite(n) ? Math.trunc(n) : min;
  return Math.min(max, Math.max(min, i));
}
