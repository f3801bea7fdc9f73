import request from 'supertest';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

type Agent = ReturnType<typeof request.agent>;

/**
 * The access rules the matrix cannot show in one cell: staff on the API with their session (CSRF
 * header, no drafts, only their unit's action items), the public "you said, we did" switch, and the
 * audit log of role changes and views of contact details.
 */
describe('roles, public feedback and the audit log (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let auth: string;
  let coordinatorId: string;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  let units: string[];
  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
    patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
    delete: (p: string) => request(t.http).delete(p).set('Authorization', auth),
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, PUBLIC_URL: 'http://kierto.test' });
    ({ auth, personId: coordinatorId } = await t.coordinator('kaisa@example.test', 'Kaisa'));
    network = await createWebNetwork(t, auth);
    units = (await api.get(`/api/v1/series/${network.seriesId}/rotation`).expect(200)).body.units.map(
      (u: { unitId?: string; id?: string }) => u.unitId ?? u.id,
    );
    // Anna works at the first unit, Erik at the second.
    await api.patch(`/api/v1/people/${network.people.anna}`, { homeUnitId: units[0] }).expect(200);
    await api.patch(`/api/v1/people/${network.people.erik}`, { homeUnitId: units[1] }).expect(200);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** A staff member's browser after logging in by the emailed link; `csrf` from their page. */
  async function logIn(email: string): Promise<{ agent: Agent; csrf: string }> {
    const agent = request.agent(t.http);
    const before = sink.received.filter((m) => m.to === email).length;
    const form = (await agent.get('/login').expect(200)).text;
    await agent
      .post('/login')
      .type('form')
      .send({ email, _csrf: csrfOf(form) })
      .expect(200);
    const mails = await waitForMail(sink.received, email, before + 1);
    const link = loginPathOf(mails[mails.length - 1]);
    const landing = (await agent.get(link).expect(200)).text;
    await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(landing) })
      .expect(303);
    return { agent, csrf: csrfOf((await agent.get('/').expect(200)).text) };
  }

  const audit = async (action: string) =>
    (await t.db.query(
      `SELECT actor_person_id, subject, details FROM audit_event WHERE action = $1 ORDER BY at`,
      [action],
    )) as { actor_person_id: string; subject: string; details: Record<string, unknown> }[];

  it('staff use the API with their session: reads yes, changes only with the CSRF header and for their unit', async () => {
    const item = await api
      .post(`/api/v1/meetings/${network.meetingId}/agenda`, { title: 'Lomaoikeudet' })
      .expect(201);
    const raise = (ownerUnitId: string) =>
      api
        .post(`/api/v1/agenda-items/${item.body.id}/action-items`, {
          title: 'Käytännöt kirjataan',
          ownerUnitId,
          raisedBy: { kind: 'meeting' },
        })
        .expect(201);
    const annas = (await raise(units[0])).body.id;
    const eriks = (await raise(units[1])).body.id;
    const anna = await logIn(network.emails.anna);

    const agenda = await anna.agent.get(`/api/v1/meetings/${network.meetingId}/agenda`).expect(200);
    expect(agenda.body.items.map((i: { title: string }) => i.title)).toContain('Lomaoikeudet');
    await anna.agent.get(`/api/v1/series/${network.seriesId}/action-items`).expect(200);
    // Coordinators' things stay theirs: a record that is not for you is 404, whatever the reason.
    await anna.agent.get(`/api/v1/series/${network.seriesId}/members`).expect(404);
    // A route of no one series, for coordinators only: 403.
    await anna.agent.post('/api/v1/series').set('X-CSRF-Token', anna.csrf).send({}).expect(403);

    const done = { status: 'done', publicOutcome: 'Käytännöt ovat nyt verkossa.' };
    // A cookie alone is not enough for a change: another site could send it.
    await anna.agent.patch(`/api/v1/action-items/${annas}`).send(done).expect(403);
    await anna.agent
      .patch(`/api/v1/action-items/${annas}`)
      .set('X-CSRF-Token', 'made-up')
      .send(done)
      .expect(403);
    const changed = await anna.agent
      .patch(`/api/v1/action-items/${annas}`)
      .set('X-CSRF-Token', anna.csrf)
      .send(done)
      .expect(200);
    expect(changed.body.status).toBe('done');
    // Erik's unit's item: Anna may read it, not change it.
    await anna.agent.get(`/api/v1/action-items/${eriks}`).expect(200);
    await anna.agent
      .patch(`/api/v1/action-items/${eriks}`)
      .set('X-CSRF-Token', anna.csrf)
      .send(done)
      .expect(404);
    await anna.agent
      .post(`/api/v1/action-items/${eriks}/comments`)
      .set('X-CSRF-Token', anna.csrf)
      .send({ body: 'Hei' })
      .expect(404);
    expect((await api.get(`/api/v1/action-items/${eriks}`).expect(200)).body.status).toBe('open');
  });

  it('staff see circulated and published minutes, never a draft', async () => {
    await api.post(`/api/v1/meetings/${network.meetingId}/confirm`).expect(200);
    const draft = await api.put(`/api/v1/meetings/${network.meetingId}/minutes`, {}).expect(201);
    const anna = await logIn(network.emails.anna);
    await anna.agent.get(`/api/v1/minutes/${draft.body.id}`).expect(404);
    await anna.agent.get(`/api/v1/minutes/${draft.body.id}/comments`).expect(404);
    const hidden = await anna.agent.get(`/api/v1/meetings/${network.meetingId}/minutes`).expect(200);
    expect(hidden.body).toMatchObject({ current: null, versions: [] });
    const coordinatorView = await api.get(`/api/v1/meetings/${network.meetingId}/minutes`).expect(200);
    expect(coordinatorView.body.current.id).toBe(draft.body.id);

    await api
      .patch(`/api/v1/minutes/${draft.body.id}`, {
        privacyChecked: [
          'no-treatment-details',
          'no-absent-people',
          'service-users-named-with-consent',
          'no-identifiers',
        ],
      })
      .expect(200);
    await api.post(`/api/v1/minutes/${draft.body.id}/circulate`).expect(200);
    const shown = await anna.agent.get(`/api/v1/meetings/${network.meetingId}/minutes`).expect(200);
    expect(shown.body.current).toMatchObject({ id: draft.body.id, status: 'circulated' });
    await anna.agent
      .post(`/api/v1/minutes/${draft.body.id}/comments`)
      .set('X-CSRF-Token', anna.csrf)
      .send({ body: 'Kohta 1 on hyvä.' })
      .expect(201);
    // Still the coordinator's to approve.
    await anna.agent
      .post(`/api/v1/minutes/${draft.body.id}/approve`)
      .set('X-CSRF-Token', anna.csrf)
      .send({})
      .expect(404);
  });

  it('the "you said, we did" notice is 404 to visitors until the series makes it public', async () => {
    const link = await api.get(`/api/v1/series/${network.seriesId}/proposal-link`).expect(200);
    const notice = new URL(link.body.noticeUrl as string).pathname;
    const form = new URL(link.body.proposalUrl as string).pathname;
    expect((await api.get(`/api/v1/series/${network.seriesId}`).expect(200)).body.publicFeedback).toBe(false);
    await request(t.http).get(notice).expect(404);
    await request(t.http).get(form).expect(200);
    // Its own coordinators and staff see it anyway.
    const anna = await logIn(network.emails.anna);
    await anna.agent.get(notice).expect(200);
    const other = await t.coordinator('toinen@example.test', 'Toinen');
    const otherSeries = await request(t.http)
      .post('/api/v1/series')
      .set('Authorization', other.auth)
      .send({
        name: 'Muu sarja',
        cadenceMonths: 1,
        dayRule: { nth: 1, weekday: 1 },
        startTime: '10:00',
        durationMinutes: 60,
      })
      .expect(201);
    expect(otherSeries.body.publicFeedback).toBe(false);

    const patched = await api
      .patch(`/api/v1/series/${network.seriesId}`, { publicFeedback: true })
      .expect(200);
    expect(patched.body.publicFeedback).toBe(true);
    const open = await request(t.http).get(notice).expect(200);
    expect(open.text).toContain('Kiertävä kokous, Vantaa');
    await api.patch(`/api/v1/series/${network.seriesId}`, { publicFeedback: false }).expect(200);
    await request(t.http).get(notice).expect(404);
    await api.patch(`/api/v1/series/${network.seriesId}`, { publicFeedback: 'yes' }).expect(400);
  });

  it('audits role changes and every view of contact details, with ids and never the details', async () => {
    const sami = await api
      .post('/api/v1/people', { displayName: 'Sami Salo', kind: 'staff', email: 'sami.salo@example.test' })
      .expect(201);
    await api.put(`/api/v1/series/${network.seriesId}/coordinators/${sami.body.id}`).expect(200);
    await api.delete(`/api/v1/series/${network.seriesId}/coordinators/${sami.body.id}`).expect(204);
    // Refused requests leave no event.
    await api.delete(`/api/v1/series/${network.seriesId}/coordinators/${sami.body.id}`).expect(404);

    expect(await audit('coordinator-added')).toEqual([
      {
        actor_person_id: coordinatorId,
        subject: `person:${sami.body.id}`,
        details: { seriesId: network.seriesId },
      },
    ]);
    expect(await audit('coordinator-removed')).toEqual([
      {
        actor_person_id: coordinatorId,
        subject: `person:${sami.body.id}`,
        details: { seriesId: network.seriesId },
      },
    ]);

    const before = (await audit('contact-details-viewed')).length;
    await api.get(`/api/v1/people/${network.people.tiina}`).expect(200);
    const members = await api.get(`/api/v1/series/${network.seriesId}/members`).expect(200);
    await api.get(`/api/v1/people?seriesId=${network.seriesId}`).expect(200);
    await api.get(`/api/v1/series/${network.seriesId}/coordinators`).expect(200);
    const views = (await audit('contact-details-viewed')).slice(before);
    expect(views).toHaveLength(4);
    expect(views[0]).toEqual({
      actor_person_id: coordinatorId,
      subject: `person:${network.people.tiina}`,
      details: { count: 1, personIds: network.people.tiina },
    });
    expect(views[1].subject).toBe(`series:${network.seriesId}`);
    expect(String(views[1].details.personIds).split(',').sort()).toEqual(
      members.body.items.map((m: { id: string }) => m.id).sort(),
    );
    expect(views[3].details).toEqual({ count: 1, personIds: coordinatorId });
    const all = JSON.stringify(await t.db.query(`SELECT subject, details FROM audit_event`));
    for (const secret of ['@example.test', 'Tiina', 'Sami Salo', 'Kaisa']) expect(all).not.toContain(secret);
  });

  it('audits an export through the hook', async () => {
    const { AuditService } = await import('@kierto/access');
    await t.app.get(AuditService).recordExport(coordinatorId, 'people-csv', `series:${network.seriesId}`, 3);
    expect(await audit('export')).toEqual([
      {
        actor_person_id: coordinatorId,
        subject: `series:${network.seriesId}`,
        details: { what: 'people-csv', rows: 3 },
      },
    ]);
  });
});
