import request from 'supertest';
import { MailDispatcher } from '@kierto/mail';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

type Agent = ReturnType<typeof request.agent>;

/**
 * "Why is the meeting not on its usual day", where people read it: the meeting page, the dashboard
 * card and the invitation (fi and sv); and the meeting page's move form asking before a holiday.
 * "Today" is 2026-11-25; the 4th Thursday of December 2026 is Christmas Eve and a week later is
 * New Year's Eve, so the meeting is proposed for 17.12.
 */
describe('why a meeting moved, on the pages and in the invitation (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let auth: string;
  let me: Agent;
  let seriesId: string;
  let meetingId: string;
  const WHY_FI =
    'Kokous on viikkoa aiempana kuin tavallisesti, koska 24.12. on jouluaatto ja 31.12. on uudenvuodenaatto.';
  const WHY_SV =
    'Mötet är en vecka tidigare än vanligt, eftersom 24.12. är julafton och 31.12. är nyårsafton.';

  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
  };

  async function logIn(email: string): Promise<Agent> {
    const agent = request.agent(t.http);
    const login = (await agent.get('/login').expect(200)).text;
    await agent
      .post('/login')
      .type('form')
      .send({ email, _csrf: csrfOf(login) })
      .expect(200);
    const link = loginPathOf((await waitForMail(sink.received, email))[0]);
    const confirm = (await agent.get(link).expect(200)).text;
    await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(confirm) })
      .expect(303);
    return agent;
  }

  async function postMove(form: Record<string, string | string[]>) {
    const page = (await me.get(`/meetings/${meetingId}`).expect(200)).text;
    return me
      .post(`/meetings/${meetingId}/move`)
      .type('form')
      .send({ date: '2026-12-17', start: '14:00', duration: '120', host: '', ...form, _csrf: csrfOf(page) });
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, PUBLIC_URL: 'http://kierto.test' });
    auth = (await t.coordinator('kaisa@example.test', 'Kaisa')).auth;
    const s = await api
      .post('/api/v1/series', {
        name: 'Joulukokous',
        cadenceMonths: 1,
        dayRule: { nth: 4, weekday: 4 },
        startTime: '14:00',
        durationMinutes: 120,
        invitationLeadDays: 14,
      })
      .expect(201);
    seriesId = s.body.id;
    const unit = await api
      .post('/api/v1/units', { name: 'A-klinikka', streetAddress: 'Hämeentie 1' })
      .expect(201);
    await api.put(`/api/v1/series/${seriesId}/rotation`, { unitIds: [unit.body.id] }).expect(200);
    for (const [name, lang] of [
      ['anna', 'fi'],
      ['erik', 'sv'],
    ]) {
      const p = await api
        .post('/api/v1/people', {
          displayName: name,
          kind: 'staff',
          email: `${name}@example.test`,
          preferredLanguage: lang,
        })
        .expect(201);
      await api.put(`/api/v1/series/${seriesId}/members/${p.body.id}`).expect(200);
    }
    const next = await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(201);
    expect(next.body.date).toBe('2026-12-17');
    meetingId = next.body.id;
    me = await logIn('kaisa@example.test');
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('the meeting page and the dashboard say why, in the reader’s words', async () => {
    const page = (await me.get(`/meetings/${meetingId}`).expect(200)).text;
    expect(page).toContain('Miksi tämä päivä');
    expect(page).toContain(WHY_FI);
    const dashboard = (await me.get('/').expect(200)).text;
    expect(dashboard).toContain(WHY_FI);
  });

  it('the dashboard counts a hosted turn only once the meeting took place', async () => {
    await api.post(`/api/v1/meetings/${meetingId}/confirm`).expect(200);
    const row = (html: string) => /<th scope='row'>A-klinikka<\/th><td>(\d+)<\/td>/.exec(html)?.[1];
    expect(row((await me.get('/').expect(200)).text)).toBe('0');
    const before = t.clock.current;
    t.clock.current = new Date('2026-12-17T16:00:00Z'); // after the meeting's end (14–16 Helsinki)
    try {
      expect(row((await me.get('/').expect(200)).text)).toBe('1');
    } finally {
      t.clock.current = before;
    }
  });

  it('the invitation says why, in each recipient’s language', async () => {
    await api.post(`/api/v1/meetings/${meetingId}/confirm`).expect(200);
    await t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
    const [anna] = await waitForMail(sink.received, 'anna@example.test');
    const [erik] = await waitForMail(sink.received, 'erik@example.test');
    expect(String(anna.parsed.text)).toContain(WHY_FI);
    expect(String(anna.parsed.html)).toContain(WHY_FI);
    expect(String(erik.parsed.text)).toContain(WHY_SV);
  });

  it('the move form asks before a holiday and refuses the past, in words; nothing changes until it is answered', async () => {
    const past = await postMove({ date: '2026-11-20' });
    expect(past.status).toBe(400);
    expect(past.text).toContain('Päivä on jo mennyt. Valitse tämä päivä tai myöhempi päivä.');

    const holiday = await postMove({ date: '2026-12-25', moveReason: 'Joulukahvit' });
    expect(holiday.status).toBe(400);
    expect(holiday.text).toContain('25.12.2026 on joulupäivä. Pidetäänkö kokous silti silloin?');
    expect(holiday.text).toMatch(/name='ack' value='holiday'/);
    const unchanged = await api.get(`/api/v1/meetings/${meetingId}`).expect(200);
    expect([unchanged.body.date, unchanged.body.icalSequence]).toEqual(['2026-12-17', 0]);

    const moved = await postMove({ date: '2026-12-25', moveReason: 'Joulukahvit', ack: 'holiday' });
    expect(moved.status).toBe(303);
    const after = await api.get(`/api/v1/meetings/${meetingId}`).expect(200);
    expect(after.body).toMatchObject({
      date: '2026-12-25',
      icalSequence: 1,
      move: { kind: 'coordinator', reason: 'Joulukahvit' },
    });
    const page = (await me.get(`/meetings/${meetingId}`).expect(200)).text;
    expect(page).toContain('Koordinaattori siirsi kokouksen tavalliselta päivältä 24.12.: Joulukahvit.');
  });

  it('the settings page does not take the last unit out of the rotation, and says why', async () => {
    const [unit] = (await api.get(`/api/v1/series/${seriesId}/rotation`).expect(200)).body.units;
    const settings = (await me.get(`/series/${seriesId}/settings`).expect(200)).text;
    const res = await me
      .post(`/series/${seriesId}/settings/rotation/${unit.unitId}/remove`)
      .type('form')
      .send({ _csrf: csrfOf(settings) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vuorossa on oltava vähintään yksi yksikkö.');
    const after = await api.get(`/api/v1/series/${seriesId}/rotation`).expect(200);
    expect(after.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([unit.unitId]);
  });
});
