import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FinnishAnalyzer } from './finnish-analyzer';
import { SEARCH_KINDS } from './search-document.entity';
import { SearchDocInput, SearchKind, SearchLanguage } from './search.types';
import { documentVector, stemUnknownWords } from './text-search';

/** PostgreSQL's text search configuration per language. */
export const SNOWBALL_CONFIG: Record<SearchLanguage, string> = {
  fi: 'finnish',
  sv: 'swedish',
  en: 'english',
};

/**
 * Writes the search index. The domain code calls it with its own EntityManager, inside the
 * transaction that changes the minutes or items, so the index never disagrees with what committed.
 */
@Injectable()
export class SearchIndex {
  constructor(private readonly analyzer: FinnishAnalyzer) {}

  async upsert(em: EntityManager, doc: SearchDocInput): Promise<void> {
    const config = SNOWBALL_CONFIG[doc.language];
    if (!config) throw new Error(`Unsupported search language: ${String(doc.language)}`);
    if (!SEARCH_KINDS.includes(doc.kind)) throw new Error(`Unsupported search kind: ${String(doc.kind)}`);
    // Without Voikko a Finnish document keeps no lexemes and is found through Snowball, even after
    // Voikko is installed, until it is written again.
    let lexemes: string | null = null;
    if (doc.language === 'fi' && this.analyzer.available) {
      const stems = await stemUnknownWords(em, this.analyzer, [doc.title, doc.body]);
      lexemes = documentVector(this.analyzer, doc.title, doc.body, stems);
    }
    await em.query(
      `INSERT INTO search_document (series_id, meeting_id, kind, ref_id, title, body, language, lexemes, snowball)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::tsvector,
               setweight(to_tsvector($9::regconfig, $5), 'A') || to_tsvector($9::regconfig, $6))
       ON CONFLICT (kind, ref_id) DO UPDATE SET
         series_id = EXCLUDED.series_id, meeting_id = EXCLUDED.meeting_id, title = EXCLUDED.title,
         body = EXCLUDED.body, language = EXCLUDED.language, lexemes = EXCLUDED.lexemes,
         snowball = EXCLUDED.snowball, updated_at = now()`,
      [doc.seriesId, doc.meetingId, doc.kind, doc.refId, doc.title, doc.body, doc.language, lexemes, config],
    );
  }

  async remove(em: EntityManager, kind: SearchKind, refId: string): Promise<void> {
    await em.query(`DELETE FROM search_document WHERE kind = $1 AND ref_id = $2`, [kind, refId]);
  }
}
