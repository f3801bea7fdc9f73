import request from 'supertest';
import { LoginService } from '@kierto/access';
import { createTestApp, TestApp } from '@kierto/testing';
import { csrfOf } from './browser/web-fixtures';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

/**
 * Asking for a login link answers in the same time for a known and an unknown address: everything that
 * depends on the address runs after the answer. Compared as a ratio of medians, so a slow machine
 * does not make it flaky.
 */
describe('login link request timing (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_LIMIT_PER_ADDRESS: '1000',
      LOGIN_LIMIT_PER_IP: '1000',
      FORM_LIMIT_PER_MINUTE: '1000',
    });
  });
  afterAll(() => t.close());

  it('answers a known and an unknown address equally fast, and still issues the link', async () => {
    const { personId } = await t.coordinator('timing@example.test', 'Timing Coordinator');
    const agent = request.agent(t.http);
    const csrf = csrfOf((await agent.get('/login').expect(200)).text);
    const login = t.app.get(LoginService);
    const ask = async (email: string) => {
      const started = process.hrtime.bigint();
      await agent.post('/login').type('form').send({ email, _csrf: csrf }).expect(200);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      await login.settled(); // the next try starts on a quiet server
      return ms;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 45; i++) {
      // Interleaved in both orders, so drift on a shared machine hits both sides alike; 5 warm up.
      const first = i % 2 === 0 ? 'timing@example.test' : 'nobody@example.test';
      const second = i % 2 === 0 ? 'nobody@example.test' : 'timing@example.test';
      const [a, b] = [await ask(first), await ask(second)];
      const [k, u] = i % 2 === 0 ? [a, b] : [b, a];
      if (i >= 5) {
        known.push(k);
        unknown.push(u);
      }
    }
    const ratio = median(known) / median(unknown);
    console.log(
      `login POST median: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.3);
    // The work did happen after the answers: one live link (the newest), an audit event per request.
    const [{ n }] = (await t.db.query(
      `SELECT count(*)::int AS n FROM login_token WHERE person_id = $1 AND used_at IS NULL`,
      [personId],
    )) as { n: number }[];
    expect(n).toBe(1);
    const [{ sent }] = (await t.db.query(
      `SELECT count(*)::int AS sent FROM audit_event WHERE action = 'login-link-sent' AND subject = $1`,
      [`person:${personId}`],
    )) as { sent: number }[];
    expect(sent).toBe(45);
  });
});
