import iconv from 'iconv-lite';
import request from 'supertest';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';
import { peopleCsv, peopleFiles, thirtyPeople } from './import-fixtures';

/** The page's text with handlebars' escapes undone, to compare with what a reader sees. */
const plain = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');

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
    expect(plain(preview.text)).toContain(
      "Yhteysosoite 'ei-osoite' ei ole sähköpostiosoite. Korjaa se tai jätä tyhjäksi.",
    );
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
    expect(plain(again.text)).toContain("'Tukikohta' on jo Kierrossa. Poista tämä rivi.");
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
    expect(preview.text).toContain('Kotiyksikkö on vain henkilöstöllä. Jätä Kotiyksikkö tyhjäksi.');
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

  async function uploadFile(path: string, kind: string, bytes: Buffer, filename = 'ihmiset.csv') {
    const html = (await me.get(importPage()).expect(200)).text;
    return me
      .post(path)
      .field('_csrf', csrfOf(html))
      .field('kind', kind)
      .attach('file', bytes, { filename, contentType: 'text/csv' });
  }
  const peopleCount = () => count(`SELECT count(*) AS n FROM person`);

  it('imports the same 30 people from Finnish headers in Windows-1252 and English headers in UTF-8', async () => {
    const { fi1252, enUtf8, people } = peopleFiles(['A-klinikka', 'Sovatek'], 'excel');
    expect(fi1252.includes(Buffer.from('Päivi', 'latin1'))).toBe(true);
    const before = await peopleCount();
    const en = await uploadFile(importPage(), 'people', enUtf8, 'people.csv');
    expect(en.status).toBe(200);
    expect(en.text).toContain('Kaikki rivit ovat kunnossa.');
    const fi = await uploadFile(importPage(), 'people', fi1252);
    expect(fi.status).toBe(200);
    expect(fi.text).toContain('Kaikki rivit ovat kunnossa.');
    expect(fi.text).toContain('<td>Päivi Hoitaja 1</td>');
    expect(fi.text).toContain('<td>palvelun käyttäjä</td>');
    expect(await peopleCount()).toBe(before);

    const done = await uploadFile(`${importPage()}/commit`, 'people', fi1252);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${importPage()}?imported=30`);
    const rows: Record<string, string | null>[] = await t.db.query(
      `SELECT p.display_name AS name, p.kind, p.email, u.name AS unit, p.preferred_language AS lang,
              p.email_consent_at::text AS consent, p.email_consent_method AS method
         FROM person p JOIN series_membership m ON m.person_id = p.id AND m.series_id = $1 AND m.active
         LEFT JOIN unit u ON u.id = p.home_unit_id
        WHERE p.display_name = ANY($2) ORDER BY p.created_at, p.display_name`,
      [network.seriesId, people.map((p) => p.name)],
    );
    expect(rows.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      people
        .map((p) => ({
          name: p.name,
          kind: p.kind,
          email: p.email || null,
          unit: p.homeUnit || null,
          lang: p.language || 'fi',
          consent: p.consent ? '2026-11-01' : null,
          method: p.consent ? 'written' : null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );

    // The English file names the same 30 people: every row is in Kierto now, and nothing is written.
    const again = await uploadFile(`${importPage()}/commit`, 'people', enUtf8, 'people.csv');
    expect(again.status).toBe(400);
    expect(plain(again.text).match(/on jo Kierrossa\. Poista tämä rivi\./g)).toHaveLength(30);
    expect(await peopleCount()).toBe(before + 30);
  });

  it("reads UTF-8 with a BOM and UTF-16 (LE, BE) and shows a bad row's reason on its row", async () => {
    const text = peopleCsv(thirtyPeople(['A-klinikka'], 'utf16').slice(0, 3), 'fi');
    const variants: [string, Buffer][] = [
      ['utf-8 bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')])],
      ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')])],
    ];
    for (const [name, bytes] of variants) {
      const res = await uploadFile(importPage(), 'people', bytes);
      expect([name, res.status]).toEqual([name, 200]);
      expect([name, res.text.includes('Kaikki rivit ovat kunnossa.')]).toEqual([name, true]);
      expect([name, res.text.includes('<td>Åsa Hoitaja 2</td>')]).toEqual([name, true]);
    }
    const bad = text.replace('Åsa Hoitaja 2;henkilöstö', 'Åsa Hoitaja 2;hoitaja');
    const res = await uploadFile(importPage(), 'people', iconv.encode(bad, 'win1252'));
    expect(res.status).toBe(200);
    expect(plain(res.text)).toMatch(
      /<th scope='row'>3<\/th>\s*<td class='import-problem'>\s*<ul class='settings-row-errors'><li>Rooli 'hoitaja' ei ole tuttu: kirjoita henkilöstö, palvelun käyttäjä tai vieras\.<\/li>/,
    );
    expect(res.text).not.toContain('service_user');
    expect(res.text).not.toContain('displayName');
  });

  it('downloads a template in each language (a GET that writes nothing) that imports as it is', async () => {
    const binary = (agent: Agent, path: string) =>
      agent
        .get(path)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
    const before = await peopleCount();
    const audits = await count(`SELECT count(*) AS n FROM audit_event`);
    const files: Record<string, Buffer> = {};
    for (const lang of ['fi', 'sv', 'en']) {
      const res = await binary(me, `${importPage()}/template?kind=people&lang=${lang}`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=windows-1252');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="kierto-[a-z]+-(fi|sv|en)\.csv"$/,
      );
      files[lang] = res.body as Buffer;
    }
    const fi = files.fi.toString('latin1');
    expect(
      fi.startsWith('sep=;\r\nNimi;Rooli;Sähköposti;Kotiyksikkö;Kieli;Suostumus;Suostumuksen tapa\r\n'),
    ).toBe(true);
    expect(fi).toContain(';henkilöstö;');
    expect(iconv.decode(files.sv, 'win1252')).toContain(
      'Namn;Roll;E-post;Hemenhet;Språk;Samtycke;Sätt för samtycke',
    );
    expect(iconv.decode(files.en, 'win1252')).toContain(
      'Name;Role;Email;Home unit;Language;Consent;Consent method',
    );
    const units = await binary(me, `${importPage()}/template?kind=units&lang=fi`).expect(200);
    expect((units.body as Buffer).toString('latin1')).toContain('Nimi;Katuosoite;Esteettömyys;Yhteysosoite');
    await me.get(`${importPage()}/template?kind=ihmiset`).expect(400);
    await me.get(`${importPage()}/template?lang=de`).expect(400);
    await other.get(`${importPage()}/template?kind=people&lang=fi`).expect(404);
    expect(await peopleCount()).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM audit_event`)).toBe(audits);

    for (const lang of ['fi', 'sv', 'en']) {
      const preview = await uploadFile(importPage(), 'people', files[lang]);
      expect([lang, preview.text.includes('Kaikki rivit ovat kunnossa.')]).toEqual([lang, true]);
    }
    const done = await uploadFile(`${importPage()}/commit`, 'people', files.sv);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${importPage()}?imported=4`);
    expect(await peopleCount()).toBe(before + 4);
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
