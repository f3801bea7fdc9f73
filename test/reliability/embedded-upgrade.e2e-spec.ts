import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@kierto/database';

interface Server {
  child: ChildProcess;
  superUrl: string;
  appUrl: string;
}

function startServer(mode: 'legacy' | 'current', dir: string): Promise<Server> {
  const child = spawn(process.execPath, [path.join(__dirname, 'embedded-server.mjs'), mode, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('\n'))
        resolve({ child, ...(JSON.parse(out.split('\n')[0]) as Omit<Server, 'child'>) });
    });
    child.once('exit', (code) => reject(new Error(`embedded-server ${mode} exited ${code}: ${err}`)));
  });
}

async function stopServer(s: Server) {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A data folder made before the app had its own role upgrades on the next start without losing data. */
describe('the embedded PostgreSQL of an older data folder (upgrade)', () => {
  let root: string;
  let dir: string;
  let current: Server | undefined;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kierto-upgrade-'));
    fs.chmodSync(root, 0o755);
    dir = path.join(root, 'pg');
  });
  afterAll(async () => {
    if (current) await stopServer(current);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('moves the data to database kierto owned by role kierto, with random passwords', async () => {
    const legacy = await startServer('legacy', dir);
    try {
      await runMigrations(legacy.appUrl);
      await query(
        legacy.appUrl,
        `INSERT INTO unit (name, street_address) VALUES ('Vanha yksikkö', 'Katu 3')`,
      );
    } finally {
      await stopServer(legacy);
    }

    current = await startServer('current', dir);
    const app = new URL(current.appUrl);
    expect(app.username).toBe('kierto');
    expect(app.pathname).toBe('/kierto');
    expect(current.superUrl).not.toContain('kierto-local');
    // The old fixed password no longer opens the server.
    const old = new URL(current.superUrl);
    old.password = 'kierto-local';
    await expect(query(old.toString(), 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });

    const [role] = await query<{ rolsuper: boolean; rolcreaterole: boolean }>(
      current.appUrl,
      `SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false });
    const units = await query<{ name: string }>(current.appUrl, 'SELECT name FROM unit');
    expect(units.map((u) => u.name)).toEqual(['Vanha yksikkö']);
    // The role owns what it migrates: it can change the tables and run (later) migrations.
    await query(current.appUrl, 'ALTER TABLE unit ADD COLUMN upgrade_probe int');
    await query(current.appUrl, 'ALTER TABLE unit DROP COLUMN upgrade_probe');
    await expect(runMigrations(current.appUrl)).resolves.toEqual([]);
    const notOwned = await query<{ relname: string }>(
      current.appUrl,
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> 'kierto'`,
    );
    expect(notOwned).toEqual([]);
    // No copy of the personal data is left in the superuser's database.
    const left = await query<{ n: string }>(
      current.superUrl,
      `SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(left[0].n).toBe('0');

    const parent = path.dirname(dir);
    for (const f of ['pg-postgres.password', 'pg-kierto.password']) {
      expect(fs.statSync(path.join(parent, f)).mode & 0o777).toBe(0o600);
    }
    expect(fs.readFileSync(path.join(parent, 'pg-kierto.password'), 'utf8').trim()).toBe(
      decodeURIComponent(app.password),
    );
  }, 120_000);

  it('a second start keeps the passwords and the data', async () => {
    const before = current as Server;
    await stopServer(before);
    current = await startServer('current', dir);
    expect(new URL(current.appUrl).password).toBe(new URL(before.appUrl).password);
    expect(new URL(current.superUrl).password).toBe(new URL(before.superUrl).password);
    const units = await query<{ name: string }>(current.appUrl, 'SELECT name FROM unit');
    expect(units).toHaveLength(1);
  }, 60_000);
});
