import request from 'supertest';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

type Agent = ReturnType<typeof request.agent>;

/** The options of the `<select id='…'>` on a page, as [value, label]. */
function optionsOf(html: string, id: string): [string, string][] {
  const select = new RegExp(`<select id='${id}'[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!select) throw new Error(`No select #${id} on the page`);
  return [...select[1].matchAll(/<option value='([^']*)'[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
}

/** Every href of the series card whose heading is `name` on the dashboard. */
function cardLinks(html: string, name: string): Record<string, string> {
  const start = html.indexOf(`>${name}</h3>`);
  if (start < 0) throw new Error(`No card ${name}`);
  const end = html.indexOf('</section>', start);
  const card = html.slice(start, end);
  return Object.fromEntries(
    [...card.matchAll(/<a href='([^']+)'>([^<]+)</g)].map((m) => [m[2].trim(), m[1].replace(/&#x3D;/g, '=')]),
  );
}

/**
 * A coordinator of two networks (Vantaa and Oulu) over HTTP with a real session: every page of a
 * series is linked from its dashboard card, the pickers of a series offer only its own units and never
 * a contact address, units are edited on the settings page under issue 9's rule, and the "notice is
 * public" switch opens the printable notice to anyone.
 */
describe('series pages reachable by links, units of the series at hand (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  let me: Agent;
  let other: Agent;
  let auth: string;
  let ouluSeries: string;
  let ouluUnit: string;
  let vantaaUnits: { id: string; name: string }[];
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

  async function post(agent: Agent, path: string, form: Record<string, string>, page: string) {
    const html = (await agent.get(page).expect(200)).text;
    return agent
      .post(path)
      .type('form')
      .send({ ...form, _csrf: csrfOf(html) });
  }

  const api = () => ({
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
    patch: (p: string, body: object = {}) => request(t.http).patch(p).set('Authorization', auth).send(body),
  });

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, PUBLIC_URL: 'http://kierto.test' });
    ({ auth } = await t.coordinator('kaisa@example.test', 'Kaisa'));
    network = await createWebNetwork(t, auth);
    // The same coordinator's second network, in another city, with its own unit and contact address.
    ouluSeries = (
      await api()
        .post('/api/v1/series', {
          name: 'Kiertävä kokous, Oulu',
          cadenceMonths: 3,
          dayRule: { nth: 1, weekday: 3 },
          startTime: '13:00',
          durationMinutes: 90,
        })
        .expect(201)
    ).body.id;
    ouluUnit = (
      await api()
        .post('/api/v1/units', {
          name: 'Oulun päihdeklinikka',
          streetAddress: 'Isokatu 9, Oulu',
          contactEmail: 'oulu-klinikka@example.test',
        })
        .expect(201)
    ).body.id;
    await api()
      .put(`/api/v1/series/${ouluSeries}/rotation`, { unitIds: [ouluUnit] })
      .expect(200);
    const rotation = await request(t.http)
      .get(`/api/v1/series/${network.seriesId}/rotation`)
      .set('Authorization', auth)
      .expect(200);
    vantaaUnits = (rotation.body.units as { unitId: string; name?: string; unitName?: string }[]).map(
      (u) => ({ id: u.unitId, name: u.unitName ?? u.name ?? '' }),
    );
    await api()
      .patch(`/api/v1/units/${vantaaUnits[0].id}`, { contactEmail: 'a-klinikka@example.test' })
      .expect(200);
    await t.coordinator('olli@example.test', 'Olli');
    me = await logIn('kaisa@example.test');
    other = await logIn('olli@example.test');
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('links every page of a series from its dashboard card, and each opens', async () => {
    const home = (await me.get('/').expect(200)).text;
    const links = cardLinks(home, 'Kiertävä kokous, Vantaa');
    expect(Object.keys(links)).toEqual(
      expect.arrayContaining([
        'Kokouksen sivu',
        'Asetukset: yksiköt, ihmiset, aiheet',
        'Tuo ihmisiä ja yksiköitä taulukosta',
        'Aihe-ehdotusten lomake (julkinen)',
        'Odotustilan tiedote tulostettavaksi',
        'Muistioarkisto',
      ]),
    );
    expect(links['Kokouksen sivu']).toBe(`/meetings/${network.meetingId}`);
    expect(links['Asetukset: yksiköt, ihmiset, aiheet']).toBe(`/series/${network.seriesId}/settings`);
    expect(links['Muistioarkisto']).toBe(`/series/${network.seriesId}/minutes`);
    expect(links['Aihe-ehdotusten lomake (julkinen)']).toMatch(/^\/s\/[\w-]{16,64}$/);
    expect(links['Odotustilan tiedote tulostettavaksi']).toBe(
      `${links['Aihe-ehdotusten lomake (julkinen)']}/notice`,
    );
    for (const href of Object.values(links)) await me.get(href).expect(200);
    // The other network's card links to its own pages, not Vantaa's.
    const oulu = cardLinks(home, 'Kiertävä kokous, Oulu');
    expect(oulu['Asetukset: yksiköt, ihmiset, aiheet']).toBe(`/series/${ouluSeries}/settings`);

    // The archive: its coordinators and staff; another coordinator gets 404.
    const archive = (await me.get(`/series/${network.seriesId}/minutes`).expect(200)).text;
    expect(archive).toContain('Muistioita ei ole vielä julkaistu.');
    await other.get(`/series/${network.seriesId}/minutes`).expect(404);
  });

  it('shows where you are in the header and links the meeting page back to the series', async () => {
    const html = (await me.get(`/meetings/${network.meetingId}`).expect(200)).text;
    const crumbs = /<nav class='crumbs' aria-label='Olet tässä'>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
    expect(crumbs).toContain(`<a href='/'>Etusivu</a>`);
    expect(crumbs).toContain(`<a href='/#series-${network.seriesId}'>Kiertävä kokous, Vantaa</a>`);
    expect(crumbs).toMatch(/<span aria-current='page'>Kokous 1: [^<]+<\/span>/);
    expect(html).toContain(`<a href='/series/${network.seriesId}/settings'>`);
    const settings = (await me.get(`/series/${network.seriesId}/settings?lang=sv`).expect(200)).text;
    await me.get('/?lang=fi').expect(200);
    expect(settings).toContain(`<nav class='crumbs' aria-label='Du är här'>`);
    expect(settings).toContain(`<a href='/'>Startsida</a>`);
    expect(settings).toContain(`<span aria-current='page'>Seriens inställningar</span>`);
  });

  it("offers only the series' units in the meeting's pickers, without contact addresses", async () => {
    const html = (await me.get(`/meetings/${network.meetingId}`).expect(200)).text;
    const names = vantaaUnits.map((u) => u.name).sort();
    expect(
      optionsOf(html, 'move-host')
        .map(([, l]) => l)
        .sort(),
    ).toEqual(names);
    const owner = optionsOf(html, 'action-owner').filter(([v]) => v);
    expect(owner.map(([, l]) => l).sort()).toEqual(names);
    expect(optionsOf(html, 'action-raisedby-unit').map(([v]) => v)).not.toContain(ouluUnit);
    expect(html).not.toContain('Oulun päihdeklinikka');
    expect(html).not.toContain('oulu-klinikka@example.test');
    expect(html).not.toContain('a-klinikka@example.test');

    // The settings: the home unit picker offers this series' units; no picker shows an address.
    const settings = (await me.get(`/series/${network.seriesId}/settings`).expect(200)).text;
    expect(
      optionsOf(settings, 'person-new-homeUnitId')
        .filter(([v]) => v)
        .map(([v]) => v)
        .sort(),
    ).toEqual(vantaaUnits.map((u) => u.id).sort());
    for (const id of ['person-new-homeUnitId', 'rotation-add-unitId']) {
      const labels = optionsOf(settings, id).map(([, l]) => l);
      expect(labels.some((l) => l.includes('@'))).toBe(false);
    }

    // A hand-made post of the other network's unit as the place: refused at the field, nothing moved.
    const before = (
      await t.db.query(`SELECT host_unit_id FROM meeting WHERE id = $1`, [network.meetingId])
    )[0];
    const row = (await t.db.query(`SELECT local_date FROM meeting WHERE id = $1`, [network.meetingId]))[0];
    const date = new Date(row.local_date).toISOString().slice(0, 10);
    const res = await post(
      me,
      `/meetings/${network.meetingId}/move`,
      { date, start: '14:00', duration: '120', host: ouluUnit, hostReason: 'Testi', moveReason: '' },
      `/meetings/${network.meetingId}`,
    );
    expect(res.status).toBe(400);
    const after = (
      await t.db.query(`SELECT host_unit_id FROM meeting WHERE id = $1`, [network.meetingId])
    )[0];
    expect(after.host_unit_id).toBe(before.host_unit_id);
  });

  it('edits a unit on the settings page: kept input on an error, 404 for another network or person', async () => {
    const settingsPage = `/series/${network.seriesId}/settings`;
    const unit = vantaaUnits[1];
    const action = `${settingsPage}/units/${unit.id}`;
    const bad = await post(
      me,
      action,
      { name: '', streetAddress: 'Uusi katu 5', accessibilityNotes: '', contactEmail: 'ei-osoite' },
      settingsPage,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Täytä tämä kenttä.');
    expect(bad.text).toContain('Sähköpostiosoite ei ole oikean muotoinen.');
    expect(bad.text).toContain(`value='Uusi katu 5'`);
    expect(
      (await t.db.query(`SELECT street_address FROM unit WHERE id = $1`, [unit.id]))[0].street_address,
    ).toBe('Kauppakatu 2, Jyväskylä');

    // The name of another unit: a conflict shown at the field.
    const taken = await post(
      me,
      action,
      { name: vantaaUnits[0].name, streetAddress: 'Kauppakatu 2', accessibilityNotes: '', contactEmail: '' },
      settingsPage,
    );
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('Toisella yksiköllä on jo tämä nimi.');

    const ok = await post(
      me,
      action,
      {
        name: 'Sovatek Tikkurila',
        streetAddress: 'Asematie 3, Vantaa',
        accessibilityNotes: 'Hissi pihan puolella',
        contactEmail: 'sovatek@example.test',
      },
      settingsPage,
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`${settingsPage}?done=unitEdit#unit-${unit.id}`);
    const [saved] = await t.db.query(
      `SELECT name, street_address, accessibility_notes, contact_email FROM unit WHERE id = $1`,
      [unit.id],
    );
    expect(saved).toEqual({
      name: 'Sovatek Tikkurila',
      street_address: 'Asematie 3, Vantaa',
      accessibility_notes: 'Hissi pihan puolella',
      contact_email: 'sovatek@example.test',
    });
    unit.name = 'Sovatek Tikkurila';
    const page = (await me.get(`${settingsPage}?done=unitEdit`).expect(200)).text;
    expect(page).toContain('Yksikön tiedot on tallennettu.');

    // Oulu's unit through Vantaa's settings: not a unit of this series (404), nothing changes.
    const cross = await post(
      me,
      `${settingsPage}/units/${ouluUnit}`,
      { name: 'Kaapattu', streetAddress: 'X', accessibilityNotes: '', contactEmail: '' },
      settingsPage,
    );
    expect(cross.status).toBe(404);
    // Another coordinator: 404 on the whole series.
    const res = await other
      .post(action)
      .type('form')
      .send({ name: 'Kaapattu', streetAddress: 'X', _csrf: csrfOf((await other.get('/').expect(200)).text) });
    expect(res.status).toBe(404);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM unit WHERE name = 'Kaapattu'`))[0].n).toBe(0);
  });

  it('switches the notice public and back; anyone with the link sees it only while public', async () => {
    const settingsPage = `/series/${network.seriesId}/settings`;
    const html = (await me.get(settingsPage).expect(200)).text;
    const notice = /<a href='(\/s\/[\w-]+\/notice)'>Avaa tulostettava tiedote<\/a>/.exec(html)?.[1];
    expect(notice).toBeDefined();
    expect(html).toContain('Tiedote näkyy nyt vain kirjautuneille.');
    expect((await request(t.http).get(notice as string)).status).not.toBe(200);

    const on = await post(me, `${settingsPage}/public`, { publicFeedback: '1' }, settingsPage);
    expect(on.status).toBe(303);
    const anonymous = await request(t.http)
      .get(notice as string)
      .expect(200);
    expect(anonymous.text).toContain('Kiertävä kokous, Vantaa');
    expect((await me.get(settingsPage).expect(200)).text).toContain('Tiedote on nyt julkinen.');

    // An empty box: private again.
    const off = await post(me, `${settingsPage}/public`, {}, settingsPage);
    expect(off.status).toBe(303);
    expect((await request(t.http).get(notice as string)).status).not.toBe(200);
    // Another coordinator cannot switch it.
    const res = await other
      .post(`${settingsPage}/public`)
      .type('form')
      .send({ publicFeedback: '1', _csrf: csrfOf((await other.get('/').expect(200)).text) });
    expect(res.status).toBe(404);
    const [row] = await t.db.query(`SELECT public_feedback FROM series WHERE id = $1`, [network.seriesId]);
    expect(row.public_feedback).toBe(false);
  });
});
