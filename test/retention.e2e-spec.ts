import request from 'supertest';
import { PersonErasure } from '@kierto/access';
import { createTestApp, TestApp } from '@kierto/testing';
import { RETENTION, RetentionTask } from '../apps/worker/src/retention.task';

const DAY = 86_400_000;

/** The worker's retention job and erasure, on real PostgreSQL: rows past their limit go, newer ones stay. */
describe('retention of personal data (e2e)', () => {
  let t: TestApp;
  let auth: string;
  let coordinatorId: string;
  let meetingId: string;
  let personId: string;
  const now = new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  beforeAll(async () => {
    t = await createTestApp();
    ({ auth, personId: coordinatorId } = await t.coordinator('retention@example.test', 'Retention'));
    const api = (m: 'post' | 'put', p: string, body: object = {}) =>
      request(t.http)[m](p).set('Authorization', auth).send(body);
    const series = await api('post', '/api/v1/series', {
      name: 'Retention series',
      cadenceMonths: 1,
      dayRule: { nth: 2, weekday: 2 },
      startTime: '14:00',
      durationMinutes: 60,
    }).expect(201);
    const unit = await api('post', '/api/v1/units', {
      name: 'Retention unit',
      streetAddress: 'Katu 5',
    }).expect(201);
    await api('put', `/api/v1/series/${series.body.id}/rotation`, { unitIds: [unit.body.id] }).expect(200);
    meetingId = (await api('post', `/api/v1/series/${series.body.id}/meetings/next`).expect(201)).body.id;
    personId = (
      await api('post', '/api/v1/people', {
        displayName: 'Maija Muisti',
        kind: 'staff',
        email: 'maija@example.test',
      }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    t.db.query(sql, params) as Promise<T[]>;
  let key = 0;
  const mailJob = (p: { status: string; updatedAt: Date; meetingId?: string | null; person?: string }) =>
    q(
      `INSERT INTO mail_job (idempotency_key, kind, meeting_id, person_id, sequence, status, updated_at, payload)
       VALUES ($1, 'invitation', $2, $3, 0, $4, $5, '{"note":"x"}') RETURNING id`,
      [`test:${++key}`, p.meetingId ?? null, p.person ?? coordinatorId, p.status, p.updatedAt],
    ).then((r) => r[0].id as string);

  it('deletes what is past its limit, keeps the rest, and is idempotent', async () => {
    // The meeting ended long ago (its rows may go) unless a test row says otherwise.
    await q(`UPDATE meeting SET starts_at = $2, ends_at = $2 WHERE id = $1`, [meetingId, ago(200)]);
    const gone: Record<string, string[]> = {
      mail: [],
      audit: [],
      login: [],
      session: [],
      limit: [],
      link: [],
    };
    const kept: Record<string, string[]> = {
      mail: [],
      audit: [],
      login: [],
      session: [],
      limit: [],
      link: [],
    };
    const old = RETENTION.mailJobDays + 1;
    gone.mail.push(await mailJob({ status: 'sent', updatedAt: ago(old), meetingId }));
    gone.mail.push(await mailJob({ status: 'failed', updatedAt: ago(old) }));
    gone.mail.push(await mailJob({ status: 'superseded', updatedAt: ago(old), meetingId }));
    kept.mail.push(await mailJob({ status: 'sent', updatedAt: ago(RETENTION.mailJobDays - 1), meetingId }));
    kept.mail.push(await mailJob({ status: 'queued', updatedAt: ago(old) }));
    kept.mail.push(await mailJob({ status: 'retrying', updatedAt: ago(old), meetingId }));

    const audit = async (at: Date) =>
      (await q(`INSERT INTO audit_event (at, action) VALUES ($1, 'test') RETURNING id`, [at]))[0]
        .id as string;
    // More than one batch of old events.
    await q(`INSERT INTO audit_event (at, action) SELECT $1, 'bulk' FROM generate_series(1, 2500)`, [
      ago(RETENTION.auditEventDays + 10),
    ]);
    gone.audit.push(await audit(ago(RETENTION.auditEventDays + 1)));
    kept.audit.push(await audit(ago(RETENTION.auditEventDays - 1)));

    const login = async (expires: Date, used: Date | null) =>
      (
        await q(
          `INSERT INTO login_token (token_hash, person_id, expires_at, used_at) VALUES (md5(random()::text) || md5(random()::text), $1, $2, $3) RETURNING id`,
          [coordinatorId, expires, used],
        )
      )[0].id as string;
    gone.login.push(await login(ago(2), null));
    gone.login.push(await login(new Date(now.getTime() + 600_000), ago(2)));
    kept.login.push(await login(ago(0.1), null));
    kept.login.push(await login(new Date(now.getTime() + 600_000), null));

    const session = async (expires: Date, lastSeen: Date) =>
      (
        await q(
          `INSERT INTO web_session (id_hash, person_id, expires_at, last_seen_at) VALUES (md5(random()::text) || md5(random()::text), $1, $2, $3) RETURNING id_hash`,
          [coordinatorId, expires, lastSeen],
        )
      )[0].id_hash as string;
    gone.session.push(await session(ago(0.01), ago(0.02)));
    gone.session.push(await session(new Date(now.getTime() + 3_600_000), ago(1)));
    kept.session.push(await session(new Date(now.getTime() + 3_600_000), ago(0.001)));

    const limit = async (k: string, expires: Date) =>
      (
        await q(
          `INSERT INTO rate_limit (key, window_start, count, expires_at) VALUES ($1, $2, 1, $3) RETURNING key`,
          [k, ago(1), expires],
        )
      )[0].key as string;
    gone.limit.push(await limit('test-old', ago(0.01)));
    kept.limit.push(await limit('test-new', new Date(now.getTime() + 60_000)));

    const [{ id: invitationId }] = await q<{ id: string }>(
      `INSERT INTO invitation (meeting_id, person_id) VALUES ($1, $2) RETURNING id`,
      [meetingId, coordinatorId],
    );
    const link = async (purpose: string, subject: string, created: Date) =>
      (
        await q(
          `INSERT INTO access_token (token_hash, purpose, subject_id, created_at) VALUES (md5(random()::text) || md5(random()::text), $1, $2, $3) RETURNING token_hash`,
          [purpose, subject, created],
        )
      )[0].token_hash as string;
    gone.link.push(await link('rsvp', invitationId, ago(200)));
    kept.link.push(await link('calendar', coordinatorId, ago(1000)));
    kept.link.push(await link('unsubscribe', coordinatorId, ago(1000)));

    const task = new RetentionTask(t.db, t.config);
    const counts = await task.purge(now);
    expect(counts.mailJobs).toBe(3);
    expect(counts.auditEvents).toBe(2501);
    expect(counts).toMatchObject({ loginLinks: 2, sessions: 2, rateLimits: 1, rsvpLinks: 1 });

    const exists = async (table: string, column: string, ids: string[]) =>
      (
        await q<{ v: string }>(`SELECT ${column}::text AS v FROM ${table} WHERE ${column}::text = ANY($1)`, [
          ids,
        ])
      ).map((r) => r.v);
    const tables: Record<string, [string, string]> = {
      mail: ['mail_job', 'id'],
      audit: ['audit_event', 'id'],
      login: ['login_token', 'id'],
      session: ['web_session', 'id_hash'],
      limit: ['rate_limit', 'key'],
      link: ['access_token', 'token_hash'],
    };
    for (const [name, [table, column]] of Object.entries(tables)) {
      expect({ name, gone: await exists(table, column, gone[name]) }).toEqual({ name, gone: [] });
      expect({ name, kept: (await exists(table, column, kept[name])).sort() }).toEqual({
        name,
        kept: [...kept[name]].sort(),
      });
    }
    expect((await q(`SELECT 1 FROM audit_event WHERE action = 'bulk'`)).length).toBe(0);

    // Nothing more to do the second time.
    const again = await task.purge(now);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });

  it('keeps outbox rows of a meeting that is not over, however old', async () => {
    await q(`UPDATE meeting SET starts_at = $2, ends_at = $2 WHERE id = $1`, [
      meetingId,
      new Date(now.getTime() + 10 * DAY),
    ]);
    const id = await mailJob({ status: 'sent', updatedAt: ago(RETENTION.mailJobDays + 5), meetingId });
    await new RetentionTask(t.db, t.config).purge(now);
    expect(await q(`SELECT 1 FROM mail_job WHERE id = $1`, [id])).toHaveLength(1);
  });

  it('erasure removes the person’s outbox rows, sent ones too', async () => {
    const sent = await mailJob({ status: 'sent', updatedAt: ago(1), person: personId });
    const failed = await mailJob({ status: 'failed', updatedAt: ago(1), person: personId });
    const queued = await mailJob({ status: 'queued', updatedAt: ago(1), person: personId });
    const other = await mailJob({ status: 'sent', updatedAt: ago(1) });
    await t.app.get(PersonErasure).erase(personId, coordinatorId);
    const left = await q<{ id: string }>(`SELECT id FROM mail_job WHERE id = ANY($1)`, [
      [sent, failed, queued, other],
    ]);
    expect(left.map((r) => r.id)).toEqual([other]);
  });
});
