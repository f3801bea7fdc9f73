import request from 'supertest';
import { createTestApp, TestApp } from '@kierto/testing';

/**
 * Bad input to the agenda, proposal, minutes, action item and search endpoints gets a clear 4xx that
 * names the field, never a 500 and never a half-written record.
 */
describe('bad input to agendas, minutes and action items (e2e)', () => {
  let t: TestApp;
  let auth: string;
  let seriesId: string;
  let meetingId: string;
  let itemId: string;
  let actionId: string;
  let unitId: string;
  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    send: (method: 'post' | 'put' | 'patch', p: string, body: unknown) => {
      const agent = request(t.http);
      return agent[method](p)
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
    },
  };

  beforeAll(async () => {
    t = await createTestApp();
    auth = (await t.coordinator()).auth;
    seriesId = (
      await api
        .send('post', '/api/v1/series', {
          name: 'Sarja',
          cadenceMonths: 1,
          dayRule: { nth: 1, weekday: 3 },
          startTime: '10:00',
          durationMinutes: 90,
        })
        .expect(201)
    ).body.id;
    unitId = (
      await api.send('post', '/api/v1/units', { name: 'Yksikkö', streetAddress: 'Tie 1' }).expect(201)
    ).body.id;
    await api.send('put', `/api/v1/series/${seriesId}/rotation`, { unitIds: [unitId] }).expect(200);
    meetingId = (await api.send('post', `/api/v1/series/${seriesId}/meetings/next`, {}).expect(201)).body.id;
    itemId = (await api.send('post', `/api/v1/meetings/${meetingId}/agenda`, { title: 'Aihe' }).expect(201))
      .body.id;
    actionId = (
      await api
        .send('post', `/api/v1/agenda-items/${itemId}/action-items`, {
          title: 'Tehtävä',
          ownerUnitId: unitId,
          raisedBy: { kind: 'meeting' },
        })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it.each([
    ['post', 'title', () => `/api/v1/meetings/${meetingId}/agenda`, () => ({ title: '' })],
    [
      'post',
      'timeBoxMinutes',
      () => `/api/v1/meetings/${meetingId}/agenda`,
      () => ({ title: 'x', timeBoxMinutes: -5 }),
    ],
    ['patch', 'presenter', () => `/api/v1/agenda-items/${itemId}`, () => ({ presenter: 42 })],
    ['put', 'itemIds', () => `/api/v1/meetings/${meetingId}/agenda/order`, () => ({ itemIds: ['nope'] })],
    ['put', 'itemIds', () => `/api/v1/meetings/${meetingId}/agenda/order`, () => ({ itemIds: [] })],
    ['post', 'title', () => `/api/v1/series/${seriesId}/standing-topics`, () => ({ title: 'x'.repeat(201) })],
    [
      'post',
      'proposerId',
      () => `/api/v1/series/${seriesId}/proposals`,
      () => ({ title: 'ok title', proposerId: 'abc' }),
    ],
    [
      'post',
      'proposerId',
      () => `/api/v1/series/${seriesId}/proposals`,
      () => ({ title: 'ok title', proposerId: '00000000-0000-4000-8000-000000000000' }),
    ],
    [
      'post',
      'raisedBy.kind',
      () => `/api/v1/agenda-items/${itemId}/action-items`,
      () => ({ title: 'Tehtävä', ownerUnitId: unitId, raisedBy: { kind: 'x' } }),
    ],
    [
      'post',
      'raisedBy.unitId',
      () => `/api/v1/agenda-items/${itemId}/action-items`,
      () => ({ title: 'Tehtävä', ownerUnitId: unitId, raisedBy: { kind: 'unit' } }),
    ],
    [
      'post',
      'ownerUnitId',
      () => `/api/v1/agenda-items/${itemId}/action-items`,
      () => ({
        title: 'Tehtävä',
        ownerUnitId: '00000000-0000-4000-8000-000000000000',
        raisedBy: { kind: 'meeting' },
      }),
    ],
    [
      'post',
      'dueDate',
      () => `/api/v1/agenda-items/${itemId}/action-items`,
      () => ({ title: 'Tehtävä', ownerUnitId: unitId, raisedBy: { kind: 'meeting' }, dueDate: '2027-02-30' }),
    ],
    ['patch', 'status', () => `/api/v1/action-items/${actionId}`, () => ({ status: 'finished' })],
    ['patch', 'publicOutcome', () => `/api/v1/action-items/${actionId}`, () => ({ status: 'dropped' })],
    [
      'patch',
      'publicOutcome',
      () => `/api/v1/action-items/${actionId}`,
      () => ({ publicOutcome: 'x'.repeat(501) }),
    ],
    ['post', 'body', () => `/api/v1/action-items/${actionId}/comments`, () => ({ body: '   ' })],
  ] as const)('%s with a bad %s: 400 naming the field', async (method, field, path, body) => {
    const res = await api.send(method, path(), body()).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses minutes for a meeting not yet confirmed (409) and keeps nothing', async () => {
    await api.send('put', `/api/v1/meetings/${meetingId}/minutes`, {}).expect(409);
    const minutes = await api.get(`/api/v1/meetings/${meetingId}/minutes`).expect(200);
    expect(minutes.body).toEqual({ meetingId, current: null, versions: [] });
  });

  it('names bad minutes fields, and an agenda item of another meeting', async () => {
    await api.send('post', `/api/v1/meetings/${meetingId}/confirm`, {}).expect(200);
    const cases: [unknown, string][] = [
      [{ items: 'all of it' }, 'items'],
      [{ items: [{ title: '' }] }, 'items.0.title'],
      [
        { items: [{ title: 'A', agendaItemId: '00000000-0000-4000-8000-000000000000' }] },
        'items.0.agendaItemId',
      ],
      [{ attendance: { present: [{ personId: 'me' }] } }, 'attendance.present.0.personId'],
      [
        { attendance: { present: [{ personId: '00000000-0000-4000-8000-000000000000' }] } },
        'attendance.present',
      ],
      [{ privacyChecked: ['looks-fine'] }, 'privacyChecked'],
    ];
    for (const [body, field] of cases) {
      const res = await api.send('put', `/api/v1/meetings/${meetingId}/minutes`, body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const minutes = await api.get(`/api/v1/meetings/${meetingId}/minutes`).expect(200);
    expect(minutes.body.versions).toEqual([]);
  });

  it('answers search with odd characters and limits without a 500', async () => {
    for (const q of ["seula & (kokous | !hoito):* ' \\", '🙂', 'a'.repeat(200)]) {
      const res = await api.get(`/api/v1/search?q=${encodeURIComponent(q)}`).expect(200);
      expect(res.body.items).toEqual([]);
    }
    const tooLong = await api.get(`/api/v1/search?q=${'a'.repeat(201)}`).expect(400);
    expect(tooLong.body.errors[0].field).toBe('q');
    await api.get('/api/v1/search').expect(400);
  });

  it('answers a malformed JSON body with 400', async () => {
    const res = await request(t.http)
      .post(`/api/v1/meetings/${meetingId}/agenda`)
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send('{"title": ');
    expect(res.status).toBe(400);
  });
});
