import request from 'supertest';
import { MailDispatcher, MailJob } from '@kierto/mail';
import { MeetingService } from '@kierto/meetings';
import { createTestApp, ReceivedMail, startSmtpSink, TestApp } from '@kierto/testing';
import { csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

type Agent = ReturnType<typeof request.agent>;

/**
 * Issue 12, part B over HTTP and SMTP: the proposal email's link opens the meeting page (through
 * login, back to that page) where Vahvista confirms; a scanner's GET changes nothing; coordinators
 * invite coordinators by address; a handover names the successor, who gets the handover email.
 */
describe('confirm link, coordinator invitations and handover (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let auth: string;
  let seriesId: string;
  let meetingId: string;
  let kaisa: Agent;
  let ip = 0;
  const people: Record<string, string> = {};
  const dispatch = () => t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
  const api = {
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
  };
  const mailsTo = (to: string) => sink.received.filter((m) => m.to === to);
  const linksOf = (m: ReceivedMail) =>
    [...String(m.parsed.text).matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);

  /** Asks for a login link from the login page (with `next` when given) and follows it. */
  async function logIn(email: string, next?: string): Promise<{ agent: Agent; location: string }> {
    const agent = request.agent(t.http);
    const from = `198.51.100.${++ip}`;
    const page = await agent
      .get(next ? `/login?next=${encodeURIComponent(next)}` : '/login')
      .set('X-Forwarded-For', from)
      .expect(200);
    const before = mailsTo(email).length;
    await agent
      .post('/login')
      .set('X-Forwarded-For', from)
      .type('form')
      .send({ email, _csrf: csrfOf(page.text), ...(next ? { next } : {}) })
      .expect(200);
    const mail = (await waitForMail(sink.received, email, before + 1))[before];
    return { agent, location: await followLoginLink(agent, loginPathOf(mail)) };
  }

  async function followLoginLink(agent: Agent, link: string): Promise<string> {
    const landing = await agent.get(link).expect(200);
    const done = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(landing.text) })
      .expect(303);
    return done.headers.location as string;
  }

  async function post(agent: Agent, page: string, path: string, form: Record<string, string>) {
    const html = (await agent.get(page).expect(200)).text;
    return agent
      .post(path)
      .type('form')
      .send({ ...form, _csrf: csrfOf(html) });
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, PUBLIC_URL: 'http://kierto.test' });
    auth = (await t.coordinator('kaisa@example.test', 'Kaisa Koordinaattori')).auth;
    seriesId = (
      await api
        .post('/api/v1/series', {
          name: 'Kiertävä kokous, Vantaa',
          cadenceMonths: 2,
          dayRule: { nth: 2, weekday: 2 },
          startTime: '14:00',
          durationMinutes: 120,
        })
        .expect(201)
    ).body.id;
    const units: string[] = [];
    for (const [name, streetAddress] of [
      ['Vantaan A-klinikka', 'Kielotie 1, Vantaa'],
      ['Tikkurilan korvaushoito', 'Asematie 2, Vantaa'],
    ])
      units.push((await api.post('/api/v1/units', { name, streetAddress }).expect(201)).body.id);
    await api.put(`/api/v1/series/${seriesId}/rotation`, { unitIds: units }).expect(200);
    for (const [key, body] of [
      ['anna', { displayName: 'Anna', kind: 'staff', email: 'anna@example.test' }],
      ['tiina', { displayName: 'Tiina', kind: 'service_user', email: 'tiina@example.test' }],
    ] as const) {
      people[key] = (await api.post('/api/v1/people', body).expect(201)).body.id;
      await api.put(`/api/v1/series/${seriesId}/members/${people[key]}`).expect(200);
    }
    // The worker proposes the meeting and emails the coordinators to confirm it.
    const proposal = await t.app.get(MeetingService).proposeNext(seriesId, new Date(), true);
    meetingId = proposal.meeting.id;
    await dispatch();
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('emails the coordinator a link to the meeting page (never the API) saying what confirming does', async () => {
    const [mail] = mailsTo('kaisa@example.test');
    expect(mail.parsed.subject).toMatch(/^Ehdotus: seuraava kokous .* – vahvista$/);
    const text = String(mail.parsed.text);
    // Kaisa herself and Anna get email; Tiina (a service user without consent) must be reached otherwise.
    expect(text).toContain('kutsut lähtevät 2 henkilölle');
    expect(text).toContain('1 henkilöä pitää tavoittaa muuten (ei sähköpostia tai suostumusta)');
    expect(linksOf(mail)).toContain(`http://kierto.test/meetings/${meetingId}`);
    expect(mail.parsed.html).toContain(`href="http://kierto.test/meetings/${meetingId}"`);
    for (const m of sink.received) expect(`${m.parsed.text}${m.parsed.html}`).not.toContain('/api/v1');
  });

  it('a scanner opening the link confirms nothing', async () => {
    const path = `/meetings/${meetingId}`;
    for (const method of ['get', 'head'] as const) {
      const res = await request(t.http)[method](path).expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const [meeting] = await t.db.query(`SELECT status FROM meeting WHERE id = $1`, [meetingId]);
    expect(meeting.status).toBe('draft');
    expect(await t.db.getRepository(MailJob).count({ where: { kind: 'invitation' } })).toBe(0);
  });

  it('the link goes through login back to the meeting page, where Vahvista sends the invitations', async () => {
    const path = `/meetings/${meetingId}`;
    const loginPage = await request(t.http)
      .get(`/login?next=${encodeURIComponent(path)}`)
      .expect(200);
    expect(loginPage.text).toContain(`name='next' value='${path}'`);
    const { agent, location } = await logIn('kaisa@example.test', path);
    expect(location).toBe(path);
    kaisa = agent;
    const page = await kaisa.get(path).expect(200);
    expect(page.text).toContain('Vantaan A-klinikka');
    expect(page.text).toContain('Kielotie 1, Vantaa');
    expect(page.text).toContain(
      'Kutsut lähtevät sähköpostilla 2 henkilölle. 1 henkilöä pitää tavoittaa muuten (ei sähköpostia tai suostumusta).',
    );
    expect(page.text).toMatch(/<button type='submit'[^>]*>Vahvista kokous<\/button>/);
    const confirmed = await kaisa
      .post(`/meetings/${meetingId}/confirm`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), back: 'meeting' })
      .expect(303);
    expect(confirmed.headers.location).toBe(`/meetings/${meetingId}?done=confirmed#meeting`);
    await dispatch();
    // The coordinator is a member of their own meeting: she gets the invitation too.
    expect(mailsTo('kaisa@example.test').map((m) => m.parsed.subject)).toContainEqual(
      expect.stringMatching(/^Kutsu/),
    );
    expect(mailsTo('anna@example.test').map((m) => m.parsed.subject)).toEqual([
      expect.stringMatching(/^Kutsu/),
    ]);
    expect(mailsTo('tiina@example.test')).toHaveLength(0);
  });

  it('never returns to another site after login', async () => {
    const bad = await request(t.http).get('/login?next=%2F%2Fevil.example%2F').expect(200);
    expect(bad.text).not.toContain("name='next'");
    const { location } = await logIn('anna@example.test', 'https://evil.example/');
    expect(location).toBe('/');
  });

  it('invites a colleague by address; the email logs them in onto the series', async () => {
    const settings = `/series/${seriesId}/settings`;
    const invite = `${settings}/coordinators/invite`;
    const bad = await post(kaisa, settings, invite, { displayName: 'Ville Uusi', email: 'ville' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Sähköpostiosoite ei ole oikean muotoinen.');
    expect(bad.text).toContain("value='Ville Uusi'");
    const ok = await post(kaisa, settings, invite, {
      displayName: 'Ville Uusi',
      email: ' ville@example.test ',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`${settings}?done=invited#coordinators`);
    const pending = await kaisa.get(settings).expect(200);
    expect(pending.text).toContain('Kutsuttu, ei vielä kirjautunut');
    expect(pending.text).toContain('Ville Uusi');

    const [mail] = await waitForMail(sink.received, 'ville@example.test');
    expect(mail.parsed.subject).toBe('Kutsu koordinaattoriksi: Kiertävä kokous, Vantaa');
    expect(String(mail.parsed.text)).toContain('Kaisa Koordinaattori kutsui sinut');
    expect(String(mail.parsed.text)).toContain('Linkki toimii 7 päivää');
    const ville = request.agent(t.http);
    expect(await followLoginLink(ville, loginPathOf(mail))).toBe('/');
    const dashboard = await ville.get('/').expect(200);
    expect(dashboard.text).toContain('Kiertävä kokous, Vantaa');
    await ville.get(settings).expect(200);
    await ville.get(`/meetings/${meetingId}`).expect(200);
    const after = await kaisa.get(settings).expect(200);
    expect(after.text).not.toContain('Kutsuttu, ei vielä kirjautunut');
  });

  it('answers the same for an address it does not show, and tells nothing to that address', async () => {
    const other = await t.coordinator('olli@example.test', 'Olli');
    const hidden = await request(t.http)
      .post('/api/v1/people')
      .set('Authorization', other.auth)
      .send({ displayName: 'Salainen', kind: 'service_user', email: 'salainen@example.test' })
      .expect(201);
    const settings = `/series/${seriesId}/settings`;
    const res = await post(kaisa, settings, `${settings}/coordinators/invite`, {
      displayName: 'Joku',
      email: 'salainen@example.test',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${settings}?done=invited#coordinators`);
    await dispatch();
    expect(mailsTo('salainen@example.test')).toHaveLength(0);
    const page = (await kaisa.get(settings).expect(200)).text;
    expect(page).toContain('Joku');
    expect(page).not.toContain('Salainen');
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM series_coordinator WHERE person_id = $1`, [
      hidden.body.id,
    ]);
    expect(row.n).toBe(0);
    // A service user the coordinator does see cannot be a coordinator, and is told so at the field.
    const tiina = await post(kaisa, settings, `${settings}/coordinators/invite`, {
      displayName: 'Tiina',
      email: 'tiina@example.test',
    });
    expect(tiina.status).toBe(400);
    expect(tiina.text).toContain('Koordinaattorin pitää olla henkilöstöä.');
  });

  it('hands over after a confirmation that names the successor, who gets the handover email', async () => {
    const settings = `/series/${seriesId}/settings`;
    const handover = `${settings}/handover`;
    const page = await kaisa.get(handover).expect(200);
    expect(page.text).toContain('Ville Uusi');
    const leave = `${settings}/coordinators/leave`;
    const unsure = await post(kaisa, handover, leave, {});
    expect(unsure.status).toBe(400);
    expect(unsure.text).toContain('Rastita ruutu, jos haluat luovuttaa tehtävän.');
    await kaisa.get(settings).expect(200);

    const [villeId] = (
      await t.db.query(`SELECT id FROM person WHERE email_normalized = 'ville@example.test'`)
    ).map((r: { id: string }) => r.id);
    const done = await post(kaisa, handover, leave, { successorId: villeId, sure: '1' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Tehtävä on luovutettu');
    expect(done.text).toContain('Ville Uusi on nyt sarjan');
    expect(done.text).not.toContain('Et ole vielä mukana');
    await kaisa.get(settings).expect(404);

    await dispatch();
    const [mail] = mailsTo('ville@example.test').filter((m) =>
      /^Olet nyt koordinaattori/.test(m.parsed.subject ?? ''),
    );
    expect(mail).toBeDefined();
    expect(mail.parsed.subject).toBe('Olet nyt koordinaattori: Kiertävä kokous, Vantaa');
    const text = String(mail.parsed.text);
    expect(text).toContain('Kaisa Koordinaattori luovutti sinulle');
    expect(text).toContain('Paikka: Vantaan A-klinikka');
    expect(text).toContain('Osoite: Kielotie 1, Vantaa');
    expect(text).toContain('Aika: klo 14.00');
    expect(text).toContain('Kokous on vahvistettu');
    expect(text).toContain('Avoimia tehtäviä ei ole.');
    expect(text).toContain('Odottavia ehdotuksia ei ole.');
    expect(text).toContain('Pöytäkirjoja ei ole vielä.');
    const links = linksOf(mail);
    expect(links).toContain(`http://kierto.test/meetings/${meetingId}`);
    expect(links).toContain(`http://kierto.test${settings}`);
    for (const link of links) expect(link).not.toContain('/api/');
  });
});
