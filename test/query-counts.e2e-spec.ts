import request from 'supertest';
import { FinnishAnalyzer } from '@kierto/search/finnish-analyzer';
import { createTestApp, QueryCount, QueryCounter, TestApp } from '@kierto/testing';
import { NationalData, NationalScale, seedNational } from '../bench/http/national-data';

/**
 * The number of statements each list, the dashboard, the unit page and confirming a meeting send to
 * PostgreSQL, counted on the real database for a data set and for one with three times the rows per
 * series (and three times the series on the dashboard). A count that grows with the rows is a query
 * per row: the test fails. Guard queries (token, session, role) are counted apart: they are per
 * request and the same for every route.
 */
describe('query counts do not grow with the data (e2e, real PostgreSQL)', () => {
  const counter = new QueryCounter();
  let t: TestApp;
  let small: NationalData;
  let large: NationalData;

  const base: NationalScale = {
    series: 1,
    unitsPerSeries: 3,
    people: 10,
    meetingsPerSeries: 6,
    agendaItemsPerMeeting: 4,
    actionItems: 12,
    proposals: 6,
  };

  beforeAll(async () => {
    t = await createTestApp({}, new Date('2026-11-25T10:00:00Z'), (app) => counter.install(app));
    counter.attach(t.db);
    const analyzer = t.app.get(FinnishAnalyzer);
    const now = t.clock.now();
    small = await seedNational(t.db, base, { prefix: 'a', seed: 1, now, analyzer });
    // Three series of three times the rows each.
    large = await seedNational(
      t.db,
      {
        ...base,
        series: 3,
        people: base.people * 9,
        meetingsPerSeries: base.meetingsPerSeries * 3,
        actionItems: base.actionItems * 9,
        proposals: base.proposals * 9,
      },
      { prefix: 'b', seed: 2, now, analyzer },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const api = (auth: string, path: string) => () =>
    request(t.http).get(path).set('Authorization', auth).expect(200);
  const page = (session: string, path: string) => () =>
    request(t.http).get(path).set('Cookie', `kierto_session=${session}`).expect(200);

  async function both(
    make: (d: NationalData) => () => Promise<unknown>,
  ): Promise<{ small: QueryCount; large: QueryCount }> {
    // Once unmeasured: the first request of a token also records its use.
    await make(small)();
    await make(large)();
    return { small: await counter.measure(make(small)), large: await counter.measure(make(large)) };
  }

  const show = (c: QueryCount) => c.statements.map((s) => `${s.phase}: ${s.sql.slice(0, 160)}`).join('\n');

  function expectFlat(counts: { small: QueryCount; large: QueryCount }, budget: number): void {
    // KIERTO_QUERY_COUNTS=1 prints the counts (docs/performance.md's table) and the statements.
    if (process.env.KIERTO_QUERY_COUNTS)
      process.stderr.write(
        `${expect.getState().currentTestName}: guard ${counts.large.guard}, handler ${counts.large.handler}\n${show(counts.large)}\n\n`,
      );
    expect({ handler: counts.large.handler, statements: show(counts.large) }).toEqual({
      handler: counts.small.handler,
      statements: expect.any(String),
    });
    expect(counts.large.handler).toBeLessThanOrEqual(budget);
    // Guards cost the same whatever the route's data.
    expect(counts.large.guard).toBe(counts.small.guard);
  }

  const s0 = (d: NationalData) => d.series[d.series.length - 1];

  it.each([
    [
      'GET /api/v1/series/{id}/meetings',
      (d: NationalData) => `/api/v1/series/${s0(d).id}/meetings?limit=200`,
    ],
    ['GET /api/v1/meetings/{id}', (d: NationalData) => `/api/v1/meetings/${s0(d).nextMeetingId}`],
    ['GET /api/v1/series/{id}/minutes', (d: NationalData) => `/api/v1/series/${s0(d).id}/minutes?limit=200`],
    [
      'GET /api/v1/series/{id}/action-items?open=true',
      (d: NationalData) => `/api/v1/series/${s0(d).id}/action-items?open=true&limit=200`,
    ],
    [
      'GET /api/v1/series/{id}/you-said-we-did',
      (d: NationalData) => `/api/v1/series/${s0(d).id}/you-said-we-did`,
    ],
    ['GET /api/v1/search?q=korvaushoito', () => `/api/v1/search?q=korvaushoito`],
  ])('%s: at most 5 queries, the same for three times the rows', async (_, path) => {
    const counts = await both((d) => api(s0(d).coordinator.auth, path(d)));
    expect(counts.small.total).toBeGreaterThan(0);
    expectFlat(counts, 5);
  });

  it('the unit page: at most 10 queries, the same for three times the rows', async () => {
    const counts = await both((d) => page(s0(d).coordinator.session, `/units/${s0(d).unitIds[0]}`));
    expectFlat(counts, 10);
  });

  it('the dashboard: at most 10 queries, the same for 1 series and for 3 series of three times the rows', async () => {
    const counts = {
      small: await counter.measure(page(small.series[0].coordinator.session, '/')),
      large: await counter.measure(page(large.national.session, '/')),
    };
    expectFlat(counts, 10);
  });

  it('confirming a meeting: at most 10 queries, the same for three times the recipients', async () => {
    const confirm = (d: NationalData) => () =>
      request(t.http)
        .post(`/api/v1/meetings/${s0(d).draftMeetingId}/confirm`)
        .set('Authorization', s0(d).coordinator.auth)
        .expect(200);
    const counts = {
      small: await counter.measure(confirm(small)),
      large: await counter.measure(confirm(large)),
    };
    expect(s0(large).memberIds.length).toBeGreaterThanOrEqual(2 * s0(small).memberIds.length);
    expectFlat(counts, 10);
    // Every member with email got a message row.
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM mail_job WHERE meeting_id = $1`, [
      s0(large).draftMeetingId,
    ])) as { n: number }[];
    expect(n).toBeGreaterThan(s0(small).memberIds.length);
  });
});
