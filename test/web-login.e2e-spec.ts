import request from 'supertest';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

type Agent = ReturnType<typeof request.agent>;

/**
 * Login by emailed link, sessions and the form protections, over HTTP. Each test sends its requests
 * from its own client address (X-Forwarded-For from loopback, which the app trusts), so the per-IP
 * limits of one test do not spill into another.
 */
describe('web login and sessions (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  let mainAuth: string;
  /** Each test logs in as its own coordinator of the series, so per-address limits stay per test. */
  let me: { email: string; id: string };
  let n = 0;
  let ipCounter = 0;
  const nextIp = () => `192.0.2.${++ipCounter}`;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      PUBLIC_URL: 'http://kierto.test',
      LOGIN_LIMIT_PER_ADDRESS: '3',
      LOGIN_LIMIT_PER_IP: '6',
      FORM_LIMIT_PER_MINUTE: '25',
    });
    mainAuth = (await t.coordinator('main@example.test', 'Main Coordinator')).auth;
    network = await createWebNetwork(t, mainAuth);
  });
  beforeEach(async () => {
    n += 1;
    const email = `kaisa${n}@example.test`;
    // Added by the main coordinator first (who may add only people they see), then granted the role.
    const added = await request(t.http)
      .post('/api/v1/people')
      .set('Authorization', mainAuth)
      .send({ displayName: 'Kaisa Koordinaattori', kind: 'staff', email })
      .expect(201);
    const { personId } = await t.coordinator(email, 'Kaisa Koordinaattori');
    expect(personId).toBe(added.body.id);
    await request(t.http)
      .put(`/api/v1/series/${network.seriesId}/coordinators/${personId}`)
      .set('Authorization', mainAuth)
      .expect(200);
    me = { email, id: personId };
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** A browser: keeps cookies, comes from one address. */
  function browser(ip = nextIp()) {
    const agent: Agent = request.agent(t.http);
    return {
      ip,
      get: (p: string) => agent.get(p).set('X-Forwarded-For', ip),
      post: (p: string, form: Record<string, string> = {}) =>
        agent.post(p).set('X-Forwarded-For', ip).type('form').send(form),
      /** GETs a page and POSTs its form with the page's CSRF token; checks the status when given. */
      async submit(page: string, action: string, form: Record<string, string> = {}, status?: number) {
        const html = (await agent.get(page).set('X-Forwarded-For', ip).expect(200)).text;
        const res = await agent
          .post(action)
          .set('X-Forwarded-For', ip)
          .type('form')
          .send({ ...form, _csrf: csrfOf(html) });
        if (status !== undefined) expect(res.status).toBe(status);
        return res;
      },
    };
  }
  type Browser = ReturnType<typeof browser>;

  const mailsTo = (to: string) => sink.received.filter((m) => m.to === to);

  /** Asks for a link and returns the path from the email that arrives. */
  async function askLink(b: Browser, email: string, formPage = '/login'): Promise<string> {
    const before = mailsTo(email).length;
    await b.submit(formPage, '/login', { email }, 200);
    const mails = await waitForMail(sink.received, email, before + 1);
    return loginPathOf(mails[mails.length - 1]);
  }

  async function logIn(b: Browser, email = me.email, formPage = '/login') {
    const link = await askLink(b, email, formPage);
    const res = await b.submit(link, link, {}, 303);
    expect(res.headers.location).toBe('/');
    return res;
  }

  const tokenRow = async (path: string) => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256')
      .update(path.split('/').pop() as string)
      .digest('hex');
    const rows: { used_at: Date | null }[] = await t.db.query(
      `SELECT used_at FROM login_token WHERE token_hash = $1`,
      [hash],
    );
    return rows[0];
  };
  const audit = async (action: string, personId: string) =>
    (
      await t.db.query(`SELECT * FROM audit_event WHERE action = $1 AND actor_person_id = $2`, [
        action,
        personId,
      ])
    ).length as number;

  it('answers the same page for a known and an unknown address, and mails only people who may log in', async () => {
    const b = browser();
    const html = (await b.get('/login').expect(200)).text;
    const csrf = csrfOf(html);
    const known = await b.post('/login', { email: me.email.toUpperCase(), _csrf: csrf }).expect(200);
    const unknown = await b.post('/login', { email: 'nobody@example.test', _csrf: csrf }).expect(200);
    const serviceUser = await b.post('/login', { email: network.emails.tiina, _csrf: csrf }).expect(200);
    expect(unknown.text).toBe(known.text);
    expect(serviceUser.text).toBe(known.text);
    expect(known.text).toContain('Jos osoite on Kierrossa, lähetimme siihen linkin.');

    const [mail] = await waitForMail(sink.received, me.email);
    expect(mail.parsed.subject).toBe('Kirjautumislinkki Kiertoon');
    expect(mail.parsed.text).toContain('Hei Kaisa Koordinaattori,');
    expect(mail.parsed.text).toContain('Linkki toimii 10 minuuttia ja vain kerran.');
    expect(mail.parsed.html).toContain(loginPathOf(mail));
    expect(loginPathOf(mail)).toMatch(/^\/login\/[A-Za-z0-9_-]{43}$/);
    // Service users never log in by email, unknown addresses get nothing.
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(network.emails.tiina)).toHaveLength(0);
    expect(mailsTo('nobody@example.test')).toHaveLength(0);
  });

  it('writes the login email in the person’s language', async () => {
    const link = await askLink(browser(), network.emails.erik);
    const mail = mailsTo(network.emails.erik).pop();
    expect(mail?.parsed.subject).toBe('Inloggningslänk till Kierto');
    expect(mail?.parsed.text).toContain('Länken fungerar i 10 minuter och bara en gång.');
    expect(link).toMatch(/^\/login\//);
  });

  it('does not log in when the link is only opened (GET)', async () => {
    const b = browser();
    const link = await askLink(b, me.email);
    const landing = await b.get(link).expect(200);
    expect(landing.text).toContain('Kirjaudu sisään');
    expect(((landing.headers['set-cookie'] as unknown as string[] | undefined) ?? []).join(';')).not.toMatch(
      /kierto_session=/,
    );
    await b.get('/').expect(303).expect('Location', '/login');
    expect((await tokenRow(link)).used_at).toBeNull();
  });

  it('logs in with the button, once: the second use of the link fails', async () => {
    const b = browser();
    const link = await askLink(b, me.email);
    expect((await b.submit(link, link, {}, 303)).headers.location).toBe('/');
    const home = await b.get('/').expect(200);
    expect(home.text).toContain('Kaisa Koordinaattori');
    expect(home.text).toContain('Kiertävä kokous, Vantaa');

    const other = browser();
    expect((await other.get(link).expect(200)).text).toContain('Linkki ei toimi enää');
    const csrf = csrfOf((await other.get('/login').expect(200)).text);
    const again = await other.post(link, { _csrf: csrf }).expect(400);
    expect(again.text).toContain('Linkki ei toimi enää');
    await other.get('/').expect(303);
    const failed: { details: { reason: string } }[] = await t.db.query(
      `SELECT details FROM audit_event WHERE action = 'login-failed' AND subject = $1`,
      [`person:${me.id}`],
    );
    expect(failed.map((f) => f.details.reason)).toContain('used');
    expect(await audit('login', me.id)).toBeGreaterThan(0);
  });

  it('refuses an expired link', async () => {
    const b = browser();
    const link = await askLink(b, me.email);
    const page = (await b.get(link).expect(200)).text;
    await t.db.query(
      `UPDATE login_token SET expires_at = now() - interval '1 second' WHERE person_id = $1 AND used_at IS NULL`,
      [me.id],
    );
    await b.post(link, { _csrf: csrfOf(page) }).expect(400);
    await b.get('/').expect(303);
  });

  it('a newer link makes the earlier unused one invalid', async () => {
    const b = browser();
    const first = await askLink(b, me.email);
    const second = await askLink(b, me.email);
    expect(second).not.toBe(first);
    expect((await b.get(first).expect(200)).text).toContain('Linkki ei toimi enää');
    await b.post(first, { _csrf: csrfOf((await b.get('/login').expect(200)).text) }).expect(400);
    await b.submit(second, second, {}, 303);
  });

  it('answers 429 after too many links for one address, known or not', async () => {
    // A known address and an unknown one are counted alike.
    for (const email of [me.email, 'stranger@example.test']) {
      const statuses: number[] = [];
      // Each attempt from a new address; a window edge can reset the count once, hence 2 × limit + 1.
      for (let i = 0; i < 7 && !statuses.includes(429); i++) {
        statuses.push((await browser().submit('/login', '/login', { email })).status);
      }
      expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(3);
    }
    const limited = await browser().submit('/login', '/login', { email: me.email });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.text).toContain('Liian monta yritystä');
  });

  it('answers 429 after too many links from one IP address', async () => {
    const b = browser();
    const statuses: number[] = [];
    for (let i = 0; i < 13 && !statuses.includes(429); i++) {
      statuses.push((await b.submit('/login', '/login', { email: `someone${i}@example.test` })).status);
    }
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(6);
  });

  it('throttles the anonymous forms per IP (@nestjs/throttler, counted in PostgreSQL)', async () => {
    const b = browser();
    const statuses: number[] = [];
    for (let i = 0; i < 51 && !statuses.includes(429); i++) statuses.push((await b.get('/login')).status);
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(25);
    const rows: unknown[] = await t.db.query(`SELECT 1 FROM rate_limit WHERE key LIKE 'throttle:forms:%'`);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, and Secure with the __Host- prefix over HTTPS', async () => {
    const res = await logIn(browser());
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('kierto_session='),
    );
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
    expect(cookie).toMatch(/kierto_session=[A-Za-z0-9_-]{43};/);

    // Behind a TLS proxy: every cookie Secure, with the __Host- prefix.
    const ip = nextIp();
    const https = (r: request.Test) => r.set('X-Forwarded-Proto', 'https').set('X-Forwarded-For', ip);
    const form = await https(request(t.http).get('/login')).expect(200);
    const csrfCookie = (form.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('__Host-kierto_csrf='),
    ) as string;
    expect(csrfCookie).toMatch(/; Secure/);
    const jar = csrfCookie.split(';')[0];
    const before = mailsTo(me.email).length;
    await https(request(t.http).post('/login'))
      .set('Cookie', jar)
      .type('form')
      .send({ email: me.email, _csrf: csrfOf(form.text) })
      .expect(200);
    const mails = await waitForMail(sink.received, me.email, before + 1);
    const link = loginPathOf(mails[mails.length - 1]);
    const landing = await https(request(t.http).get(link)).set('Cookie', jar).expect(200);
    const done = await https(request(t.http).post(link))
      .set('Cookie', jar)
      .type('form')
      .send({ _csrf: csrfOf(landing.text) })
      .expect(303);
    const session = (done.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('__Host-kierto_session='),
    );
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
  });

  it('rotates the session id at login', async () => {
    const b = browser();
    const first = await logIn(b);
    const old = (first.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('kierto_session='))
      ?.split(';')[0] as string;
    await logIn(b, me.email, '/');
    await b.get('/').expect(200);
    await request(t.http).get('/').set('Cookie', old).expect(303);
  });

  it('refuses a form without a valid CSRF token with 403', async () => {
    const b = browser();
    await logIn(b);
    await b.post('/logout').expect(403);
    await b.post('/logout', { _csrf: 'x'.repeat(43) }).expect(403);
    await b.post(`/meetings/${network.meetingId}/confirm`).expect(403);
    await b.get('/').expect(200);
    // A token from another browser (another cookie) does not fit this one.
    const other = browser();
    const foreign = csrfOf((await other.get('/login').expect(200)).text);
    await b.post('/logout', { _csrf: foreign }).expect(403);
    // The browser says another site sent the form.
    const html = (await b.get('/').expect(200)).text;
    await b
      .post('/logout', { _csrf: csrfOf(html) })
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
    await browser().post('/login', { email: me.email }).expect(403);
    await b.get('/').expect(200);
  });

  it('logs out, and ends the session', async () => {
    const b = browser();
    await logIn(b);
    const res = await b.submit('/', '/logout', {}, 200);
    expect(res.text).toContain('Olet kirjautunut ulos');
    await b.get('/').expect(303).expect('Location', '/login');
    expect(await audit('logout', me.id)).toBeGreaterThan(0);
  });

  it('logs out everywhere: every session of the person ends', async () => {
    const laptop = browser();
    const phone = browser();
    await logIn(laptop);
    await logIn(phone);
    await phone.get('/').expect(200);
    await laptop.submit('/', '/logout/everywhere', {}, 200);
    await laptop.get('/').expect(303);
    await phone.get('/').expect(303);
    expect(await audit('logout-everywhere', me.id)).toBe(1);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = browser();
    await logIn(idle);
    await t.db.query(
      `UPDATE web_session SET last_seen_at = now() - interval '121 minutes' WHERE person_id = $1`,
      [me.id],
    );
    await idle.get('/').expect(303);
    const old = browser();
    await logIn(old);
    await t.db.query(`UPDATE web_session SET expires_at = now() - interval '1 second' WHERE person_id = $1`, [
      me.id,
    ]);
    await old.get('/').expect(303);
  });

  it('shows staff members their series read only, and keeps them from confirming', async () => {
    const b = browser();
    await logIn(b, network.emails.anna);
    const home = await b.get('/').expect(200);
    expect(home.text).toContain('Sarjat, joissa olet mukana');
    expect(home.text).not.toContain('Vahvista kokous');
    const res = await b.post(`/meetings/${network.meetingId}/confirm`, { _csrf: csrfOf(home.text) });
    expect(res.status).toBe(404);
    const meeting: { status: string }[] = await t.db.query(`SELECT status FROM meeting WHERE id = $1`, [
      network.meetingId,
    ]);
    expect(meeting[0].status).toBe('draft');
  });

  it('switches the language with ?lang= and remembers it', async () => {
    const b = browser();
    const sv = await b.get('/login?lang=sv').expect(200);
    expect(sv.text).toContain("<html lang='sv'>");
    expect(sv.text).toContain('Skicka länken');
    const again = await b.get('/login').expect(200);
    expect(again.text).toContain('Skicka länken');
    const fi = await browser().get('/login').expect(200);
    expect(fi.text).toContain('Lähetä linkki');
  });

  it('sends a strict CSP, no-store on pages, and keeps the API docs and RSVP pages working', async () => {
    const page = await browser().get('/login').expect(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).not.toMatch(/<style|style=|<script/);

    const css = await request(t.http).get('/assets/kierto.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);

    const docs = await request(t.http).get('/api/docs/').redirects(1).expect(200);
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    await request(t.http).get('/api/docs-json').expect(200);

    const rsvp = await request(t.http).get('/rsvp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').expect(404);
    expect(rsvp.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
