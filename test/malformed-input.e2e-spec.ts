import request from 'supertest';
import { mintToken } from '@kierto/mail';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

/**
 * The security review's examples of malformed input that answered 500 (issue 9, part 7), each now a
 * 4xx with a clear body: the API's `{ errors: [{ field, reasons }] }`, a form shown again with the
 * error at its field, or a plain page. Every answer, refused or not, is sent with no-store.
 */
describe('malformed input (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let auth: string;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  let key: string;
  let rsvp: string;
  let browser: { agent: ReturnType<typeof request.agent>; csrf: string };
  const email = 'malformed-koordinaattori@example.test';

  const json = (
    method: 'post' | 'put' | 'patch',
    path: string,
    body: string,
    headers: Record<string, string> = {},
  ) => {
    const agent = request(t.http);
    let req = agent[method](path).set('Authorization', auth).set('Content-Type', 'application/json');
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body);
  };
  const rows = async (table: string) =>
    Number(((await t.db.query(`SELECT count(*) AS n FROM "${table}"`)) as { n: string }[])[0].n);

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url });
    auth = (await t.coordinator(email, 'Kaisa')).auth;
    network = await createWebNetwork(t, auth);
    await request(t.http)
      .post(`/api/v1/meetings/${network.meetingId}/confirm`)
      .set('Authorization', auth)
      .expect(200);
    key = (
      (await t.db.query(`SELECT proposal_key FROM series WHERE id = $1`, [network.seriesId])) as {
        proposal_key: string;
      }[]
    )[0].proposal_key;
    const invitation = (await t.db.query(`SELECT id FROM invitation WHERE person_id = $1`, [
      network.people.tiina,
    ])) as {
      id: string;
    }[];
    rsvp = await mintToken(t.db.manager, 'rsvp', invitation[0].id);
    const agent = request.agent(t.http);
    const form = (await agent.get('/login').expect(200)).text;
    await agent
      .post('/login')
      .type('form')
      .send({ email, _csrf: csrfOf(form) })
      .expect(200);
    const link = loginPathOf((await waitForMail(sink.received, email))[0]);
    await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf((await agent.get(link).expect(200)).text) })
      .expect(303);
    browser = { agent, csrf: csrfOf((await agent.get('/').expect(200)).text) };
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  type ApiCase = [
    string,
    'post' | 'put' | 'patch',
    () => string,
    string,
    Record<string, string>,
    number,
    string,
  ];
  it.each<ApiCase>([
    [
      'NUL in a text (no login)',
      'post',
      () => `/api/v1/public/proposals/${key}`,
      '{"title":"abc\\u0000def"}',
      {},
      400,
      'title',
    ],
    [
      'null for a required field on PATCH',
      'patch',
      () => `/api/v1/series/${network.seriesId}`,
      '{"name":null}',
      {},
      400,
      'name',
    ],
    [
      'a string where unitIds wants a list',
      'put',
      () => `/api/v1/series/${network.seriesId}/rotation`,
      '{"unitIds":"abc"}',
      {},
      400,
      'unitIds',
    ],
    [
      'a list where an object is declared',
      'put',
      () => `/api/v1/meetings/${network.meetingId}/minutes`,
      '{"attendance":[]}',
      {},
      400,
      'attendance',
    ],
    [
      'nesting 5,000 deep',
      'post',
      () => '/api/v1/series',
      deep(5000),
      {},
      400,
      'a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a',
    ],
    [
      'a body over 100 kB',
      'post',
      () => `/api/v1/public/proposals/${key}`,
      JSON.stringify({ title: 'x'.repeat(200_000) }),
      {},
      413,
      'body',
    ],
    ['JSON that is cut off', 'post', () => '/api/v1/series', '{"name":"Kiert', {}, 400, 'body'],
    [
      'an unknown charset',
      'post',
      () => '/api/v1/series',
      '{}',
      { 'Content-Type': 'application/json; charset=klingon' },
      415,
      'body',
    ],
    [
      'an unknown Content-Encoding',
      'post',
      () => '/api/v1/series',
      '{}',
      { 'Content-Encoding': 'zork' },
      415,
      'body',
    ],
    [
      'a body that is not JSON',
      'post',
      () => '/api/v1/series',
      'name=x',
      { 'Content-Type': 'text/plain' },
      415,
      'body',
    ],
  ])('API: %s answers 4xx naming the field', async (_, method, path, body, headers, status, field) => {
    const proposals = await rows('topic_proposal');
    const res = await json(method, path(), body, headers);
    expect(res.status).toBe(status);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(res.body.errors[0].reasons.length).toBeGreaterThan(0);
    expect(await rows('topic_proposal')).toBe(proposals);
  });

  it.each([
    ['NUL in the query', '/api/v1/search?q=a%00b', 'q'],
    ['a limit that is no number', '/api/v1/series?limit=abc', 'limit'],
    ['an id in the query that is no UUID', '/api/v1/search?q=ab&seriesId=nope', 'seriesId'],
    ['NUL in the path', '/api/v1/series/%00', 'path'],
  ])('API: %s → 400 naming the field', async (_, path, field) => {
    const res = await request(t.http).get(path).set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('every API answer, also a successful one, is sent with Cache-Control: no-store', async () => {
    const res = await request(t.http).get('/api/v1/series').set('Authorization', auth).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a form with a non-id comes back with the error at the field', async () => {
    // A unit outside the rotation, so that the form to add one is on the page.
    await request(t.http)
      .post('/api/v1/units')
      .set('Authorization', auth)
      .send({ name: 'Kolmas yksikkö', streetAddress: 'Tie 3' })
      .expect(201);
    const res = await browser.agent
      .post(`/series/${network.seriesId}/settings/rotation`)
      .type('form')
      .send({ unitId: 'not-a-uuid', _csrf: browser.csrf });
    expect(res.status).toBe(400);
    expect(res.headers['cache-control']).toMatch(/no-store/);
    expect(res.text).toContain("id='rotation-add-unitId-error'");
  });

  it.each(['import', 'import/commit'])(
    'a CSV with a NUL (multipart, read after the global checks) at /%s is refused at the file field',
    async (step) => {
      const page = `/series/${network.seriesId}/import`;
      const html = (await browser.agent.get(page).expect(200)).text;
      const units = await rows('unit');
      const res = await browser.agent
        .post(step === 'import' ? page : `${page}/commit`)
        .field('_csrf', csrfOf(html))
        .field('kind', 'units')
        .attach('file', Buffer.from('name;streetAddress\nNolla\u0000kohta;Tie 9\n'), 'yksikot.csv');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.text).toContain('Tiedoston pitää olla UTF-8-muotoinen CSV-tiedosto.');
      expect(await rows('unit')).toBe(units);
    },
  );

  type PageCase = [string, () => request.Test, number];
  it.each<PageCase>([
    [
      'an object as the RSVP note',
      () => request(t.http).post(`/rsvp/${rsvp}`).type('form').send('answer=yes&note[a]=1'),
      400,
    ],
    [
      'an object as the RSVP note (JSON)',
      () =>
        request(t.http)
          .post(`/rsvp/${rsvp}`)
          .send({ answer: 'yes', note: { a: 1 } }),
      400,
    ],
    [
      'NUL in a form field',
      () =>
        browser.agent
          .post(`/series/${network.seriesId}/settings/units`)
          .type('form')
          .send({ name: 'a\u0000b', streetAddress: 'Tie 1', _csrf: browser.csrf }),
      400,
    ],
    [
      'a form in an unknown charset',
      () =>
        browser.agent
          .post(`/series/${network.seriesId}/settings/units`)
          .set('Content-Type', 'application/x-www-form-urlencoded; charset=klingon')
          .send('name=x'),
      415,
    ],
    [
      'a broken gzip form',
      () =>
        browser.agent
          .post(`/series/${network.seriesId}/settings/units`)
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .set('Content-Encoding', 'gzip')
          .send('name=x'),
      400,
    ],
    [
      'a form over 100 kB',
      () =>
        request(t.http)
          .post(`/s/${key}`)
          .type('form')
          .send({ title: 'x'.repeat(150_000) }),
      413,
    ],
  ])('page: %s answers 4xx, a plain page saying what to do', async (_, send, status) => {
    const units = await rows('unit');
    const before = (await t.db.query(`SELECT answer, note FROM invitation WHERE person_id = $1`, [
      network.people.tiina,
    ])) as unknown[];
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toMatch(/no-store/);
    expect(res.text).toContain(
      'Palaa edelliselle sivulle, tarkista kirjoittamasi ja lähetä lomake uudelleen.',
    );
    expect(res.text).not.toMatch(/\bat \S+ \(|Error:/);
    expect(await rows('unit')).toBe(units);
    expect(
      await t.db.query(`SELECT answer, note FROM invitation WHERE person_id = $1`, [network.people.tiina]),
    ).toEqual(before);
  });
});
