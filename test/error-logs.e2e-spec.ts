import { LoggerService } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, TestApp } from '@kierto/testing';

/**
 * The error log says route, status and error class, never what was sent: bodies, query strings
 * (tokens travel there), personal tokens in paths, or values echoed in error messages.
 */
describe('error logs without input (e2e)', () => {
  let t: TestApp;
  let auth: string;
  const lines: string[] = [];
  const capture: LoggerService = {
    log: (m: unknown) => lines.push(`log ${String(m)}`),
    error: (m: unknown, ...rest: unknown[]) => lines.push(`error ${String(m)} ${rest.map(String).join(' ')}`),
    warn: (m: unknown) => lines.push(`warn ${String(m)}`),
    debug: (m: unknown) => lines.push(`debug ${String(m)}`),
    verbose: (m: unknown) => lines.push(`verbose ${String(m)}`),
    fatal: (m: unknown) => lines.push(`fatal ${String(m)}`),
  };

  beforeAll(async () => {
    t = await createTestApp();
    auth = (await t.coordinator()).auth;
    t.app.useLogger(capture);
  });
  afterAll(() => t.close());

  it('logs the route, status and error class of refused and failed requests, not their input', async () => {
    const secret = 'Salainen-Henkilotunnus-010101A123B';
    // body-parser echoes the charset in its message; a JSON syntax error keeps the raw body.
    const charset = await request(t.http)
      .post(`/api/v1/series?token=${secret}`)
      .set('Authorization', auth)
      .set('Content-Type', `application/json; charset=${secret}`)
      .send('{}');
    expect(charset.status).toBe(415);
    const broken = await request(t.http)
      .post(`/api/v1/series?token=${secret}`)
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send(`{"name":"${secret}`);
    expect(broken.status).toBe(400);
    const big = await request(t.http)
      .post(`/rsvp/${secret}`)
      .type('form')
      .send(`note=${secret}${'x'.repeat(150_000)}`);
    expect(big.status).toBe(413);
    expect(big.text).not.toContain(secret);

    const all = lines.join('\n');
    expect(all).toContain('POST /api/v1/series 415 UnsupportedMediaTypeError');
    expect(all).toContain('POST /rsvp/[token] 413 PayloadTooLargeError');
    expect(all.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(all).not.toContain('token=');
  });
});
