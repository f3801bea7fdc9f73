import request from 'supertest';
import { MeetingService } from '@kierto/meetings';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { ProposalTask } from '../apps/worker/src/proposal.task';
import { csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

/**
 * The guided setup over HTTP: a series made with `"setup": true` (or on /series/new) proposes nothing
 * (API 409, the worker passes it over) until it is started; without it, the API starts it at once.
 * The setup's forms keep the input of a refused form; a started series' setup pages lead to its settings.
 */
describe('series setup (HTTP)', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let auth: string;
  let agent: ReturnType<typeof request.agent>;
  let csrf: string;
  const email = 'setup-http@example.test';
  const basics = {
    name: 'Kiertävä kokous, Espoo',
    cadenceMonths: 2,
    dayRule: { nth: 2, weekday: 2 },
    startTime: '14:00',
    durationMinutes: 120,
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url });
    ({ auth } = await t.coordinator(email, 'Sanna Setup'));
    agent = request.agent(t.http);
    const form = (await agent.get('/login').expect(200)).text;
    await agent
      .post('/login')
      .type('form')
      .send({ email, _csrf: csrfOf(form) })
      .expect(200);
    const link = loginPathOf((await waitForMail(sink.received, email))[0]);
    const landing = (await agent.get(link).expect(200)).text;
    await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(landing) })
      .expect(303);
    csrf = csrfOf((await agent.get('/').expect(200)).text);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const post = (path: string, body: Record<string, string> = {}) =>
    agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, ...body });
  const unit = async (name: string) =>
    (
      await request(t.http)
        .post('/api/v1/units')
        .set('Authorization', auth)
        .send({ name, streetAddress: 'Kauppakatu 1, Espoo' })
        .expect(201)
    ).body.id as string;

  it('starts an API series at once unless it asks for the setup', async () => {
    const started = await request(t.http)
      .post('/api/v1/series')
      .set('Authorization', auth)
      .send(basics)
      .expect(201);
    expect(started.body.setupCompletedAt).toEqual(expect.any(String));
    const inSetup = await request(t.http)
      .post('/api/v1/series')
      .set('Authorization', auth)
      .send({ ...basics, name: 'Asennuksessa', setup: true })
      .expect(201);
    expect(inSetup.body.setupCompletedAt).toBeNull();
    const bad = await request(t.http)
      .post('/api/v1/series')
      .set('Authorization', auth)
      .send({ ...basics, setup: 'yes' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['setup']);
    // PATCH cannot put a series back into its setup.
    await request(t.http)
      .patch(`/api/v1/series/${started.body.id}`)
      .set('Authorization', auth)
      .send({ setup: true })
      .expect(400);

    const id: string = inSetup.body.id;
    await request(t.http)
      .put(`/api/v1/series/${id}/rotation`)
      .set('Authorization', auth)
      .send({ unitIds: [await unit('Leppävaaran klinikka')] })
      .expect(200);
    const refused = await request(t.http)
      .post(`/api/v1/series/${id}/meetings/next`)
      .set('Authorization', auth)
      .expect(409);
    expect(JSON.stringify(refused.body)).toMatch(/guided setup/);
    // The worker proposes for the started series that has units, never for the one in setup.
    await request(t.http)
      .put(`/api/v1/series/${started.body.id}/rotation`)
      .set('Authorization', auth)
      .send({ unitIds: [await unit('Matinkylän klinikka')] })
      .expect(200);
    const needing = await t.app.get(MeetingService).seriesNeedingProposal(t.clock.now());
    expect(needing).toContain(started.body.id);
    expect(needing).not.toContain(id);
    expect(await new ProposalTask(t.app.get(MeetingService)).run(t.clock.now())).toBe(1);
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM meeting WHERE series_id = $1`, [
      id,
    ])) as {
      n: number;
    }[];
    expect(n).toBe(0);
  });

  it('creates a series on /series/new, keeps refused input, resumes and starts it', async () => {
    const refused = await post('/series/new', { name: '', startTime: '9' }).expect(400);
    expect(refused.text).toContain("id='basics-startTime' name='startTime' value='9'");
    expect(refused.text).toContain('basics-name-error');
    const created = await post('/series/new', {
      name: 'Kiertävä kokous, Kerava',
      cadenceMonths: '1',
      dayRuleNth: '1',
      dayRuleWeekday: '3',
      startTime: '13:00',
      durationMinutes: '90',
      defaultLanguage: 'sv',
      invitationLeadDays: '14',
      reminderDays: '3',
    }).expect(303);
    const id = /\/series\/([0-9a-f-]{36})\/setup\/units$/.exec(created.headers.location)?.[1] as string;
    expect(id).toBeTruthy();
    // The suggested standing topics, in the series' language.
    const topics = (await t.db.query(
      `SELECT id, title FROM standing_topic WHERE series_id = $1 ORDER BY position`,
      [id],
    )) as { id: string; title: string }[];
    expect(topics.map((x) => x.title)).toEqual([
      'Provtagningsrutiner',
      'Rätt till ledighet',
      'Kö till läkemedelsutdelningen',
    ]);
    const topicsPage = (await agent.get(`/series/${id}/setup/topics`).expect(200)).text;
    expect(topicsPage).toContain(`action='/series/${id}/setup/topics/${topics[1].id}/remove'`);
    await post(`/series/${id}/setup/topics/${topics[1].id}/remove`).expect(303);
    // Resuming opens the first unfinished step; "next" on the units step needs a unit.
    expect((await agent.get(`/series/${id}/setup`).expect(303)).headers.location).toBe(
      `/series/${id}/setup/units`,
    );
    const noUnit = await post(`/series/${id}/setup/continue`, { step: 'units' }).expect(400);
    expect(noUnit.text).toContain('Lisää vähintään yksi yksikkö');
    await post(`/series/${id}/setup/continue`, { step: 'nonsense' }).expect(400);
    const start = await post(`/series/${id}/setup/start`).expect(400);
    expect(start.text).toContain('Kierto tarvitsee vähintään yhden yksikön');
    await post(`/series/${id}/setup/units`, {
      name: 'Keravan klinikka',
      streetAddress: 'Asemantie 1',
    }).expect(303);
    expect((await post(`/series/${id}/setup/continue`, { step: 'units' }).expect(303)).headers.location).toBe(
      `/series/${id}/setup/people`,
    );
    expect((await agent.get(`/series/${id}/setup`).expect(303)).headers.location).toBe(
      `/series/${id}/setup/people`,
    );
    // The dashboard says the setup is not finished and links to it.
    const home = (await agent.get('/').expect(200)).text;
    expect(home).toContain(`href='/series/${id}/setup'`);
    expect(home).toContain('Luo uusi kiertävä kokous');

    const go = await post(`/series/${id}/setup/start`).expect(303);
    const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(go.headers.location)?.[1] as string;
    const agenda = (await t.db.query(`SELECT title FROM agenda_item WHERE meeting_id = $1`, [meetingId])) as {
      title: string;
    }[];
    expect(agenda.map((a) => a.title)).toEqual(
      expect.arrayContaining(['Provtagningsrutiner', 'Kö till läkemedelsutdelningen']),
    );
    expect(agenda.map((a) => a.title)).not.toContain('Rätt till ledighet');
    // Started: the setup's pages and forms lead to the settings and change nothing.
    expect((await agent.get(`/series/${id}/setup/units`).expect(303)).headers.location).toBe(
      `/series/${id}/settings`,
    );
    await post(`/series/${id}/setup/start`).expect(303);
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM meeting WHERE series_id = $1`, [
      id,
    ])) as {
      n: number;
    }[];
    expect(n).toBe(1);
  });
});
