import { Client } from 'pg';
import request from 'supertest';
import { createTestApp, TestApp } from '@kierto/testing';

/**
 * While PostgreSQL cannot be reached, the api answers 503 with Retry-After (JSON on the API, a plain
 * page on the pages, no stack), and answers normally again once the database is back, without a
 * restart. The test app's own database is made unreachable: its connections are terminated and new
 * ones refused (ALLOW_CONNECTIONS false), then allowed again.
 */
describe('the database away (e2e)', () => {
  let t: TestApp;
  let auth: string;
  let seriesId: string;
  let key: string;
  let admin: Client;
  let dbName: string;

  const away = async () => {
    await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [dbName],
    );
  };
  const back = () => admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);

  beforeAll(async () => {
    t = await createTestApp();
    auth = (await t.coordinator()).auth;
    seriesId = (
      await request(t.http)
        .post('/api/v1/series')
        .set('Authorization', auth)
        .send({
          name: 'Sarja',
          cadenceMonths: 1,
          dayRule: { nth: 1, weekday: 3 },
          startTime: '10:00',
          durationMinutes: 90,
        })
        .expect(201)
    ).body.id;
    key = (
      (await t.db.query(`SELECT proposal_key FROM series WHERE id = $1`, [seriesId])) as {
        proposal_key: string;
      }[]
    )[0].proposal_key;
    dbName = new URL(t.config.DATABASE_URL!).pathname.slice(1);
    admin = new Client({ connectionString: process.env.KIERTO_TEST_ADMIN_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await back().catch(() => undefined);
    await admin?.end();
    await t?.close();
  });

  it('answers 503 with Retry-After on the API and the pages, then 200 again when the database is back', async () => {
    const visitor = request.agent(t.http);
    const csrf = /name=['"]_csrf['"] value=['"]([\w-]+)['"]/.exec(
      (await visitor.get(`/s/${key}`).expect(200)).text,
    )![1];
    await away();
    try {
      const read = await request(t.http).get('/api/v1/series').set('Authorization', auth);
      expect(read.status).toBe(503);
      expect(read.headers['retry-after']).toBe('30');
      expect(read.headers['content-type']).toMatch(/application\/json/);
      expect(read.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(read.text).not.toMatch(/ at |ECONN|terminat/);

      const write = await request(t.http)
        .patch(`/api/v1/series/${seriesId}`)
        .set('Authorization', auth)
        .send({ name: 'Uusi nimi' });
      expect(write.status).toBe(503);
      expect(write.headers['retry-after']).toBe('30');

      // A public page (the anonymous proposal form) and a page behind a session cookie.
      for (const page of [
        request(t.http).get(`/s/${key}`),
        request(t.http).get('/').set('Cookie', 'kierto_session=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'),
        visitor.post(`/s/${key}`).type('form').send({ title: 'Aihe', _csrf: csrf }),
      ]) {
        const res = await page;
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('30');
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.text).toContain('Palvelu on hetken poissa käytöstä. Yritä uudelleen minuutin kuluttua.');
        expect(res.text).toContain('Försök igen om en minut.');
        expect(res.text).toContain('Please try again in a minute.');
        expect(res.text).not.toMatch(/ at |Error|ECONN/);
      }
      expect((await request(t.http).get('/health')).status).toBe(503);
    } finally {
      await back();
    }

    // The pool makes new connections by itself: no restart.
    const again = await request(t.http).get('/api/v1/series').set('Authorization', auth);
    expect(again.status).toBe(200);
    expect(again.body.total).toBe(1);
    expect((await request(t.http).get(`/s/${key}`)).status).toBe(200);
    await request(t.http)
      .patch(`/api/v1/series/${seriesId}`)
      .set('Authorization', auth)
      .send({ name: 'Uusi nimi' })
      .expect(200);
  });
});
