import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { simpleParser } from 'mailparser';
import { issueLoginLink, LoginService } from '@kierto/access';
import { MailDispatcher } from '@kierto/mail';
import { createTestApp, TestApp } from '@kierto/testing';
import { csrfOf } from './browser/web-fixtures';

type Agent = ReturnType<typeof request.agent>;

/** Logs in with a link from `npm run cli -- login-link` (what the operator does at the terminal). */
async function logInByCli(t: TestApp, email: string): Promise<Agent> {
  const issued = await issueLoginLink(t.db, t.config, email, 'cli');
  expect(issued).not.toBeNull();
  const link = new URL(issued!.url).pathname;
  const agent = request.agent(t.http);
  const landing = await agent.get(link).expect(200);
  await agent
    .post(link)
    .type('form')
    .send({ _csrf: csrfOf(landing.text) })
    .expect(303);
  return agent;
}

describe('the development outbox without SMTP_URL (e2e)', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kierto-outbox-'));
    t = await createTestApp({ DATA_DIR: dataDir, PUBLIC_URL: 'http://kierto.test' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes each message 0600 in a 0700 folder, and shows a coordinator only their series’ mail, from this computer', async () => {
    const { auth, personId } = await t.coordinator('me@example.test', 'Minä');
    await t.coordinator('other@example.test', 'Toinen');
    const api = (m: 'post' | 'put', p: string, body: object = {}) =>
      request(t.http)[m](p).set('Authorization', auth).send(body);
    const series = await api('post', '/api/v1/series', {
      name: 'Outbox series',
      cadenceMonths: 1,
      dayRule: { nth: 1, weekday: 3 },
      startTime: '10:00',
      durationMinutes: 60,
    }).expect(201);
    const unit = await api('post', '/api/v1/units', { name: 'Outbox unit', streetAddress: 'Katu 5' }).expect(
      201,
    );
    await api('put', `/api/v1/series/${series.body.id}/rotation`, { unitIds: [unit.body.id] }).expect(200);
    await api('put', `/api/v1/series/${series.body.id}/members/${personId}`).expect(200);
    const meeting = await api('post', `/api/v1/series/${series.body.id}/meetings/next`).expect(201);
    await api('post', `/api/v1/meetings/${meeting.body.id}/confirm`).expect(200);
    await t.app.get(MailDispatcher).dispatchDue(new Date());

    const folder = path.join(dataDir, 'outbox');
    const files = fs.readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(folder, files[0])).mode & 0o777).toBe(0o600);
    const mail = await simpleParser(fs.readFileSync(path.join(folder, files[0])));
    expect(mail.subject).toMatch(/^Kutsu/);
    // Another coordinator's login email lies in the same folder.
    const foreign = 'zz-foreign.eml';
    fs.writeFileSync(
      path.join(folder, foreign),
      'To: other@example.test\r\nSubject: Kirjautumislinkki\r\n\r\nx\r\n',
    );

    // Nobody without a session: to the login page; not even the file by name.
    const anonymous = await request(t.http).get('/dev/outbox');
    expect([302, 303]).toContain(anonymous.status);
    expect(anonymous.headers.location).toMatch(/^\/login/);
    expect((await request(t.http).get(`/dev/outbox/${files[0]}`)).headers.location).toMatch(/^\/login/);

    const me = await logInByCli(t, 'me@example.test');
    const page = await me.get('/dev/outbox').expect(200);
    expect(page.text).toContain(files[0]);
    expect(page.text).not.toContain(foreign);
    await me.get(`/dev/outbox/${files[0]}`).expect(200);
    await me.get(`/dev/outbox/${foreign}`).expect(404);
    await me.get('/dev/outbox/..%2F..%2Fetc%2Fpasswd').expect(404);
    // From another computer (through a proxy on this one): as if there were no outbox.
    await me.get('/dev/outbox').set('X-Forwarded-For', '203.0.113.7').expect(404);
    await me.get(`/dev/outbox/${files[0]}`).set('X-Forwarded-For', '203.0.113.7').expect(404);

    // The other coordinator sees their own login email, not the first one's invitation.
    const other = await logInByCli(t, 'other@example.test');
    const theirs = await other.get('/dev/outbox').expect(200);
    expect(theirs.text).toContain(foreign);
    expect(theirs.text).not.toContain(files[0]);
    await other.get(`/dev/outbox/${files[0]}`).expect(404);

    // A staff member with a session is no coordinator: nothing.
    await api('post', '/api/v1/people', {
      displayName: 'Sari',
      kind: 'staff',
      email: 'sari@example.test',
    }).expect(201);
    const staff = await logInByCli(t, 'sari@example.test');
    await staff.get('/dev/outbox').expect(404);
  });

  it('login-link prints nothing usable for an address that cannot log in, and each new link ends the older one', async () => {
    await expect(issueLoginLink(t.db, t.config, 'nobody@example.test', 'cli')).resolves.toBeNull();
    await t.coordinator('twice@example.test', 'Kahdesti');
    const first = await issueLoginLink(t.db, t.config, 'twice@example.test', 'cli');
    const second = await issueLoginLink(t.db, t.config, 'twice@example.test', 'cli');
    expect(second!.url).toMatch(/^http:\/\/kierto\.test\/login\/[\w-]{43}$/);
    const login = t.app.get(LoginService);
    const tokenOf = (url: string) => new URL(url).pathname.split('/').pop() as string;
    await expect(login.isUsable(tokenOf(first!.url))).resolves.toBe(false);
    await expect(login.isUsable(tokenOf(second!.url))).resolves.toBe(true);
    const audit: { details: Record<string, string> }[] = await t.db.query(
      `SELECT details FROM audit_event WHERE action = 'login-link-sent' AND details->>'via' = 'cli'`,
    );
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain('@');
  });
});
