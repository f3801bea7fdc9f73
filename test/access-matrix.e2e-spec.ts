import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { mintToken, outboxFolder } from '@kierto/mail';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { ACCESS_MATRIX, AccessRule, Role, ROLES } from '../apps/api/src/auth/access-matrix';
import { ACCESS_DOC_PATH, normalizeAccessDoc, renderAccessDoc } from '../apps/api/src/auth/access-docs';
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

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
  const emails: Partial<Record<Role, string>> = {};
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
    };
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
    expect(problems).toEqual([]);
  });
});
