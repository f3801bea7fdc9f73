import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dataSourceOptions } from '@kierto/database';
import { MIGRATIONS } from '../libs/database/src/migrations';
import { CoordinatorService, hashToken } from '@kierto/network';
import { createTestApp, TestApp } from '@kierto/testing';

const run = promisify(execFile);

describe('API tokens: names, expiry, revocation (e2e)', () => {
  let t: TestApp;
  let cli: (...args: string[]) => Promise<{ stdout: string; stderr: string }>;
  beforeAll(async () => {
    t = await createTestApp();
    cli = (...args) =>
      run(process.execPath, ['scripts/cli.mjs', ...args], {
        env: { ...process.env, DATABASE_URL: t.config.DATABASE_URL },
      });
  });
  afterAll(() => t.close());

  const lastLine = (s: string) => s.trim().split('\n').pop() as string;
  const get = (token: string) =>
    request(t.http).get('/api/v1/series').set('Authorization', `Bearer ${token}`);

  it('issues a named token with an expiry, lists it without the secret, replaces and revokes it', async () => {
    const email = 'tokens@example.test';
    const first = await cli(
      'coordinator:create',
      '--email',
      email,
      '--name',
      'Token Person',
      '--token-name',
      'laptop',
      '--days',
      '30',
    );
    const laptop = lastLine(first.stdout);
    expect(first.stdout).toContain('Token "laptop" works until');
    await get(laptop).expect(200);
    const [row] = (await t.db.query(
      `SELECT expires_at - created_at AS life FROM api_token WHERE token_hash = $1`,
      [hashToken(laptop)],
    )) as { life: { days: number } }[];
    expect(row.life.days).toBe(30);

    // Re-running with the same name replaces the token: the old one stops working.
    const again = await cli(
      'coordinator:create',
      '--email',
      email,
      '--name',
      'Token Person',
      '--token-name',
      'laptop',
    );
    const laptop2 = lastLine(again.stdout);
    expect(again.stdout).toContain('replaces the earlier token "laptop"');
    await get(laptop).expect(401);
    await get(laptop2).expect(200);
    const phone = (await t.app.get(CoordinatorService).createWithToken(email, 'x', { tokenName: 'phone' }))
      .token;

    const listed = await cli('coordinator:tokens', '--email', email);
    const lines = listed.stdout.split('\n').filter((l) => /\b(laptop|phone)\b/.test(l));
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.includes(' laptop  active '))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(' laptop  revoked '))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(' phone  active '))).toHaveLength(1);
    for (const secret of [laptop, laptop2, phone, hashToken(laptop2)])
      expect(listed.stdout).not.toContain(secret);

    const revoked = await cli('coordinator:revoke', '--email', email, '--token-name', 'laptop');
    expect(revoked.stdout).toContain('Revoked token "laptop"');
    await get(laptop2).expect(401);
    await get(phone).expect(200);
    const phoneId = lines.find((l) => l.includes(' phone '))?.split('  ')[0] as string;
    await t.app.get(CoordinatorService).revokeToken(email, { id: phoneId });
    await get(phone).expect(401);
    await expect(cli('coordinator:revoke', '--email', email, '--token-name', 'laptop')).rejects.toMatchObject(
      {
        stderr: expect.stringContaining('has no live token laptop'),
      },
    );
  });

  it('an expired token answers 401; the default life is 90 days', async () => {
    const { token } = await t.app.get(CoordinatorService).createWithToken('expiry@example.test', 'Expiry');
    const [row] = (await t.db.query(
      `SELECT name, expires_at - created_at AS life FROM api_token WHERE token_hash = $1`,
      [hashToken(token)],
    )) as { name: string; life: { days: number } }[];
    expect(row).toEqual({ name: 'default', life: { days: 90 } });
    await get(token).expect(200);
    await t.db.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
      hashToken(token),
    ]);
    const res = await get(token).expect(401);
    expect(JSON.stringify(res.body)).toContain('not valid');
  });

  it('refuses bad options with the option named', async () => {
    await expect(
      cli('coordinator:create', '--email', 'a@example.test', '--name', 'A', '--days', '0'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--days must be a whole number from 1 to 730'),
    });
    await expect(
      cli('coordinator:create', '--email', 'a@example.test', '--name', 'A', '--token-name', 'two words'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('--token-name must be') });
    await expect(cli('coordinator:tokens', '--email', 'nobody@example.test')).rejects.toMatchObject({
      stderr: expect.stringContaining('No coordinator has the address nobody@example.test'),
    });
  });

  it('the migration names existing tokens and gives them 90 days', async () => {
    // A database migrated up to the step before, with tokens as they were then.
    const admin = process.env.KIERTO_TEST_ADMIN_URL as string;
    const name = `kierto_test_${randomBytes(6).toString('hex')}`;
    const c = new Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    const index = MIGRATIONS.findIndex((m) => m.name === 'ApiTokenExpiry1795800300000');
    expect(index).toBeGreaterThan(0);
    let ds = new DataSource(dataSourceOptions(u.toString(), { migrations: MIGRATIONS.slice(0, index) }));
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const [{ id: personId }] = (await ds.query(
        `INSERT INTO person (display_name, email, email_normalized, kind, preferred_language)
         VALUES ('Old', 'old@example.test', 'old@example.test', 'staff', 'fi') RETURNING id`,
      )) as { id: string }[];
      await ds.query(
        `INSERT INTO api_token (person_id, token_hash, created_at) VALUES ($1, $2, now() - interval '2 days'), ($1, $3, now())`,
        [personId, 'a'.repeat(64), 'b'.repeat(64)],
      );
      await ds.destroy();
      ds = new DataSource(dataSourceOptions(u.toString()));
      await ds.initialize();
      await ds.runMigrations({ transaction: 'each' });
      const rows = (await ds.query(
        `SELECT name, round(extract(epoch FROM expires_at - now()) / 86400) AS days FROM api_token ORDER BY created_at`,
      )) as { name: string; days: string }[];
      expect(rows).toEqual([
        { name: 'token-1', days: '90' },
        { name: 'token-2', days: '90' },
      ]);
    } finally {
      await ds.destroy();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    }
  });
});
