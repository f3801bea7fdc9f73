import request from 'supertest';
import { createTestApp, TestApp } from '@kierto/testing';

/**
 * The coordinator's first hour, over HTTP: a series, four units, the rotation order, a blackout on
 * the third unit, twelve meetings proposed and confirmed. "Today" is fixed at 2026-11-25.
 */
describe('scheduling the rotating meeting (e2e)', () => {
  let t: TestApp;
  let auth: string;

  beforeAll(async () => {
    t = await createTestApp();
    auth = (await t.coordinator('coordinator@example.test', 'Kaisa Koordinaattori')).auth;
  });
  afterAll(() => t.close());

  const api = () => ({
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body?: object) =>
      request(t.http)
        .post(p)
        .set('Authorization', auth)
        .send(body ?? {}),
    patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
    put: (p: string, body?: object) =>
      request(t.http)
        .put(p)
        .set('Authorization', auth)
        .send(body ?? {}),
    del: (p: string) => request(t.http).delete(p).set('Authorization', auth),
  });

  async function createNetwork(name: string) {
    const series = await api()
      .post('/api/v1/series', {
        name,
        cadenceMonths: 1,
        dayRule: { nth: 1, weekday: 4 },
        startTime: '14:00',
        durationMinutes: 120,
        invitationLeadDays: 14,
      })
      .expect(201);
    const units = [];
    for (const unitName of ['Unit A', 'Unit B', 'Unit C', 'Unit D']) {
      const res = await api()
        .post('/api/v1/units', {
          name: `${name} ${unitName}`,
          streetAddress: `${unitName} street 1, Helsinki`,
        })
        .expect(201);
      units.push(res.body.id as string);
    }
    await api().put(`/api/v1/series/${series.body.id}/rotation`, { unitIds: units }).expect(200);
    return { seriesId: series.body.id as string, units };
  }

  it('proposes twelve meetings with the rotation, holidays, a blackout and daylight saving', async () => {
    const { seriesId, units } = await createNetwork('Helsinki');
    const [A, B, C, D] = units;
    await api()
      .post(`/api/v1/units/${C}/blackouts`, {
        startsOn: '2027-07-01',
        endsOn: '2027-07-31',
        reason: 'Summer closure',
      })
      .expect(201);

    const seen: { date: string; host: string; startsAt: string; startTime: string; moved: string[] }[] = [];
    for (let i = 0; i < 12; i++) {
      const proposed = await api().post(`/api/v1/series/${seriesId}/meetings/next`).expect(201);
      expect(proposed.body.status).toBe('draft');
      expect(proposed.body.number).toBe(i + 1);
      const confirmed = await api().post(`/api/v1/meetings/${proposed.body.id}/confirm`).expect(200);
      expect(confirmed.body.status).toBe('confirmed');
      seen.push({
        date: confirmed.body.date,
        host: confirmed.body.host.id,
        startsAt: confirmed.body.startsAt,
        startTime: confirmed.body.startTime,
        moved: confirmed.body.rotation.movedForHoliday,
      });
    }
    // First Thursdays from January 2027 (December is inside the 14-day lead time). Ascension Day
    // 2027-05-06 moves May a week on. Helsinki is UTC+2 in winter and UTC+3 from 28 March to 31 October.
    expect(seen.map((s) => s.date)).toEqual([
      '2027-01-07',
      '2027-02-04',
      '2027-03-04',
      '2027-04-01',
      '2027-05-13',
      '2027-06-03',
      '2027-07-01',
      '2027-08-05',
      '2027-09-02',
      '2027-10-07',
      '2027-11-04',
      '2027-12-02',
    ]);
    expect(seen[4].moved).toEqual(['2027-05-06']);
    expect(seen.map((s) => s.startTime)).toEqual(Array(12).fill('14:00'));
    expect(seen.map((s) => s.startsAt.slice(11, 16))).toEqual([
      '12:00',
      '12:00',
      '12:00',
      '11:00',
      '11:00',
      '11:00',
      '11:00',
      '11:00',
      '11:00',
      '11:00',
      '12:00',
      '12:00',
    ]);
    // C is closed in July: D hosts, and C takes its owed turn in August.
    expect(seen.map((s) => s.host)).toEqual([A, B, C, D, A, B, D, C, A, B, C, D]);

    const july = await api()
      .get(`/api/v1/series/${seriesId}/meetings?from=2027-07-01&to=2027-07-31`)
      .expect(200);
    expect(july.body.total).toBe(1);
    expect(july.body.items[0].rotation.skipped).toEqual([{ unitId: C, reason: 'unavailable' }]);

    // A turn counts as hosted once the meeting has taken place; until then it is scheduled.
    const rotation = await api().get(`/api/v1/series/${seriesId}/rotation`).expect(200);
    type Row = { hosted: number; scheduled: number };
    expect(rotation.body.units.map((u: Row) => [u.hosted, u.scheduled])).toEqual(Array(4).fill([0, 3]));
    const saved = t.clock.current;
    t.clock.current = new Date('2027-08-01T00:00:00Z');
    try {
      const later = await api().get(`/api/v1/series/${seriesId}/rotation`).expect(200);
      expect(later.body.units.map((u: Row) => [u.hosted, u.scheduled])).toEqual([
        [2, 1],
        [2, 1],
        [1, 2],
        [2, 1],
      ]);
    } finally {
      t.clock.current = saved;
    }
  });

  it('lets the coordinator move a meeting, override the host with a reason, and cancel', async () => {
    const { seriesId, units } = await createNetwork('Espoo');
    const draft = await api().post(`/api/v1/series/${seriesId}/meetings/next`).expect(201);
    const id = draft.body.id as string;
    await api().post(`/api/v1/meetings/${id}/confirm`).expect(200);

    const noReason = await api().patch(`/api/v1/meetings/${id}`, { hostUnitId: units[2] }).expect(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['hostOverrideReason']);

    const moved = await api()
      .patch(`/api/v1/meetings/${id}`, {
        date: '2027-01-14',
        startTime: '15:30',
        hostUnitId: units[2],
        hostOverrideReason: 'Bigger room for the joint meeting',
      })
      .expect(200);
    expect(moved.body).toMatchObject({
      date: '2027-01-14',
      startTime: '15:30',
      endTime: '17:30',
      startsAt: '2027-01-14T13:30:00.000Z',
      hostOverrideReason: 'Bigger room for the joint meeting',
      icalSequence: 1,
    });
    expect(moved.body.host.id).toBe(units[2]);

    const cancelled = await api().post(`/api/v1/meetings/${id}/cancel`, { reason: 'Water leak' }).expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      icalSequence: 2,
      cancelReason: 'Water leak',
    });
    await api().post(`/api/v1/meetings/${id}/cancel`).expect(409);
    await api().post(`/api/v1/meetings/${id}/confirm`).expect(409);
    await api().patch(`/api/v1/meetings/${id}`, { startTime: '10:00' }).expect(409);

    // The cancelled meeting does not count: the next proposal starts the rotation again from A.
    const next = await api().post(`/api/v1/series/${seriesId}/meetings/next`).expect(201);
    expect(next.body.host.id).toBe(units[0]);
    expect(next.body.number).toBe(2);
  });

  it('creates exactly one meeting for fifty concurrent "next" requests', async () => {
    const { seriesId } = await createNetwork('Vantaa');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => api().post(`/api/v1/series/${seriesId}/meetings/next`)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const list = await api().get(`/api/v1/series/${seriesId}/meetings`).expect(200);
    expect(list.body.total).toBe(1);
  });

  describe('bad input', () => {
    it.each([
      [{}, ['name', 'cadenceMonths', 'dayRule', 'startTime', 'durationMinutes']],
      [
        {
          name: 'X',
          cadenceMonths: 4,
          dayRule: { nth: 5, weekday: 8 },
          startTime: '25:00',
          durationMinutes: 120,
          timezone: 'Mars/Olympus',
        },
        ['timezone', 'cadenceMonths', 'dayRule.nth', 'dayRule.weekday', 'startTime'],
      ],
      [
        {
          name: 'X',
          cadenceMonths: 1,
          dayRule: { nth: 1, weekday: 1 },
          startTime: '14:00',
          durationMinutes: 60,
          admin: true,
        },
        ['admin'],
      ],
    ])('a series %j gets 400 naming %j', async (body, fields) => {
      const res = await api().post('/api/v1/series', body).expect(400);
      const named = res.body.errors.map((e: { field: string }) => e.field);
      expect(named.sort()).toEqual([...fields].sort());
      expect(res.body.errors.every((e: { reasons: string[] }) => e.reasons.length > 0)).toBe(true);
    });

    it('rejects a blackout that ends before it starts, and a date that does not exist', async () => {
      const unit = await api()
        .post('/api/v1/units', { name: 'Blackout unit', streetAddress: 'Street 2' })
        .expect(201);
      const backwards = await api()
        .post(`/api/v1/units/${unit.body.id}/blackouts`, { startsOn: '2027-07-31', endsOn: '2027-07-01' })
        .expect(400);
      expect(backwards.body.errors[0].field).toBe('endsOn');
      const bad = await api()
        .post(`/api/v1/units/${unit.body.id}/blackouts`, { startsOn: '2027-02-30', endsOn: '2027-03-01' })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('startsOn');
    });

    it('rejects malformed JSON with 400, not 500', async () => {
      const res = await request(t.http)
        .post('/api/v1/series')
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send('{"name": ');
      expect(res.status).toBe(400);
    });

    it('answers 404 for unknown and malformed ids', async () => {
      await api().get('/api/v1/series/7a1c6c55-7f0b-4c43-9b57-1d1f4f1b8a11').expect(404);
      await api().get('/api/v1/series/not-a-uuid').expect(404);
      await api().get('/api/v1/units/7a1c6c55-7f0b-4c43-9b57-1d1f4f1b8a11').expect(404);
      await api().post('/api/v1/meetings/7a1c6c55-7f0b-4c43-9b57-1d1f4f1b8a11/confirm').expect(404);
    });

    it('answers 409 for a duplicate unit name and for removing the last coordinator', async () => {
      await api().post('/api/v1/units', { name: 'Twice', streetAddress: 'Street 3' }).expect(201);
      await api().post('/api/v1/units', { name: 'Twice', streetAddress: 'Street 3' }).expect(409);
      const { seriesId } = await createNetwork('Turku');
      const coordinators = await api().get(`/api/v1/series/${seriesId}/coordinators`).expect(200);
      expect(coordinators.body).toHaveLength(1);
      await api().del(`/api/v1/series/${seriesId}/coordinators/${coordinators.body[0].id}`).expect(409);
    });

    it('refuses a rotation that names a unit twice or an unknown unit', async () => {
      const { seriesId, units } = await createNetwork('Oulu');
      const twice = await api()
        .put(`/api/v1/series/${seriesId}/rotation`, { unitIds: [units[0], units[0]] })
        .expect(400);
      expect(twice.body.errors[0].field).toBe('unitIds.1');
      const unknown = await api()
        .put(`/api/v1/series/${seriesId}/rotation`, {
          unitIds: [units[0], '7a1c6c55-7f0b-4c43-9b57-1d1f4f1b8a11'],
        })
        .expect(400);
      expect(unknown.body.errors[0].field).toBe('unitIds.1');
    });
  });

  describe('access', () => {
    it('needs a valid token for /api/v1 but not for /health and the docs', async () => {
      await request(t.http).get('/api/v1/series').expect(401);
      await request(t.http).get('/api/v1/series').set('Authorization', 'Bearer kt_wrong').expect(401);
      const health = await request(t.http).get('/health').expect(200);
      expect(health.body.info.database.status).toBe('up');
      const doc = await request(t.http).get('/api/docs-json').expect(200);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/series',
          '/api/v1/series/{seriesId}/meetings/next',
          '/api/v1/meetings/{meetingId}/confirm',
        ]),
      );
      expect(doc.body.components.schemas.MeetingResponse.properties.host).toBeDefined();
    });

    it("hides another coordinator's series, meetings and members behind 404", async () => {
      const { seriesId } = await createNetwork('Tampere');
      const meeting = await api().post(`/api/v1/series/${seriesId}/meetings/next`).expect(201);
      const person = await api()
        .post('/api/v1/people', { displayName: 'Mikko', kind: 'service_user' })
        .expect(201);
      await api().put(`/api/v1/series/${seriesId}/members/${person.body.id}`).expect(200);

      const other = await t.coordinator('other@example.test', 'Other');
      const as = (p: string) => request(t.http).get(p).set('Authorization', other.auth);
      await as(`/api/v1/series/${seriesId}`).expect(404);
      await as(`/api/v1/series/${seriesId}/members`).expect(404);
      await as(`/api/v1/meetings/${meeting.body.id}`).expect(404);
      await as(`/api/v1/people/${person.body.id}`).expect(404);
      await request(t.http)
        .post(`/api/v1/series/${seriesId}/meetings/next`)
        .set('Authorization', other.auth)
        .expect(404);
      const mine = await as('/api/v1/series').expect(200);
      expect(mine.body.total).toBe(0);
    });
  });

  describe('people', () => {
    it('records consent and says who may be emailed', async () => {
      const noConsent = await api()
        .post('/api/v1/people', { displayName: 'Tiina', kind: 'service_user', email: 'tiina@example.test' })
        .expect(201);
      expect(noConsent.body.emailable).toBe(false);
      const consent = await api()
        .patch(`/api/v1/people/${noConsent.body.id}`, {
          emailConsent: { givenOn: '2026-11-20', method: 'written' },
        })
        .expect(200);
      expect(consent.body).toMatchObject({
        emailable: true,
        emailConsent: { givenOn: '2026-11-20', method: 'written' },
      });
      await api()
        .post('/api/v1/people', { displayName: 'Tiina 2', kind: 'guest', email: 'TIINA@example.test' })
        .expect(409);
      const bad = await api()
        .post('/api/v1/people', { displayName: 'X', kind: 'patient', email: 'nope', preferredLanguage: 'de' })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'email',
        'kind',
        'preferredLanguage',
      ]);
    });
  });
});
