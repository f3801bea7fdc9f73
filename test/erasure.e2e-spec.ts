import request from 'supertest';
import { createTestApp, TestApp } from '@kierto/testing';

/** A person is erased (GDPR) without breaking the minutes, the histories or the proposals. */
describe('erasing a person (e2e)', () => {
  let t: TestApp;
  let auth: string;
  let seriesId: string;
  let meetingId: string;
  let minutesId: string;
  let actionId: string;
  let proposalId: string;
  const people: Record<string, string> = {};
  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
  };

  beforeAll(async () => {
    t = await createTestApp();
    const coordinator = await t.coordinator('koordinaattori@example.test', 'Kaisa');
    auth = coordinator.auth;
    people.kaisa = coordinator.personId;
    seriesId = (
      await api
        .post('/api/v1/series', {
          name: 'Kiertävä kokous',
          cadenceMonths: 1,
          dayRule: { nth: 2, weekday: 2 },
          startTime: '14:00',
          durationMinutes: 120,
        })
        .expect(201)
    ).body.id;
    const unit = (
      await api.post('/api/v1/units', { name: 'A-klinikka', streetAddress: 'Katu 1' }).expect(201)
    ).body.id;
    await api.put(`/api/v1/series/${seriesId}/rotation`, { unitIds: [unit] }).expect(200);
    for (const [key, body] of [
      [
        'mikko',
        {
          displayName: 'Mikko Mallikas',
          kind: 'service_user',
          email: 'mikko@example.test',
          emailConsent: { givenOn: '2026-11-01', method: 'written' },
        },
      ],
      [
        'sari',
        { displayName: 'Sari Sairaanhoitaja', kind: 'staff', email: 'sari@example.test', homeUnitId: unit },
      ],
    ] as const) {
      people[key] = (await api.post('/api/v1/people', body).expect(201)).body.id;
      await api.put(`/api/v1/series/${seriesId}/members/${people[key]}`).expect(200);
    }
    meetingId = (await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(201)).body.id;
    await api.post(`/api/v1/meetings/${meetingId}/confirm`).expect(200);
    proposalId = (
      await api
        .post(`/api/v1/series/${seriesId}/proposals`, { title: 'Kotiannokset', proposerId: people.mikko })
        .expect(201)
    ).body.id;
    const item = (
      await api.post(`/api/v1/meetings/${meetingId}/agenda`, { title: 'Kotiannokset' }).expect(201)
    ).body;
    actionId = (
      await api
        .post(`/api/v1/agenda-items/${item.id}/action-items`, {
          title: 'Ohje kotiannoksista',
          ownerUnitId: unit,
          assigneeId: people.sari,
          raisedBy: { kind: 'service_user', personId: people.mikko },
          notifyRaiser: true,
        })
        .expect(201)
    ).body.id;
    t.clock.current = new Date('2027-03-01T10:00:00Z');
    minutesId = (await api.put(`/api/v1/meetings/${meetingId}/minutes`, {}).expect(201)).body.id;
    await api
      .patch(`/api/v1/minutes/${minutesId}`, {
        attendance: {
          present: [{ personId: people.sari }, { personId: people.mikko, agreedToBeNamed: true }],
          unnamedServiceUsers: 1,
        },
        privacyChecked: [
          'no-treatment-details',
          'no-absent-people',
          'service-users-named-with-consent',
          'no-identifiers',
        ],
      })
      .expect(200);
    await api.post(`/api/v1/minutes/${minutesId}/approve`).expect(200);
    await api.post(`/api/v1/minutes/${minutesId}/publish`).expect(200);
  });
  afterAll(() => t.close());

  it('needs an explicit confirmation, and refuses a coordinator', async () => {
    const bad = await api.post(`/api/v1/people/${people.mikko}/erase`, {}).expect(400);
    expect(bad.body.errors[0].field).toBe('confirm');
    await api.post(`/api/v1/people/${people.kaisa}/erase`, { confirm: true }).expect(409);
  });

  it('is not possible for a coordinator of another series', async () => {
    const other = (await t.coordinator('toinen@example.test', 'Toinen')).auth;
    await request(t.http)
      .post(`/api/v1/people/${people.mikko}/erase`)
      .set('Authorization', other)
      .send({ confirm: true })
      .expect(404);
  });

  it('removes name, address and links, keeps the minutes and histories readable, and is audited', async () => {
    const erased = await api.post(`/api/v1/people/${people.mikko}/erase`, { confirm: true }).expect(200);
    expect(erased.body).toMatchObject({ displayName: 'Poistettu henkilö', email: null });
    const [row] = await t.db.query(
      `SELECT email, email_normalized, email_consent_at FROM person WHERE id = $1`,
      [people.mikko],
    );
    expect(row).toEqual({ email: null, email_normalized: null, email_consent_at: null });
    const minutes = await api.get(`/api/v1/minutes/${minutesId}`).expect(200);
    expect(minutes.body.status).toBe('published');
    expect(minutes.body.attendance.namedServiceUsers).toEqual([]);
    expect(minutes.body.attendance.serviceUserCount).toBe(2);
    expect(JSON.stringify(minutes.body)).not.toContain('Mikko');
    const action = await api.get(`/api/v1/action-items/${actionId}`).expect(200);
    expect(action.body).toMatchObject({
      raisedByPersonId: null,
      notifyRaiser: false,
      raisedByKind: 'service_user',
    });
    const proposal = await api.get(`/api/v1/proposals/${proposalId}`).expect(200);
    expect(proposal.body).toMatchObject({ proposerId: null, notifyProposer: false, title: 'Kotiannokset' });
    const members = await api.get(`/api/v1/series/${seriesId}/members`).expect(200);
    expect(members.body.items.map((m: { id: string }) => m.id)).not.toContain(people.mikko);
    const tokens = await t.db.query(
      `SELECT count(*)::int AS n FROM access_token WHERE subject_id = $1
          OR subject_id IN (SELECT id FROM invitation WHERE person_id = $1)`,
      [people.mikko],
    );
    expect(tokens[0].n).toBe(0);
    const queued = await t.db.query(
      `SELECT count(*)::int AS n FROM mail_job WHERE person_id = $1 AND status IN ('queued','retrying')`,
      [people.mikko],
    );
    expect(queued[0].n).toBe(0);
    const audit = await t.db.query(
      `SELECT actor_person_id, subject, details FROM audit_event WHERE action = 'erasure'`,
    );
    expect(audit).toEqual([
      { actor_person_id: people.kaisa, subject: `person:${people.mikko}`, details: {} },
    ]);
  });
});
