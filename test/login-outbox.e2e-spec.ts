import request from 'supertest';
import { LOGIN_PRIORITY, MailDispatcher, MailJob, OutboxService } from '@kierto/mail';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

/**
 * The login email goes through the outbox: a row in the transaction of the token, sent at once,
 * retried after a temporary failure, on record, and without the raw token once it is done with.
 */
describe('the login email through the outbox (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  /** The SMTP server refuses the next message with 451 when this is set. */
  let refuseNext = false;
  const EMAIL = 'coord@example.test';
  const loginRows = () =>
    t.db.getRepository(MailJob).find({ where: { kind: 'login-link' }, order: { createdAt: 'ASC' } });
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out');
  };
  const askForLink = async () => {
    const agent = request.agent(t.http);
    const form = (await agent.get('/login').expect(200)).text;
    await agent
      .post('/login')
      .type('form')
      .send({ email: EMAIL, _csrf: csrfOf(form) })
      .expect(200);
    return agent;
  };

  beforeAll(async () => {
    sink = await startSmtpSink({
      onData: () => {
        if (!refuseNext) return undefined;
        refuseNext = false;
        return 451;
      },
    });
    t = await createTestApp({ SMTP_URL: sink.url, MAIL_RETRY_BASE_SECONDS: '0' });
    await t.coordinator(EMAIL);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('sends the link at once, with priority, and keeps no token in the row', async () => {
    const agent = await askForLink();
    const [mail] = await waitForMail(sink.received, EMAIL);
    const [row] = await loginRows();
    await until(async () => (await loginRows())[0].status === 'sent');
    const sent = (await loginRows())[0];
    expect(sent).toMatchObject({ personId: expect.any(String), priority: LOGIN_PRIORITY, attempts: 1 });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.payload.loginToken).toBeUndefined();
    const link = loginPathOf(mail);
    const token = link.split('/').pop() as string;
    const raw: { payload: string; idempotency_key: string }[] = await t.db.query(
      `SELECT payload::text, idempotency_key FROM mail_job WHERE id = $1`,
      [row.id],
    );
    expect(raw[0].payload).not.toContain(token);
    expect(raw[0].idempotency_key).not.toContain(token);
    const landing = (await agent.get(link).expect(200)).text;
    await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(landing) })
      .expect(303);
  });

  it('retries the link after an SMTP 451, and the retried link logs in', async () => {
    await t.db.query(`DELETE FROM mail_job`);
    refuseNext = true;
    const agent = await askForLink();
    await until(async () => (await loginRows())[0]?.status === 'retrying');
    const [waiting] = await loginRows();
    expect(waiting.lastError).toMatch(/^451/);
    expect(waiting.payload.loginToken).toEqual(expect.any(String));
    const before = sink.received.length;

    // The worker's next round.
    await t.app.get(MailDispatcher).dispatchDue(new Date(), 10);
    const [row] = await loginRows();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row.payload.loginToken).toBeUndefined();
    expect(sink.received).toHaveLength(before + 1);
    const link = loginPathOf(sink.received[sink.received.length - 1]);
    const landing = (await agent.get(link).expect(200)).text;
    await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(landing) })
      .expect(303);
  });

  it('does not send a link that a newer one replaced, and drops its token', async () => {
    await t.db.query(`DELETE FROM mail_job`);
    refuseNext = true;
    await askForLink();
    await until(async () => (await loginRows())[0]?.status === 'retrying');
    const before = sink.received.length;
    await askForLink();
    await until(async () => (await loginRows())[1]?.status === 'sent');
    await t.app.get(MailDispatcher).dispatchDue(new Date(), 10);
    const [old, fresh] = await loginRows();
    expect(old).toMatchObject({ status: 'superseded' });
    expect(old.payload.loginToken).toBeUndefined();
    expect(fresh.status).toBe('sent');
    expect(sink.received).toHaveLength(before + 1);
  });

  it('the worker takes priority rows before older ones', async () => {
    await t.db.query(`DELETE FROM mail_job`);
    const person = (await t.db.query(`SELECT id FROM person WHERE email_normalized = $1`, [EMAIL]))[0].id;
    // Older rows of another kind, due since an hour (their meeting is gone, so they would be skipped).
    await t.db.getRepository(MailJob).insert(
      Array.from({ length: 5 }, (_, i) => ({
        idempotencyKey: `old-${i}`,
        kind: 'invitation' as const,
        meetingId: null,
        personId: person,
        sequence: 0,
        nextAttemptAt: new Date(Date.now() - 3600_000),
      })),
    );
    const id = await t.db.transaction((em) =>
      t.app.get(OutboxService).enqueueLogin(em, person, 'x'.repeat(43)),
    );
    expect(await t.app.get(MailDispatcher).dispatchDue(new Date(), 1)).toBe(1);
    const rows = await t.db.getRepository(MailJob).find({});
    expect(rows.find((r) => r.id === id)?.status).not.toBe('queued');
    expect(rows.filter((r) => r.id !== id).map((r) => r.status)).toEqual(Array(5).fill('queued'));
  });
});
