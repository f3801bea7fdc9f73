import request from 'supertest';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

type Agent = ReturnType<typeof request.agent>;

/**
 * Series settings and the CSV import over HTTP, with a real session: the preview writes nothing,
 * "import all" writes every row in one transaction or none, and other coordinators get 404.
 */
describe('series settings and CSV import (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  let me: Agent;
  let other: Agent;
  let ip = 0;

  async function logIn(email: string): Promise<Agent> {
    const agent = request.agent(t.http);
    const from = `198.51.100.${++ip}`;
    const login = (await agent.get('/login').set('X-Forwarded-For', from).expect(200)).text;
    await agent
      .post('/login')
      .set('X-Forwarded-For', from)
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

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, PUBLIC_URL: 'http://kierto.test' });
    const { auth } = await t.coordinator('kaisa@example.test', 'Kaisa');
    network = await createWebNetwork(t, auth);
    await t.coordinator('olli@example.test', 'Olli');
    me = await logIn('kaisa@example.test');
    other = await logIn('olli@example.test');
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const importPage = () => `/series/${network.seriesId}/import`;
  const count = async (sql: string) => Number((await t.db.query(sql))[0].n);

  async function post(agent: Agent, path: string, form: Record<string, string>, page = importPage()) {
    const html = (await agent.get(page).expect(200)).text;
    return agent
      .post(path)
      .type('form')
      .send({ ...form, _csrf: csrfOf(html) });
  }

  it('shows the settings and the import page to the coordinator only (404 for others)', async () => {
    const settings = await me.get(`/series/${network.seriesId}/settings`).expect(200);
    expect(settings.text).toContain('A-klinikka');
    expect(settings.text).toContain('Sovatek');
    await other.get(`/series/${network.seriesId}/settings`).expect(404);
    await other.get(importPage()).expect(404);
    const res = await post(other, `${importPage()}`, { kind: 'units', csv: 'name;streetAddress\nX;Y' }, '/');
    expect(res.status).toBe(404);
    await request(t.http).get(importPage()).expect(303);
  });

  it('previews without writing, refuses a file with a bad row as a whole, then imports all rows', async () => {
    const units = await count(`SELECT count(*) AS n FROM unit`);
    const bad =
      'name;streetAddress;contactEmail\nTukikohta;Hämeentie 3;\nDiakonissalaitos;Alppikatu 2;ei-osoite\n';
    const preview = await post(me, importPage(), { kind: 'units', csv: bad });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('contactEmail: ei ole sähköpostiosoite');
    expect(preview.text).not.toContain('Tuo kaikki');
    expect(await count(`SELECT count(*) AS n FROM unit`)).toBe(units);

    // "Import all" checks again: one bad row, nothing written.
    const rejected = await post(me, `${importPage()}/commit`, { kind: 'units', csv: bad });
    expect(rejected.status).toBe(400);
    expect(rejected.text).toContain('Mitään ei tallennettu');
    expect(await count(`SELECT count(*) AS n FROM unit`)).toBe(units);

    const good = bad.replace('ei-osoite', 'info@diak.example');
    const ok = await post(me, importPage(), { kind: 'units', csv: good });
    expect(ok.text).toContain('Kaikki rivit ovat kunnossa.');
    expect(ok.text).toContain('Tuo kaikki');
    const done = await post(me, `${importPage()}/commit`, { kind: 'units', csv: good });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${importPage()}?imported=2`);
    expect(await count(`SELECT count(*) AS n FROM unit`)).toBe(units + 2);
    const rotation: { name: string }[] = await t.db.query(
      `SELECT u.name FROM rotation_slot s JOIN unit u ON u.id = s.unit_id WHERE s.series_id = $1 ORDER BY s.position`,
      [network.seriesId],
    );
    expect(rotation.map((r) => r.name)).toEqual(['A-klinikka', 'Sovatek', 'Tukikohta', 'Diakonissalaitos']);

    // The same file again: every row exists now.
    const again = await post(me, `${importPage()}/commit`, { kind: 'units', csv: good });
    expect(again.status).toBe(400);
    expect(again.text).toContain('name: on jo Kierrossa');
  });

  it('imports people from an uploaded Excel (fi-FI) file as members, all or nothing', async () => {
    const header = 'displayName;kind;email;homeUnit;preferredLanguage;emailConsentDate;emailConsentMethod';
    const rows = [
      'Pekka;staff;pekka@example.test;Sovatek;fi;;',
      'Sini;service_user;sini@example.test;;;1.11.2026;kirjallinen',
      'Vieras Ville;guest;;Sovatek;;;',
    ];
    const file = (lines: string[]) => Buffer.from(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`, 'utf8');
    const people = async () => count(`SELECT count(*) AS n FROM person`);
    const before = await people();
    const upload = async (path: string, lines: string[]) => {
      const html = (await me.get(importPage()).expect(200)).text;
      return me
        .post(path)
        .field('_csrf', csrfOf(html))
        .field('kind', 'people')
        .attach('file', file(lines), { filename: 'ihmiset.csv', contentType: 'text/csv' });
    };
    const preview = await upload(importPage(), rows);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('homeUnit: vain henkilöstöllä on oma yksikkö');
    const rejected = await upload(`${importPage()}/commit`, rows);
    expect(rejected.status).toBe(400);
    expect(await people()).toBe(before);

    const fixed = [rows[0], rows[1], 'Vieras Ville;guest;;;;;'];
    const done = await upload(`${importPage()}/commit`, fixed);
    expect(done.status).toBe(303);
    expect(await people()).toBe(before + 3);
    const sini: { email_consent_at: string; email_consent_method: string; active: boolean }[] =
      await t.db.query(
        `SELECT p.email_consent_at::text, p.email_consent_method, m.active FROM person p
         JOIN series_membership m ON m.person_id = p.id AND m.series_id = $1 WHERE p.display_name = 'Sini'`,
        [network.seriesId],
      );
    expect(sini).toEqual([{ email_consent_at: '2026-11-01', email_consent_method: 'written', active: true }]);
  });

  it('does not tell the importer that an address of someone they cannot see is in Kierto', async () => {
    const olli = (await t.coordinator('olli@example.test', 'Olli')).auth;
    await request(t.http)
      .post('/api/v1/people')
      .set('Authorization', olli)
      .send({ displayName: 'Bertil', kind: 'staff', email: 'bertil@example.test' })
      .expect(201);
    const csv = (email: string) => `displayName;kind;email\nBertil Kaisan;staff;${email}\n`;
    const own = await post(me, importPage(), { kind: 'people', csv: csv(network.emails.anna) });
    expect(own.text).toContain('on jo Kierrossa');
    const preview = await post(me, importPage(), { kind: 'people', csv: csv('bertil@example.test') });
    expect(preview.status).toBe(200);
    expect(preview.text).not.toContain('on jo Kierrossa');
    const done = await post(me, `${importPage()}/commit`, {
      kind: 'people',
      csv: csv('bertil@example.test'),
    });
    expect(done.status).toBe(303);
    // Kept for email, not as a login address: Olli's Bertil keeps his account.
    await expect(
      t.db.query(
        `SELECT display_name, email_normalized FROM person WHERE email = 'bertil@example.test' ORDER BY 1`,
      ),
    ).resolves.toEqual([
      { display_name: 'Bertil', email_normalized: 'bertil@example.test' },
      { display_name: 'Bertil Kaisan', email_normalized: null },
    ]);
  });

  it('a CSRF-less upload is refused', async () => {
    const res = await me
      .post(importPage())
      .field('kind', 'units')
      .attach('file', Buffer.from('name;streetAddress\nX;Y'), 'x.csv');
    expect(res.status).toBe(403);
  });

  it('saves the basics; a bad value is shown next to its field and nothing changes', async () => {
    const settings = `/series/${network.seriesId}/settings`;
    const form = {
      name: 'Kiertävä kokous, Vantaa',
      cadenceMonths: '2',
      dayRuleNth: '2',
      dayRuleWeekday: '2',
      startTime: '14:00',
      durationMinutes: '120',
      defaultLanguage: 'fi',
      invitationLeadDays: '21',
    };
    const bad = await post(me, `${settings}/basics`, { ...form, reminderDays: '7, 99' }, settings);
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(
      /id='basics-reminderDays'[^>]*aria-describedby='basics-reminderDays-hint basics-reminderDays-error'/,
    );
    expect(bad.text).toContain("value='7, 99'");
    const ok = await post(me, `${settings}/basics`, { ...form, reminderDays: '10, 3, 1' }, settings);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`${settings}?done=basics#basics`);
    const [row] = await t.db.query(`SELECT reminder_days FROM series WHERE id = $1`, [network.seriesId]);
    expect(row.reminder_days).toEqual([10, 3, 1]);
  });

  it('the last coordinator cannot leave; a person of another series is 404', async () => {
    const settings = `/series/${network.seriesId}/settings`;
    // The only coordinator: the handover page says to invite a colleague first, and nothing changes.
    const stray = await post(me, `${settings}/coordinators/leave`, {}, settings);
    expect(stray.status).toBe(409);
    const leave = await post(me, `${settings}/coordinators/leave`, { sure: '1' }, settings);
    expect(leave.status).toBe(409);
    expect(leave.text).toContain('Sarjassa ei ole toista koordinaattoria.');
    const { personId } = await t.coordinator('stranger@example.test', 'Stranger');
    await me.get(`${settings}/people/${personId}`).expect(404);
    const audits = async () =>
      count(`SELECT count(*) AS n FROM audit_event WHERE action = 'contact-details-viewed'
               AND subject = 'person:${network.people.anna}'`);
    const before = await audits();
    const page = await me.get(`${settings}/people/${network.people.anna}`).expect(200);
    expect(page.text).toContain(network.emails.anna);
    expect(await audits()).toBe(before + 1);
  });
});
