import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@kierto/database';
import { createTestDatabase, itWhen } from '@kierto/testing';
import { FinnishAnalyzer } from './finnish-analyzer';
import { SearchIndex } from './search-index';
import { SearchService } from './search.service';
import { SearchDocInput } from './search.types';

/** SearchIndex and SearchService on real PostgreSQL, with Voikko when installed and without it. */
describe('SearchService', () => {
  const voikko = new FinnishAnalyzer();
  const snowball = new FinnishAnalyzer({ libraries: false });
  let drop: () => Promise<void>;
  let ds: DataSource;
  let index: SearchIndex;
  let service: SearchService;
  let seriesA: string;
  let seriesB: string;

  async function createSeries(name: string): Promise<string> {
    const [{ id }] = await ds.query(
      `INSERT INTO series (name, cadence_months, day_rule_nth, day_rule_weekday, start_time, duration_minutes)
       VALUES ($1, 2, 2, 2, '14:00', 120) RETURNING id`,
      [name],
    );
    return id;
  }

  function doc(seriesId: string, fields: Partial<SearchDocInput> = {}): SearchDocInput {
    return {
      seriesId,
      meetingId: null,
      kind: 'agenda_item',
      refId: randomUUID(),
      title: 'Otsikko',
      body: '',
      language: 'fi',
      ...fields,
    };
  }

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    index = new SearchIndex(voikko);
    service = new SearchService(ds, voikko);
    seriesA = await createSeries('A');
    seriesB = await createSeries('B');
  });

  afterAll(async () => {
    voikko.onModuleDestroy();
    await ds?.destroy();
    await drop?.();
  });

  describe('series isolation', () => {
    it('returns only documents of the given series, and nothing for none', async () => {
      const a = doc(seriesA, { title: 'Lomaoikeudet', body: 'Lomaoikeuksista sovittiin.' });
      const b = doc(seriesB, { title: 'Lomaoikeudet', body: 'Lomaoikeuksista sovittiin toisin.' });
      await index.upsert(ds.manager, a);
      await index.upsert(ds.manager, b);

      const onlyA = await service.search({ seriesIds: [seriesA], query: 'lomaoikeudet' });
      expect(onlyA.items.map((h) => h.refId)).toEqual([a.refId]);
      expect(onlyA.total).toBe(1);
      const both = await service.search({ seriesIds: [seriesA, seriesB], query: 'lomaoikeudet' });
      expect(both.items.map((h) => h.refId).sort()).toEqual([a.refId, b.refId].sort());
      expect(await service.search({ seriesIds: [], query: 'lomaoikeudet' })).toMatchObject({
        items: [],
        total: 0,
      });
      // Something that is not an id is ignored rather than failing the query.
      const bad = await service.search({
        seriesIds: ['not-a-uuid', `${seriesB}' OR true --`],
        query: 'lomaoikeudet',
      });
      expect(bad.items).toEqual([]);
    });

    it('cannot be widened by anything in the query text', async () => {
      for (const query of [`lomaoikeudet' | 'x`, `lomaoikeudet') | ('`, `lomaoikeudet:* | !x`]) {
        const r = await service.search({ seriesIds: [seriesA], query });
        expect(r.items.every((h) => h.seriesId === seriesA)).toBe(true);
      }
    });
  });

  describe('hostile input', () => {
    const inputs = [
      `&|!():*'`,
      `kokous & | ! ( ) : * '`,
      `'; DROP TABLE search_document; --`,
      `\\`,
      `kokous:*`,
      `((((`,
      `<->`,
      `"'"''`,
      `kokous <-> palaute`,
      'a'.repeat(5000),
      '\u0000 kokous',
      '   ',
    ];

    it.each(inputs.map((q) => [q.slice(0, 40), q]))('answers %j without an error', async (_name, query) => {
      for (const s of [service, new SearchService(ds, snowball)]) {
        await expect(s.search({ seriesIds: [seriesA], query })).resolves.toHaveProperty('total');
      }
    });

    it('still has its table and documents afterwards', async () => {
      const r = await service.search({ seriesIds: [seriesA], query: 'lomaoikeudet' });
      expect(r.total).toBe(1);
    });

    it('indexes texts full of punctuation and quotes', async () => {
      const d = doc(seriesA, {
        title: `O'Brien \\ & | ! :*`,
        body: `"kotiannos" '' <script>alert(1)</script>`,
      });
      await index.upsert(ds.manager, d);
      const r = await service.search({ seriesIds: [seriesA], query: 'script kotiannos' });
      expect(r.items.map((h) => h.refId)).toEqual([d.refId]);
      expect(r.items[0].snippet).not.toContain('<script>');
      expect(r.items[0].snippet).toContain('&lt;');
      expect(r.items[0].snippet).toContain('<mark>');
      await index.remove(ds.manager, 'agenda_item', d.refId);
    });
  });

  describe('matching and snippets', () => {
    let minutes: SearchDocInput;

    beforeAll(async () => {
      minutes = doc(seriesA, {
        kind: 'minutes',
        title: 'Muistio',
        body: 'Kokouksissa on puhuttu paljon. Yksiköiden seulontakäytännöistä sovittiin, että näytteet otetaan satunnaisesti.',
      });
      await index.upsert(ds.manager, minutes);
    });

    it('tells which engine is active', () => {
      expect(service.engine()).toBe(voikko.available ? 'voikko' : 'snowball');
      expect(new SearchService(ds, snowball).engine()).toBe('snowball');
    });

    itWhen(voikko.available, 'Voikko is missing: apt-get install libvoikko1 voikko-fi')(
      'finds inflected forms and compound parts, and marks them',
      async () => {
        const r = await service.search({ seriesIds: [seriesA], query: 'seulonta kokous' });
        expect(r.engine).toBe('voikko');
        expect(r.items.map((h) => h.refId)).toEqual([minutes.refId]);
        expect(r.items[0].snippet).toContain('<mark>Kokouksissa</mark>');
        expect(r.items[0].snippet).toContain('<mark>seulontakäytännöistä</mark>');
      },
    );

    it('needs every query word', async () => {
      const r = await service.search({ seriesIds: [seriesA], query: 'seulontakäytännöistä kirahvi' });
      expect(r.items).toEqual([]);
    });

    it('ranks a title match above a body match', async () => {
      const inTitle = doc(seriesA, { title: 'Jonotus', body: 'Tilanne on ennallaan.' });
      const inBody = doc(seriesA, { title: 'Muuta', body: 'Lyhyesti jonotus on ennallaan.' });
      await index.upsert(ds.manager, inBody);
      await index.upsert(ds.manager, inTitle);
      const r = await service.search({ seriesIds: [seriesA], query: 'jonotus' });
      expect(r.items.map((h) => h.refId)).toEqual([inTitle.refId, inBody.refId]);
      expect(r.items[0].rank).toBeGreaterThan(r.items[1].rank);
    });

    it('falls back to Snowball, which finds the same stem', async () => {
      const fallback = new SearchService(ds, snowball);
      const r = await fallback.search({ seriesIds: [seriesA], query: 'yksiköiden' });
      expect(r.engine).toBe('snowball');
      expect(r.items.map((h) => h.refId)).toEqual([minutes.refId]);
      expect(r.items[0].snippet).toContain('<mark>Yksiköiden</mark>');
    });

    it('finds a Finnish document indexed without Voikko, whichever engine searches', async () => {
      const d = doc(seriesA, { title: 'Apteekkiyhteistyö', body: 'Apteekkien kanssa sovitaan.' });
      await new SearchIndex(snowball).upsert(ds.manager, d);
      const [{ lexemes }] = await ds.query(`SELECT lexemes FROM search_document WHERE ref_id = $1`, [
        d.refId,
      ]);
      expect(lexemes).toBeNull();
      const r = await service.search({ seriesIds: [seriesA], query: 'apteekkiyhteistyö' });
      expect(r.items.map((h) => h.refId)).toEqual([d.refId]);
    });

    it('uses the swedish and english configurations for those languages', async () => {
      const sv = doc(seriesA, { language: 'sv', title: 'Möte', body: 'Mötena hålls i olika enheter.' });
      const en = doc(seriesA, {
        language: 'en',
        title: 'Take-home doses',
        body: 'The meetings discussed doses.',
      });
      await index.upsert(ds.manager, sv);
      await index.upsert(ds.manager, en);
      const svHits = await service.search({ seriesIds: [seriesA], query: 'enheterna' });
      expect(svHits.items.map((h) => h.refId)).toEqual([sv.refId]);
      expect(svHits.items[0].snippet).toContain('<mark>enheter</mark>');
      const enHits = await service.search({ seriesIds: [seriesA], query: 'meeting' });
      expect(enHits.items.map((h) => h.refId)).toEqual([en.refId]);
      expect(enHits.items[0].snippet).toBe('The <mark>meetings</mark> discussed doses.');
    });
  });

  describe('index maintenance', () => {
    it('updates a document in place and removes it', async () => {
      const d = doc(seriesA, { kind: 'action_item', title: 'Naloksonikoulutus', body: 'Keväällä.' });
      await index.upsert(ds.manager, d);
      await index.upsert(ds.manager, { ...d, title: 'Perehdytys', body: 'Syksyllä.' });
      expect(await service.search({ seriesIds: [seriesA], query: 'naloksonikoulutus' })).toMatchObject({
        total: 0,
      });
      const r = await service.search({ seriesIds: [seriesA], query: 'perehdytys' });
      expect(r.items.map((h) => h.refId)).toEqual([d.refId]);
      expect(r.items[0]).toMatchObject({ kind: 'action_item', title: 'Perehdytys', meetingId: null });
      await index.remove(ds.manager, 'action_item', d.refId);
      expect(await service.search({ seriesIds: [seriesA], query: 'perehdytys' })).toMatchObject({ total: 0 });
    });

    it('writes inside the caller’s transaction', async () => {
      const d = doc(seriesA, { title: 'Palautekysely', body: 'Palautetta kerätään.' });
      await expect(
        ds.transaction(async (em) => {
          await index.upsert(em, d);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(await service.search({ seriesIds: [seriesA], query: 'palautekysely' })).toMatchObject({
        total: 0,
      });
    });

    it('filters by kind and pages with a total', async () => {
      const series = await createSeries('Sivutus');
      const kinds = ['minutes', 'agenda_item', 'action_item', 'agenda_item'] as const;
      for (const kind of kinds) await index.upsert(ds.manager, doc(series, { kind, title: 'Vertaistuki' }));
      const agenda = await service.search({
        seriesIds: [series],
        query: 'vertaistuki',
        kinds: ['agenda_item'],
      });
      expect(agenda.total).toBe(2);
      expect(agenda.items.every((h) => h.kind === 'agenda_item')).toBe(true);
      const page = await service.search({ seriesIds: [series], query: 'vertaistuki', limit: 3, offset: 2 });
      expect(page).toMatchObject({ total: 4 });
      expect(page.items).toHaveLength(2);
      const past = await service.search({ seriesIds: [series], query: 'vertaistuki', offset: 10 });
      expect(past).toMatchObject({ items: [], total: 4 });
    });

    it('is deleted with its series', async () => {
      const series = await createSeries('Poistuva');
      await index.upsert(ds.manager, doc(series, { title: 'Asunnottomuus' }));
      await ds.query(`DELETE FROM series WHERE id = $1`, [series]);
      const [{ count }] = await ds.query(
        `SELECT count(*)::int AS count FROM search_document WHERE series_id = $1`,
        [series],
      );
      expect(count).toBe(0);
    });
  });
});
