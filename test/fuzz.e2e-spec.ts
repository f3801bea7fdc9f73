import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import qs from 'qs';
import request from 'supertest';
import { mintToken } from '@kierto/mail';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { ACCESS_MATRIX, TokenKind } from '../apps/api/src/auth/access-matrix';
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';
import { report } from './reliability/report';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  items?: Schema;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
};
type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};
interface Probe {
  method: 'post' | 'put' | 'patch';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  what: string;
}

/** Runs of each property per route: ~36 API and ~45 form routes, bounded so the file stays under a minute. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
/** FUZZ_RUNS=200 for a longer search takes minutes. */
const TIMEOUT = Math.max(120_000, RUNS * 10_000);
/**
 * Bookkeeping a request may touch whatever its answer: the session's and the API token's last use,
 * rate-limit counters, and the audit log (a dead login link is recorded; a refused person form shows
 * the contact details again).
 */
const NOT_COMPARED = new Set(['web_session', 'api_token', 'rate_limit', 'audit_event', 'migrations']);

const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });
const NUL = 'abc\u0000def';

/** Values that are wrong for (almost) any field: null, other types, NUL, too long, too deep, not a UUID. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(NUL),
  fc.string().map((s) => `${s}\u0000`),
  fc.constant('x'.repeat(120_000)),
  fc.constant('y'.repeat(20_000)),
  fc.constant(nested(30)),
  fc.constant(JSON.parse('['.repeat(25) + ']'.repeat(25))),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000g', '2027-02-30', '25:99', '', ' '),
  fc.constantFrom(-1, 0, 1e308, 2 ** 53, -(2 ** 31) - 1),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'application/json; charset=latin-9000',
  'application/json; charset=utf-16',
  'application/octet-stream',
];

/** Raw bodies and headers no client should send: garbage, other types, charsets, encodings, sizes. */
const rawProbe: fc.Arbitrary<Omit<Probe, 'method' | 'path'>> = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => ({
    headers: { 'Content-Type': 'application/json' },
    body: s,
    what: 'garbage JSON',
  })),
  fc.uint8Array({ maxLength: 200 }).map((b) => ({
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(b),
    what: 'random bytes',
  })),
  fc.tuple(fc.constantFrom(...CONTENT_TYPES), fc.string({ maxLength: 100 })).map(([type, s]) => ({
    headers: { 'Content-Type': type },
    body: s || 'x',
    what: `Content-Type ${type}`,
  })),
  fc.constantFrom('gzip', 'deflate', 'br', 'zork', 'gzip, zork').map((enc) => ({
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': enc },
    body: '{"title":"x"}',
    what: `Content-Encoding ${enc}`,
  })),
  fc.constant({
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'z'.repeat(300_000) }),
    what: 'oversized body',
  }),
  fc.constant({
    headers: { 'Content-Type': 'application/json' },
    body: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
    what: 'nesting 5000 deep',
  }),
  fc.constant({
    headers: { 'Content-Type': 'application/json' },
    body: '[' + '['.repeat(5000) + ']'.repeat(5000) + ']',
    what: 'array nesting 5000 deep',
  }),
);

/** Field names of Kierto's page forms. */
const FORM_FIELDS = [
  'title',
  'name',
  'description',
  'unitId',
  'personId',
  'email',
  'displayName',
  'kind',
  'startsOn',
  'endsOn',
  'startTime',
  'date',
  'start',
  'duration',
  'durationMinutes',
  'cadenceMonths',
  'dayRuleNth',
  'dayRuleWeekday',
  'reminderDays',
  'direction',
  'answer',
  'note',
  'reason',
  'host',
  'owner',
  'assignee',
  'due',
  'status',
  'present',
  'body',
  'comment',
  'confirm',
  'sure',
  'privacy',
  'outcome',
  'raisedBy',
  'raisedByPerson',
  'raisedByUnit',
  'agendaItem',
  'timeBox',
  'presenter',
  'homeUnitId',
  'preferredLanguage',
  'active',
  'step',
];
const badFormValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constant(NUL),
  fc.constant('x'.repeat(120_000)),
  fc.constantFrom('not-a-uuid', '2027-02-30', '25:99', '-1', '1e308', '', 'up', 'yes', '1', 'on'),
  fc.array(fc.constantFrom('a', NUL, 'not-a-uuid'), { minLength: 2, maxLength: 3 }),
  fc.constant({ x: { y: { z: '1' } } }),
);
const formProbe: fc.Arbitrary<Omit<Probe, 'method' | 'path'>> = fc.oneof(
  fc.dictionary(fc.constantFrom(...FORM_FIELDS), badFormValue, { minKeys: 1, maxKeys: 4 }).map((d) => ({
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: qs.stringify(d),
    what: 'form',
  })),
  fc
    .constantFrom('title=%E0%A4%A', 'a[b][c][d][e][f][g][h][i][j][k][l][m][n][o][p][q][r][s][t][u][v][w]=1')
    .map((body) => ({
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      what: 'odd form',
    })),
  fc.constantFrom('latin-9000', 'utf-16', 'ebcdic').map((cs) => ({
    headers: { 'Content-Type': `application/x-www-form-urlencoded; charset=${cs}` },
    body: 'title=abc',
    what: `form charset ${cs}`,
  })),
  fc.constant({
    headers: { 'Content-Type': 'multipart/form-data; boundary=zzz' },
    body: '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nnimi\u0000\r\n--zz',
    what: 'broken multipart',
  }),
  rawProbe,
);

/**
 * Property-based fuzzing of every write route: the API routes from the app's own OpenAPI document
 * (valid bodies with one field made wrong, raw garbage, other content types, charsets, encodings,
 * sizes) and the page forms from the access matrix (with a coordinator's session and CSRF token).
 * No answer may be a 5xx or lack `Cache-Control: no-store`, and a refused request (4xx) must leave
 * every table as it was.
 */
describe('fuzzing every write route (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let auth: string;
  let doc: OpenApi;
  let tables: string[];
  const ids: Record<string, string> = {};
  /** The service user's personal links, for the routes that take one. */
  const tokens: Partial<Record<TokenKind, string>> = {};
  let browser: { agent: ReturnType<typeof request.agent>; csrf: string };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      FORM_LIMIT_PER_MINUTE: '10000',
      LOGIN_LIMIT_PER_ADDRESS: '1000',
      LOGIN_LIMIT_PER_IP: '10000',
    });
    const email = 'fuzz-koordinaattori@example.test';
    auth = (await t.coordinator(email, 'Kaisa')).auth;
    const api = {
      post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
      put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
    };
    const network = await createWebNetwork(t, auth);
    const meeting = (
      await request(t.http).get(`/api/v1/meetings/${network.meetingId}`).set('Authorization', auth)
    ).body as { host: { id: string } };
    await api.post(`/api/v1/meetings/${network.meetingId}/confirm`).expect(200);
    const item = await api
      .post(`/api/v1/meetings/${network.meetingId}/agenda`, { title: 'Aihe' })
      .expect(201);
    Object.assign(ids, {
      seriesId: network.seriesId,
      meetingId: network.meetingId,
      personId: network.people.anna,
      unitId: meeting.host.id,
      itemId: item.body.id,
      topicId: (
        await api.post(`/api/v1/series/${network.seriesId}/standing-topics`, { title: 'Seulat' }).expect(201)
      ).body.id,
      proposalId: (
        await api.post(`/api/v1/series/${network.seriesId}/proposals`, { title: 'Jonotus' }).expect(201)
      ).body.id,
      actionItemId: (
        await api
          .post(`/api/v1/agenda-items/${item.body.id}/action-items`, {
            title: 'Tehtävä',
            ownerUnitId: meeting.host.id,
            raisedBy: { kind: 'meeting' },
          })
          .expect(201)
      ).body.id,
      minutesId: (await api.put(`/api/v1/meetings/${network.meetingId}/minutes`, {}).expect(201)).body.id,
      blackoutId: (
        await api
          .post(`/api/v1/units/${meeting.host.id}/blackouts`, {
            startsOn: '2028-07-01',
            endsOn: '2028-07-31',
          })
          .expect(201)
      ).body.id,
    });
    const invitation = (await t.db.query(`SELECT id FROM invitation WHERE person_id = $1`, [
      network.people.tiina,
    ])) as {
      id: string;
    }[];
    tokens.rsvp = await mintToken(t.db.manager, 'rsvp', invitation[0].id);
    tokens.unsubscribe = await mintToken(t.db.manager, 'unsubscribe', network.people.tiina, network.seriesId);
    tokens.minutes = await mintToken(t.db.manager, 'minutes', network.people.tiina, network.seriesId);
    doc = (await request(t.http).get('/api/docs-json').expect(200)).body as OpenApi;
    tables = (
      (await t.db.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      )) as {
        table_name: string;
      }[]
    )
      .map((r) => r.table_name)
      .filter((n) => !NOT_COMPARED.has(n))
      .sort();

    // The coordinator's browser: the emailed login link, then the CSRF token of a page.
    const agent = request.agent(t.http);
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
    browser = { agent, csrf: csrfOf((await agent.get('/').expect(200)).text) };
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** Every compared table's row count and a digest of its rows. */
  async function snapshot(): Promise<string> {
    const sql = tables
      .map(
        (n) =>
          `SELECT '${n}' AS t, count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${n}" x`,
      )
      .join(' UNION ALL ');
    const rows = (await t.db.query(sql)) as { t: string; n: string; h: string }[];
    return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('\n');
  }

  async function proposalKey(): Promise<string> {
    const rows = (await t.db.query(`SELECT proposal_key FROM series WHERE id = $1`, [ids.seriesId])) as {
      proposal_key: string;
    }[];
    return rows[0].proposal_key;
  }

  /** `/series/{seriesId}` or `/series/:seriesId` with the fixture's ids. */
  async function fill(path: string, token?: TokenKind): Promise<string> {
    let out = path;
    for (const [whole, name] of path.matchAll(/[{:](\w+)}?/g)) {
      const value =
        name === 'key'
          ? await proposalKey()
          : name === 'token' || name === 'file'
            ? ((token && tokens[token]) ?? randomBytes(32).toString('base64url'))
            : (ids[name] ?? randomUUID());
      out = out.replace(whole, value);
    }
    return out;
  }

  const resolve = (s: Schema): Schema =>
    s.$ref
      ? resolve(doc.components.schemas[s.$ref.split('/').pop()!])
      : s.allOf?.length
        ? resolve(s.allOf[0])
        : s;

  /** A value the schema accepts, as far as the schema tells (examples, enums, formats). */
  function validValue(schema: Schema, name: string, depth = 0): unknown {
    const s = resolve(schema);
    if (s.example !== undefined) return s.example;
    if (s.enum?.length) return s.enum[0];
    if (s.format === 'uuid') {
      if (/unit/i.test(name)) return ids.unitId;
      if (/person|assignee|proposer/i.test(name)) return ids.personId;
      if (/item/i.test(name)) return ids.itemId;
      return ids.seriesId;
    }
    if (/date|On$/.test(name)) return '2027-03-01';
    if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
    if (s.type === 'boolean') return true;
    if (s.type === 'array') return [validValue(s.items ?? {}, name, depth + 1)];
    if (s.properties && depth < 4) {
      return Object.fromEntries(
        (s.required ?? []).map((k) => [k, validValue(s.properties![k], k, depth + 1)]),
      );
    }
    return s.type === 'object' ? null : 'Testi';
  }

  /** The valid-ish body with one (possibly nested) field replaced by a bad value. */
  function mutatedBody(schema: Schema): fc.Arbitrary<{ body: unknown; field: string }> {
    const s = resolve(schema);
    const base = validValue(s, 'body') as Record<string, unknown>;
    const fields: string[] = [];
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      fields.push(k);
      for (const inner of Object.keys(resolve(p).properties ?? {})) fields.push(`${k}.${inner}`);
    }
    fields.push('unknownField');
    return fc.tuple(fc.constantFrom(...fields), badValue).map(([field, value]) => {
      const body = structuredClone(base ?? {});
      const [outer, inner] = field.split('.');
      if (inner) {
        const parent = body[outer];
        body[outer] = { ...(parent && typeof parent === 'object' ? parent : {}), [inner]: value };
      } else body[outer] = value;
      return { body, field };
    });
  }

  /** Sends one probe: a problem in words, or null. */
  /** The tables as they are now: taken once, then after every request. */
  let current: string | undefined;

  /** Requests sent, for the reliability report. */
  let sent = 0;

  async function check(p: Probe, session: boolean): Promise<string | null> {
    sent += 1;
    const before = current ?? (await snapshot());
    const agent = session ? browser.agent : request(t.http);
    let req = agent[p.method](p.path);
    if (session) req = req.set('X-CSRF-Token', browser.csrf);
    else req = req.set('Authorization', auth);
    for (const [k, v] of Object.entries(p.headers)) req = req.set(k, v);
    const res = p.body === undefined ? await req : await req.send(p.body);
    const short = (x: unknown) => String(x).replace(/\s+/g, ' ').slice(0, 160);
    const after = await snapshot();
    current = after;
    const where = `${p.method.toUpperCase()} ${p.path} (${p.what}: ${short(p.body)}): ${res.status} ${short(res.text)}`;
    if (res.status >= 500) return where;
    // Personal data everywhere: neither API answers nor pages (errors included) may be cached.
    const page = /text\/html/.test(String(res.headers['content-type']));
    if ((!session || page) && !/no-store/.test(String(res.headers['cache-control']))) {
      return `${where}: no Cache-Control: no-store`;
    }
    if (res.status >= 400 && res.status < 500) {
      if (!session && res.status !== 404 && typeof res.body?.message === 'undefined') {
        return `${where}: a 4xx without a message`;
      }
      if ([413, 415].includes(res.status) && !session && !Array.isArray(res.body?.errors)) {
        return `${where}: no errors list`;
      }
      if (after !== before) {
        const changed = after.split('\n').filter((l) => !before.split('\n').includes(l));
        return `${where}: refused but wrote ${changed.map((l) => l.split(':')[0]).join(', ')}`;
      }
    }
    return null;
  }

  async function fuzz(
    label: string,
    arb: fc.Arbitrary<Omit<Probe, 'method' | 'path'>>,
    method: Probe['method'],
    path: string,
    session: boolean,
    token?: TokenKind,
  ): Promise<string[]> {
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(arb, async (probe) => {
        const problem = await check({ ...probe, method, path: await fill(path, token) }, session);
        if (problem) problems.push(`${label}: ${problem}`);
      }),
      { numRuns: RUNS },
    );
    return problems;
  }

  /** Changes that take away the fixture's records go last, so the other routes meet live ones. */
  const last = (path: string) =>
    /(cancel|erase|decline|merge|accept|publish|proposal-link|remove)/.test(path);

  it(
    'no API write route answers 5xx or writes anything when it refuses',
    async () => {
      const routes = Object.entries(doc.paths)
        .flatMap(([path, ops]) =>
          Object.entries(ops)
            .filter(([m]) => ['post', 'put', 'patch'].includes(m))
            .map(([m, op]) => ({
              method: m as Probe['method'],
              path,
              schema: op.requestBody?.content?.['application/json']?.schema,
            })),
        )
        .sort((a, b) => Number(last(a.path)) - Number(last(b.path)));
      expect(routes.length).toBeGreaterThan(30);
      const problems: string[] = [];
      for (const r of routes) {
        const label = `${r.method.toUpperCase()} ${r.path}`;
        if (r.schema) {
          const mutated = mutatedBody(r.schema).map(({ body, field }) => ({
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
            what: `${field} mutated`,
          }));
          problems.push(...(await fuzz(label, mutated, r.method, r.path, false)));
        }
        problems.push(...(await fuzz(label, rawProbe, r.method, r.path, false)));
      }
      report('fuzz: every API write route of the OpenAPI document', {
        routes: routes.length,
        requests: sent,
        problems: problems.length,
      });
      sent = 0;
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'no page form answers 5xx or writes anything when it refuses',
    async () => {
      const routes = ACCESS_MATRIX.filter(
        (r) =>
          r.method === 'POST' &&
          !r.path.startsWith('/api/') &&
          !r.path.startsWith('/logout') &&
          !r.path.endsWith('/coordinators/leave'),
      ).sort((a, b) => Number(last(a.path)) - Number(last(b.path)));
      expect(routes.length).toBeGreaterThan(30);
      const problems: string[] = [];
      for (const r of routes) {
        problems.push(...(await fuzz(`POST ${r.path}`, formProbe, 'post', r.path, true, r.token)));
      }
      report('fuzz: every page form (session and CSRF, personal links)', {
        routes: routes.length,
        requests: sent,
        problems: problems.length,
      });
      sent = 0;
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
