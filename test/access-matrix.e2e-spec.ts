import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { MailDispatcher, mintToken, outboxFolder } from '@kierto/mail';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { ACCESS_MATRIX, AccessRule, Role, ROLES } from '../apps/api/src/auth/access-matrix';
import { ACCESS_DOC_PATH, normalizeAccessDoc, renderAccessDoc } from '../apps/api/src/auth/access-docs';
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';
import { report } from './reliability/report';

type Agent = ReturnType<typeof request.agent>;
type Method = AccessRule['method'];

/** The routes express knows: `METHOD /path` for every route layer of the app's router. */
function registeredRoutes(t: TestApp): string[] {
  const instance = t.app.getHttpAdapter().getInstance() as {
    router?: { stack: unknown[] };
    _router?: { stack: unknown[] };
  };
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  const routes = new Set<string>();
  for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    // Middleware for every path shows up as `/{*path}`; the controllers here use no wildcards.
    if (!layer.route || layer.route.path.includes('*')) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return [...routes].sort();
}

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
/** Parameters that name a record of one series: asking another series' record by id must be 404. */
const SERIES_RECORD_PARAMS = [
  'seriesId',
  'meetingId',
  'minutesId',
  'itemId',
  'actionItemId',
  'proposalId',
  'topicId',
  'personId',
  'unitId',
  'key',
];

/**
 * Every route of the api, called as every role, against the table in apps/api/src/auth/access-matrix.ts:
 * a role the table allows gets the real answer (not 401, 403, 404 or a redirect to /login, never 5xx);
 * any other role is refused, and a record of another series answers 404, never its data. The ids
 * come from the first series (coordinated by `coordinator`), so `otherCoordinator` and `otherStaff`
 * probe cross-series access.
 */
describe('access matrix: every route, every role (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  const SERIES_A = 'Sarja A, Vantaa';
  const params: Record<string, () => Promise<string> | string> = {};
  const tokens: Record<string, string> = {};
  const bearer: Partial<Record<Role, string>> = {};
  const emails: Partial<Record<Role | 'erik' | 'anna', string>> = {};
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'kokous@kierto.example',
      PUBLIC_URL: 'http://kierto.test',
      FORM_LIMIT_PER_MINUTE: '10000',
      LOGIN_LIMIT_PER_ADDRESS: '1000',
      LOGIN_LIMIT_PER_IP: '10000',
    });
    const a = await t.coordinator('koordinaattori-a@example.test', 'Kaisa A');
    const b = await t.coordinator('koordinaattori-b@example.test', 'Kalle B');
    bearer.coordinator = a.auth;
    bearer.otherCoordinator = b.auth;
    emails.coordinator = 'koordinaattori-a@example.test';
    emails.otherCoordinator = 'koordinaattori-b@example.test';
    const as = (auth: string) => ({
      get: (p: string) => request(t.http).get(p).set('Authorization', auth),
      post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
      put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
      patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
    });
    const apiA = as(a.auth);
    const apiB = as(b.auth);

    // Series A: two units, staff Anna (home unit = the host, which will own the action item), Tiina.
    const network = await createWebNetwork(t, a.auth, SERIES_A);
    const seriesA = network.seriesId;
    const meetingA = (await apiA.get(`/api/v1/meetings/${network.meetingId}`).expect(200)).body;
    const unitA: string = meetingA.host.id;
    await apiA.patch(`/api/v1/people/${network.people.anna}`, { homeUnitId: unitA }).expect(200);
    emails.staff = network.emails.anna;
    await apiA.post(`/api/v1/meetings/${network.meetingId}/confirm`).expect(200);
    const topic = await apiA
      .post(`/api/v1/series/${seriesA}/standing-topics`, { title: 'Seulakäytännöt', timeBoxMinutes: 20 })
      .expect(201);
    const item = await apiA
      .post(`/api/v1/meetings/${network.meetingId}/agenda`, { title: 'Lomaoikeudet' })
      .expect(201);
    const action = await apiA
      .post(`/api/v1/agenda-items/${item.body.id}/action-items`, {
        title: 'Lomaoikeuksien käytännöt kirjataan',
        ownerUnitId: unitA,
        raisedBy: { kind: 'service_user', personId: network.people.tiina },
      })
      .expect(201);
    const proposal = await apiA
      .post(`/api/v1/series/${seriesA}/proposals`, { title: 'Jonotus aamulla' })
      .expect(201);
    // Minutes of the first meeting, published (staff read them; drafts are the coordinators' own).
    const minutes = await apiA.put(`/api/v1/meetings/${network.meetingId}/minutes`, {}).expect(201);
    await apiA
      .patch(`/api/v1/minutes/${minutes.body.id}`, {
        privacyChecked: [
          'no-treatment-details',
          'no-absent-people',
          'service-users-named-with-consent',
          'no-identifiers',
        ],
      })
      .expect(200);
    await apiA.post(`/api/v1/minutes/${minutes.body.id}/circulate`).expect(200);
    await apiA.post(`/api/v1/minutes/${minutes.body.id}/approve`, { by: 'coordinator' }).expect(200);
    await apiA.post(`/api/v1/minutes/${minutes.body.id}/publish`).expect(200);
    // A staff member of A who is not (yet) a member or coordinator: added and removed by the routes.
    const spare = await apiA
      .post('/api/v1/people', { displayName: 'Sami', kind: 'staff', email: 'sami@example.test' })
      .expect(201);
    // Another coordinator, so that removing one is allowed (a series keeps at least one).
    await apiA.put(`/api/v1/series/${seriesA}/coordinators/${spare.body.id}`).expect(200);

    // Series B: its own unit and staff member.
    const seriesB = (
      await apiB
        .post('/api/v1/series', {
          name: 'Sarja B, Turku',
          cadenceMonths: 1,
          dayRule: { nth: 1, weekday: 3 },
          startTime: '13:00',
          durationMinutes: 90,
        })
        .expect(201)
    ).body.id;
    const unitB = (
      await apiB.post('/api/v1/units', { name: 'Tukikohta', streetAddress: 'Aurakatu 3, Turku' }).expect(201)
    ).body.id;
    await apiB.put(`/api/v1/series/${seriesB}/rotation`, { unitIds: [unitB] }).expect(200);
    const bertta = await apiB
      .post('/api/v1/people', {
        displayName: 'Bertta',
        kind: 'staff',
        email: 'bertta@example.test',
        homeUnitId: unitB,
      })
      .expect(201);
    await apiB.put(`/api/v1/series/${seriesB}/members/${bertta.body.id}`).expect(200);
    emails.otherStaff = 'bertta@example.test';

    // Service user Tiina's personal links in series A.
    const invitation: { id: string }[] = await t.db.query(
      `SELECT id FROM invitation WHERE person_id = $1 AND meeting_id = $2`,
      [network.people.tiina, network.meetingId],
    );
    expect(invitation).toHaveLength(1);
    const em = t.db.manager;
    tokens.rsvp = await mintToken(em, 'rsvp', invitation[0].id);
    tokens.calendar = `${await mintToken(em, 'calendar', network.people.tiina)}.ics`;
    tokens.unsubscribe = await mintToken(em, 'unsubscribe', network.people.tiina, seriesA);
    tokens.minutes = await mintToken(em, 'minutes', network.people.tiina, seriesA);

    // A message in the development outbox (shown only while SMTP_URL is off).
    fs.mkdirSync(outboxFolder(t.config), { recursive: true });
    fs.writeFileSync(
      path.join(outboxFolder(t.config), 'access-matrix.eml'),
      'To: Kaisa A <koordinaattori-a@example.test>\r\nSubject: test\r\n\r\nHei\r\n',
    );

    ids = {
      seriesId: seriesA,
      meetingId: network.meetingId,
      minutesId: minutes.body.id,
      itemId: item.body.id,
      actionItemId: action.body.id,
      proposalId: proposal.body.id,
      topicId: topic.body.id,
      personId: network.people.anna,
      sparePerson: spare.body.id,
      unitId: unitA,
      file: 'access-matrix.eml',
      seriesB,
      unitB,
      bertta: bertta.body.id,
      erik: network.people.erik,
      tiina: network.people.tiina,
    };
    emails.erik = network.emails.erik;
    emails.anna = network.emails.anna;
    Object.assign(params, ids);
    // A blackout of its own for each call: a removed one cannot be removed again.
    params.blackoutId = async () =>
      (
        await apiA
          .post(`/api/v1/units/${unitA}/blackouts`, { startsOn: '2028-07-01', endsOn: '2028-07-31' })
          .expect(201)
      ).body.id as string;
    // Read at call time: POST …/proposal-link replaces the key.
    params.key = async () =>
      (
        (await t.db.query(`SELECT proposal_key FROM series WHERE id = $1`, [seriesA])) as {
          proposal_key: string;
        }[]
      )[0].proposal_key;
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** A browser of one role: its cookies, and the CSRF token of its pages. */
  const browsers = new Map<Role, { agent: Agent; csrf: string }>();
  const SESSION_ROLES: Role[] = ['coordinator', 'otherCoordinator', 'staff', 'otherStaff'];

  /** Logs in the way people do: asks for a link at /login and follows the emailed link. */
  async function logIn(role: Role): Promise<{ agent: Agent; csrf: string }> {
    const email = emails[role] as string;
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
    const home = (await agent.get('/').expect(200)).text;
    return { agent, csrf: csrfOf(home) };
  }

  async function browserOf(role: Role, fresh = false) {
    if (!fresh && browsers.has(role)) return browsers.get(role)!;
    let b: { agent: Agent; csrf: string };
    if (SESSION_ROLES.includes(role)) b = await logIn(role);
    else {
      const agent = request.agent(t.http);
      b = { agent, csrf: csrfOf((await agent.get('/login').expect(200)).text) };
    }
    if (!fresh) browsers.set(role, b);
    return b;
  }

  async function pathOf(rule: AccessRule, role: Role): Promise<string> {
    let out = rule.path;
    for (const [, name] of rule.path.matchAll(/:(\w+)/g)) {
      let value: string;
      if ((name === 'token' || name === 'file') && rule.token) {
        const made = randomBytes(32).toString('base64url');
        const held = role === 'serviceUser' ? tokens[rule.token] : undefined;
        value = held ?? (rule.token === 'calendar' ? `${made}.ics` : made);
      } else {
        const source = params[rule.params?.[name] ?? name];
        if (source === undefined) throw new Error(`${key(rule)}: no fixture for :${name} (add it to params)`);
        value = typeof source === 'function' ? await source() : source;
      }
      out = out.replace(`:${name}`, encodeURIComponent(value));
    }
    return out;
  }

  async function call(rule: AccessRule, role: Role) {
    const url = await pathOf(rule, role);
    const m = rule.method.toLowerCase() as Lowercase<Method>;
    const api = rule.path.startsWith('/api/v1/');
    const useBearer = api && bearer[role] !== undefined;
    // Logging out ends sessions: those probes get a session of their own.
    const b = useBearer ? null : await browserOf(role, rule.path.startsWith('/logout'));
    let req = (b ? b.agent : request(t.http))[m](url);
    if (useBearer) req = req.set('Authorization', bearer[role] as string);
    if (b && rule.method !== 'GET') req = req.set('X-CSRF-Token', b.csrf);
    return req.send(rule.body ?? {});
  }

  /** Writes first, removals next, logouts and cancelling last, so earlier probes find their records. */
  const order = (r: AccessRule) =>
    r.path.startsWith('/logout')
      ? r.path.endsWith('everywhere')
        ? 5
        : 4
      : /\/(cancel|decline|merge|accept)$/.test(r.path)
        ? 3
        : r.method === 'DELETE'
          ? 2
          : r.method === 'GET'
            ? 0
            : 1;

  it('has a table row for every registered route, and a route for every row', async () => {
    const registered = registeredRoutes(t);
    const table = ACCESS_MATRIX.map(key);
    expect(registered.length).toBeGreaterThan(80);
    expect(registered.filter((r) => !table.includes(r))).toEqual([]);
    expect(table.filter((r) => !registered.includes(r))).toEqual([]);
    expect(table.filter((r, i) => table.indexOf(r) !== i)).toEqual([]);
  });

  it('docs/access.md is the table as it is now (npm run docs:access)', async () => {
    expect(normalizeAccessDoc(fs.readFileSync(ACCESS_DOC_PATH, 'utf8'))).toBe(
      normalizeAccessDoc(renderAccessDoc()),
    );
  });

  it('answers every route as the table says, for every role', async () => {
    const problems: string[] = [];
    const rules = [...ACCESS_MATRIX].sort((x, y) => order(x) - order(y));
    for (const rule of rules) {
      // Denied roles first: the allowed call may change the record (delete it, cancel it).
      const roles = [...ROLES].sort(
        (x, y) => Number(rule.allow.includes(x)) - Number(rule.allow.includes(y)),
      );
      for (const role of roles) {
        const devOnly = rule.path.startsWith('/dev/');
        const smtp = t.config.SMTP_URL;
        if (devOnly) t.config.SMTP_URL = undefined;
        let res: request.Response;
        try {
          res = await call(rule, role);
        } finally {
          t.config.SMTP_URL = smtp;
        }
        const where = `${key(rule)} as ${role}: ${res.status}`;
        const toLogin =
          res.status >= 300 && res.status < 400 && /^\/login\b/.test(res.headers.location ?? '');
        const refused = [401, 403, 404].includes(res.status) || toLogin;
        if (res.status >= 500) problems.push(`${where} (server error)`);
        else if (rule.allow.includes(role)) {
          if (refused) problems.push(`${where}, but the table allows it`);
          else if (rule.expect && !rule.expect.includes(res.status))
            problems.push(`${where}, expected ${rule.expect.join(' or ')}`);
        } else {
          if (!refused) problems.push(`${where}, but the table refuses it`);
          const crossSeries =
            (role === 'otherCoordinator' || role === 'otherStaff') &&
            rule.allow.some((r) => r === 'coordinator' || r === 'staff') &&
            !rule.allow.includes(role) &&
            [...rule.path.matchAll(/:(\w+)/g)].some(([, n]) => SERIES_RECORD_PARAMS.includes(n));
          if (crossSeries && res.status !== 404 && !toLogin)
            problems.push(`${where}, another series' record must be 404`);
          if (res.text?.includes(SERIES_A)) problems.push(`${where}, and the answer shows the series`);
        }
      }
    }
    report('access matrix: every route as every role', {
      routes: rules.length,
      probes: rules.length * ROLES.length,
      problems: problems.length,
    });
    expect(problems).toEqual([]);
  });

  /** The REST API as one coordinator (the bearer token of `role`). */
  const apiAs = (role: Role) => {
    const auth = bearer[role] as string;
    return {
      get: (p: string) => request(t.http).get(p).set('Authorization', auth),
      post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
      put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
      patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
      delete: (p: string) => request(t.http).delete(p).set('Authorization', auth),
    };
  };
  const count = async (sql: string, args: unknown[]) =>
    Number(((await t.db.query(sql, args)) as { n: string }[])[0].n);

  describe('across series, by id (issue 9)', () => {
    it("another coordinator cannot add the first series' person to their own series, nor then edit or erase them", async () => {
      const b = apiAs('otherCoordinator');
      const anna = ids.personId;
      for (const route of ['members', 'coordinators']) {
        const res = await b.put(`/api/v1/series/${ids.seriesB}/${route}/${anna}`);
        expect(`${route}: ${res.status}`).toBe(`${route}: 404`);
        expect(res.text).not.toContain('Anna');
        expect(res.text).not.toContain(emails.anna as string);
      }
      await expect(
        count(`SELECT count(*) AS n FROM series_membership WHERE series_id = $1 AND person_id = $2`, [
          ids.seriesB,
          anna,
        ]),
      ).resolves.toBe(0);
      await expect(
        count(`SELECT count(*) AS n FROM series_coordinator WHERE series_id = $1 AND person_id = $2`, [
          ids.seriesB,
          anna,
        ]),
      ).resolves.toBe(0);
      await b.get(`/api/v1/people/${anna}`).expect(404);
      await b.patch(`/api/v1/people/${anna}`, { displayName: 'Otettu' }).expect(404);
      await b.post(`/api/v1/people/${anna}/erase`, { confirm: true }).expect(404);
      const listed = await b.get('/api/v1/people?limit=200').expect(200);
      expect(listed.body.items.map((p: { id: string }) => p.id)).not.toContain(anna);
      const [row] = (await t.db.query(`SELECT display_name, email FROM person WHERE id = $1`, [anna])) as {
        display_name: string;
        email: string;
      }[];
      expect(row).toEqual({ display_name: 'Anna', email: emails.anna });
      // Their own person still works (the rule refuses only what they cannot see).
      await b.put(`/api/v1/series/${ids.seriesB}/members/${ids.bertta}`).expect(200);
    });

    it("another coordinator cannot see, list, change, block or pick the first series' unit", async () => {
      const b = apiAs('otherCoordinator');
      const before = (await t.db.query(`SELECT street_address, contact_email FROM unit WHERE id = $1`, [
        ids.unitId,
      ])) as unknown[];
      await b.get(`/api/v1/units/${ids.unitId}`).expect(404);
      const patched = await b.patch(`/api/v1/units/${ids.unitId}`, {
        streetAddress: 'Väärä katu 1',
        contactEmail: 'vaara@example.test',
      });
      expect(patched.status).toBe(404);
      await b.get(`/api/v1/units/${ids.unitId}/blackouts`).expect(404);
      const blackouts = await count(`SELECT count(*) AS n FROM unit_blackout WHERE unit_id = $1`, [
        ids.unitId,
      ]);
      await b
        .post(`/api/v1/units/${ids.unitId}/blackouts`, { startsOn: '2029-01-01', endsOn: '2029-01-31' })
        .expect(404);
      await expect(
        count(`SELECT count(*) AS n FROM unit_blackout WHERE unit_id = $1`, [ids.unitId]),
      ).resolves.toBe(blackouts);
      await expect(
        t.db.query(`SELECT street_address, contact_email FROM unit WHERE id = $1`, [ids.unitId]),
      ).resolves.toEqual(before);

      // Lists: each coordinator sees the units of their own series only.
      const mine = (await b.get('/api/v1/units?limit=200').expect(200)).body;
      expect(mine.items.map((u: { id: string }) => u.id)).toEqual([ids.unitB]);
      expect(mine.total).toBe(1);
      const theirs = (await apiAs('coordinator').get('/api/v1/units?limit=200').expect(200)).body;
      const theirIds = theirs.items.map((u: { id: string }) => u.id);
      expect(theirIds).toContain(ids.unitId);
      expect(theirIds).not.toContain(ids.unitB);

      // Picking it (which would make it theirs): the rotation, a home unit, a meeting's host.
      const rotation = await b.put(`/api/v1/series/${ids.seriesB}/rotation`, {
        unitIds: [ids.unitB, ids.unitId],
      });
      expect(rotation.status).toBe(400);
      expect(rotation.body.errors).toEqual([{ field: 'unitIds.1', reasons: [`no unit ${ids.unitId}`] }]);
      await expect(
        count(`SELECT count(*) AS n FROM rotation_slot WHERE series_id = $1`, [ids.seriesB]),
      ).resolves.toBe(1);
      const home = await b.patch(`/api/v1/people/${ids.bertta}`, { homeUnitId: ids.unitId });
      expect(home.status).toBe(400);
      expect(home.body.errors[0].field).toBe('homeUnitId');
      const meeting = (await b.post(`/api/v1/series/${ids.seriesB}/meetings/next`).expect(201)).body;
      const host = await b.patch(`/api/v1/meetings/${meeting.id}`, {
        hostUnitId: ids.unitId,
        hostOverrideReason: 'Remontti',
      });
      expect(host.status).toBe(400);
      expect(host.body.errors[0].field).toBe('hostUnitId');
      const item = (await b.post(`/api/v1/meetings/${meeting.id}/agenda`, { title: 'Jonot' }).expect(201))
        .body;
      const owned = await b.post(`/api/v1/agenda-items/${item.id}/action-items`, {
        title: 'Jonot lyhyemmiksi',
        ownerUnitId: ids.unitId,
        raisedBy: { kind: 'unit', unitId: ids.unitB },
      });
      expect(owned.status).toBe(400);
      expect(owned.body.errors[0].field).toBe('ownerUnitId');
      await b.get(`/api/v1/units/${ids.unitId}`).expect(404);

      // A unit nobody uses yet is its creator's alone.
      const fresh = (
        await b.post('/api/v1/units', { name: 'Uusi piste', streetAddress: 'Tie 9' }).expect(201)
      ).body;
      await b.patch(`/api/v1/units/${fresh.id}`, { accessibilityNotes: 'Hissi' }).expect(200);
      await apiAs('coordinator').get(`/api/v1/units/${fresh.id}`).expect(404);
      await apiAs('coordinator').patch(`/api/v1/units/${fresh.id}`, { name: 'Kaapattu' }).expect(404);
    });

    it('a coordinator cannot change the address of someone who coordinates another series; the owner can, and the old address is told', async () => {
      const a = apiAs('coordinator');
      // Ville: added by A, then made a coordinator who runs a series of his own.
      const ville = (
        await a
          .post('/api/v1/people', { displayName: 'Ville', kind: 'staff', email: 'ville@example.test' })
          .expect(201)
      ).body.id as string;
      await a.put(`/api/v1/series/${ids.seriesId}/members/${ville}`).expect(200);
      const villeAuth = (await t.coordinator('ville@example.test', 'Ville')).auth;
      await request(t.http)
        .post('/api/v1/series')
        .set('Authorization', villeAuth)
        .send({
          name: 'Sarja C',
          cadenceMonths: 1,
          dayRule: { nth: 1, weekday: 4 },
          startTime: '12:00',
          durationMinutes: 60,
        })
        .expect(201);
      const mails = () => count(`SELECT count(*) AS n FROM mail_job WHERE kind = 'address-changed'`, []);
      const queued = await mails();

      const refused = await a.patch(`/api/v1/people/${ville}`, { email: 'kaappaaja@example.test' });
      expect(refused.status).toBe(403);
      expect(refused.body.errors).toEqual([
        { field: 'email', reasons: [expect.stringMatching(/only they/)] },
      ]);
      await expect(
        t.db.query(`SELECT email, email_normalized FROM person WHERE id = $1`, [ville]),
      ).resolves.toEqual([{ email: 'ville@example.test', email_normalized: 'ville@example.test' }]);
      await expect(mails()).resolves.toBe(queued);
      // The same rule on the settings page: the form comes back with the reason at the field.
      const { agent, csrf } = await browserOf('coordinator', true);
      const form = await agent.post(`/series/${ids.seriesId}/settings/people/${ville}`).type('form').send({
        _csrf: csrf,
        displayName: 'Ville',
        kind: 'staff',
        email: 'kaappaaja@example.test',
        homeUnitId: '',
        preferredLanguage: 'fi',
        emailConsentDate: '',
        emailConsentMethod: '',
      });
      expect(form.status).toBe(400);
      expect(form.text).toContain(
        'vain hän itse tai kaikkien hänen sarjojensa koordinaattori voi vaihtaa sen',
      );
      await expect(t.db.query(`SELECT email FROM person WHERE id = $1`, [ville])).resolves.toEqual([
        { email: 'ville@example.test' },
      ]);
      await expect(mails()).resolves.toBe(queued);
      // Other details stay A's to keep up to date.
      await a.patch(`/api/v1/people/${ville}`, { displayName: 'Ville Virtanen' }).expect(200);

      // Ville changes his own; the old address gets a notice (over SMTP), the audit log no address.
      await request(t.http)
        .patch(`/api/v1/people/${ville}`)
        .set('Authorization', villeAuth)
        .send({ email: 'ville.uusi@example.test' })
        .expect(200);
      // A changes Erik's (staff of A's series only): allowed, and Erik's old address is told who did it.
      await a.patch(`/api/v1/people/${ids.erik}`, { email: 'erik.uusi@example.test' }).expect(200);
      await expect(mails()).resolves.toBe(queued + 2);
      await t.app.get(MailDispatcher).dispatchDue(new Date());
      const toVille = await waitForMail(sink.received, 'ville@example.test', 1);
      expect(toVille[0].parsed.subject).toBe('Sähköpostiosoitteesi Kierrossa vaihdettiin');
      expect(toVille[0].parsed.text).toContain('Muutos tehtiin omilla tunnuksillasi.');
      expect(toVille[0].parsed.html).toContain('Ville Virtanen');
      const toErik = await waitForMail(sink.received, emails.erik as string, 1);
      const erikMail = toErik[toErik.length - 1].parsed;
      expect(erikMail.subject).toBe('Din e-postadress i Kierto har ändrats');
      expect(erikMail.text).toContain('Ändringen gjordes av koordinatorn Kaisa A.');
      expect(sink.received.some((m) => m.to === 'ville.uusi@example.test')).toBe(false);
      const audit: { actor_person_id: string; details: object }[] = await t.db.query(
        `SELECT actor_person_id, details FROM audit_event WHERE action = 'email-changed' AND subject = $1`,
        [`person:${ville}`],
      );
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain('@');
    });

    it('creating a person with an address of someone the caller cannot see answers as for a new address, and logs nobody in', async () => {
      const b = apiAs('otherCoordinator');
      const created = await b.post('/api/v1/people', {
        displayName: 'Anna B',
        kind: 'staff',
        email: (emails.anna as string).toUpperCase(),
      });
      expect(created.status).toBe(201);
      expect(created.body.email).toBe((emails.anna as string).toUpperCase());
      const fresh = await b.post('/api/v1/people', {
        displayName: 'Uusi',
        kind: 'staff',
        email: 'uusi-b@example.test',
      });
      expect(Object.keys(created.body).sort()).toEqual(Object.keys(fresh.body).sort());
      // Stored for email, not as a login address: Anna's account is hers alone.
      await expect(
        t.db.query(`SELECT email_normalized FROM person WHERE id = $1`, [created.body.id]),
      ).resolves.toEqual([{ email_normalized: null }]);
      await expect(
        t.db.query(`SELECT id FROM person WHERE email_normalized = $1`, [emails.anna]),
      ).resolves.toEqual([{ id: ids.personId }]);
      // A coordinator who sees the holder is told, so they can add that person instead.
      const seen = await apiAs('coordinator').post('/api/v1/people', {
        displayName: 'Anna kahdesti',
        kind: 'staff',
        email: emails.anna,
      });
      expect(seen.status).toBe(409);
    });
  });
});
