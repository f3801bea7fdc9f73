import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@kierto/database';
import { createTestDatabase, docsOutput, itWhen } from '@kierto/testing';
import { FinnishAnalyzer } from './finnish-analyzer';
import { SearchIndex } from './search-index';
import { SearchService } from './search.service';
import { SearchKind } from './search.types';
import testSet from '../test-set/finnish.json';

interface TestDoc {
  id: string;
  kind: SearchKind;
  title: string;
  body: string;
  unrelated?: boolean;
}

interface Figures {
  engine: string;
  found: number;
  relevant: number;
  recall: number;
  /** Queries that put an unrelated document in their top 3, with those documents. */
  unrelatedInTop3: string[];
  misses: string[];
}

const docs = testSet.documents as TestDoc[];
const REPORT = docsOutput('search-quality.md');

/**
 * Measures the Finnish test set (libs/search/test-set/finnish.json) on real PostgreSQL with Voikko
 * and with the Snowball fallback, asserts the Voikko figures, and writes both to docs/search-quality.md.
 */
describe('Finnish search quality', () => {
  const voikko = new FinnishAnalyzer();
  const snowball = new FinnishAnalyzer({ libraries: false });
  let drop: () => Promise<void>;
  let ds: DataSource;
  const results: Figures[] = [];

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    if (!voikko.available) {
      console.warn(
        'Voikko is not installed (apt-get install libvoikko1 voikko-fi): the Voikko figures are skipped; only the Snowball fallback is measured.',
      );
    }
  });

  afterAll(async () => {
    if (results.length) console.log(report(results));
    // The committed figures are only rewritten by a run that measured both engines.
    if (results.length === 2) {
      fs.mkdirSync(path.dirname(REPORT), { recursive: true });
      fs.writeFileSync(REPORT, report(results));
    }
    voikko.onModuleDestroy();
    await ds?.destroy();
    await drop?.();
  });

  /** Indexes the set in a series of its own, so that the two engines do not see each other's documents. */
  async function measure(analyzer: FinnishAnalyzer): Promise<Figures> {
    const index = new SearchIndex(analyzer);
    const service = new SearchService(ds, analyzer);
    const [{ id: seriesId }] = await ds.query(
      `INSERT INTO series (name, cadence_months, day_rule_nth, day_rule_weekday, start_time, duration_minutes)
       VALUES ($1, 2, 2, 2, '14:00', 120) RETURNING id`,
      [`Laatu ${service.engine()}`],
    );
    const byRef = new Map<string, TestDoc>();
    for (const doc of docs) {
      const refId = randomUUID();
      byRef.set(refId, doc);
      await index.upsert(ds.manager, {
        seriesId,
        meetingId: null,
        kind: doc.kind,
        refId,
        title: doc.title,
        body: doc.body,
        language: 'fi',
      });
    }
    let found = 0;
    let relevant = 0;
    const unrelatedInTop3: string[] = [];
    const misses: string[] = [];
    for (const q of testSet.queries) {
      const result = await service.search({ seriesIds: [seriesId], query: q.query, limit: 100 });
      const ids = result.items.map((h) => byRef.get(h.refId)?.id);
      for (const id of q.relevant) {
        relevant++;
        if (ids.includes(id)) found++;
        else misses.push(`${q.query} → ${id}`);
      }
      const bad = result.items
        .slice(0, 3)
        .map((h) => byRef.get(h.refId))
        .filter((d) => d?.unrelated);
      if (bad.length) unrelatedInTop3.push(`${q.query}: ${bad.map((d) => d?.id).join(', ')}`);
    }
    return { engine: service.engine(), found, relevant, recall: found / relevant, unrelatedInTop3, misses };
  }

  it('measures the Snowball fallback', async () => {
    const figures = await measure(snowball);
    results.push(figures);
    expect(figures.engine).toBe('snowball');
    // Snowball finds the uninflected forms at least; far less than Voikko (the figures are in the report).
    expect(figures.found).toBeGreaterThan(0);
  });

  itWhen(voikko.available, 'Voikko is missing: apt-get install libvoikko1 voikko-fi')(
    'with Voikko: recall ≥ 0.9 and no unrelated document in any top 3',
    async () => {
      const figures = await measure(voikko);
      results.unshift(figures);
      expect(figures.engine).toBe('voikko');
      expect(figures.unrelatedInTop3).toEqual([]);
      expect(figures.recall).toBeGreaterThanOrEqual(0.9);
    },
  );
});

function report(results: Figures[]): string {
  const lines = [
    '# Search quality (Finnish)',
    '',
    'Written by `libs/search/src/search-quality.spec.ts` on every test run that has Voikko installed.',
    `Test set: \`libs/search/test-set/finnish.json\`, ${testSet.queries.length} queries, ${docs.length} documents (${docs.filter((d) => d.unrelated).length} unrelated).`,
    'Recall: the share of the listed relevant documents that the query finds.',
    '',
  ];
  for (const r of results) {
    lines.push(
      `## ${r.engine === 'voikko' ? 'Voikko (base forms and compound parts)' : 'Snowball `finnish` (the fallback)'}`,
      '',
      `- recall: ${r.recall.toFixed(3)} (${r.found} of ${r.relevant})`,
      `- queries with an unrelated document in the top 3: ${r.unrelatedInTop3.length}${r.unrelatedInTop3.length ? ` (${r.unrelatedInTop3.join('; ')})` : ''}`,
      `- missed: ${r.misses.length ? r.misses.join('; ') : 'none'}`,
      '',
    );
  }
  return lines.join('\n');
}
