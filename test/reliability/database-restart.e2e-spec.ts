import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { report } from './report';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0;
  }
}

async function waitFor(what: string, ms: number, ok: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await ok()) return;
    await sleep(250);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/**
 * `npm start` (scripts/start.mjs) with its embedded PostgreSQL: the database is killed with SIGKILL,
 * the launcher starts it again, and the api answers writes again without anyone restarting it.
 */
describe('npm start survives PostgreSQL being killed (reliability)', () => {
  let dataDir: string;
  let base: string;
  let child: ChildProcess;
  let output = '';
  const env: NodeJS.ProcessEnv = { ...process.env };

  beforeAll(async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kierto-reliability-'));
    fs.chmodSync(root, 0o755);
    dataDir = path.join(root, 'data');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    delete env.DATABASE_URL;
    Object.assign(env, {
      DATA_DIR: dataDir,
      DEMO: 'on',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      WORKER_POLL_SECONDS: '1',
      // Shorter pauses between restart attempts than the default (about 30 s), so giving up is quick.
      KIERTO_PG_RESTART_DELAYS_MS: '250,500,1000,2000,4000',
    });
    child = spawn(process.execPath, ['scripts/start.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    await waitFor('the first /health 200', 150_000, async () => (await status(`${base}/health`)) === 200);
  }, 180_000);

  afterAll(async () => {
    if (child?.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
    }
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  const api = (token: string, method: string, route: string, body?: unknown) =>
    fetch(`${base}/api/v1${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });

  it('connects as a non-superuser whose secrets are 0600 and not the superuser password', async () => {
    const runtime = path.join(dataDir, 'runtime.json');
    expect(fs.statSync(runtime).mode & 0o777).toBe(0o600);
    const { databaseUrl } = JSON.parse(fs.readFileSync(runtime, 'utf8')) as { databaseUrl: string };
    const u = new URL(databaseUrl);
    expect(u.username).toBe('kierto');
    expect(u.pathname).toBe('/kierto');
    const superFile = path.join(dataDir, 'pg-postgres.password');
    expect(fs.statSync(superFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, 'pg-kierto.password')).mode & 0o777).toBe(0o600);
    const superPassword = fs.readFileSync(superFile, 'utf8').trim();
    expect(superPassword.length).toBeGreaterThanOrEqual(24);
    expect(fs.readFileSync(runtime, 'utf8')).not.toContain(superPassword);
    expect(superPassword).not.toBe('kierto-local');
  });

  it('npm run cli -- login-link prints a link to the port npm start took', async () => {
    const cliEnv = { ...env };
    delete cliEnv.PORT;
    delete cliEnv.PUBLIC_URL;
    const { stdout } = await run(
      process.execPath,
      ['scripts/cli.mjs', 'login-link', '--email', 'koordinaattori@demo.kierto.invalid'],
      { env: cliEnv },
    );
    const link = stdout.trim().split('\n').pop() as string;
    expect(link.startsWith(`http://localhost:${new URL(base).port}/login/`)).toBe(true);
    expect(await status(link)).toBe(200);
  });

  it('starts PostgreSQL again after SIGKILL; writes work and the data survived', async () => {
    const { stdout } = await run(
      process.execPath,
      ['scripts/cli.mjs', 'coordinator:create', '--email', 'rel@example.test', '--name', 'Reliability'],
      { env },
    );
    const token = stdout.trim().split('\n').pop() as string;
    const before = await api(token, 'POST', '/units', { name: 'Before the crash', streetAddress: 'Katu 1' });
    expect(before.status).toBe(201);

    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(pid).toBeGreaterThan(0);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await waitFor('the launcher to notice', 10_000, async () => output.includes('PostgreSQL stopped'));
    await waitFor('the restart', 60_000, async () => output.includes('PostgreSQL is running again'));
    await waitFor('/health 200 again', 30_000, async () => (await status(`${base}/health`)) === 200);
    const recoveredMs = Date.now() - killedAt;
    report('PostgreSQL killed (SIGKILL) under npm start', { backAfterMs: recoveredMs });
    expect(output).toContain('PostgreSQL stopped (signal SIGKILL); starting it again');
    expect(output).toContain('PostgreSQL is running again');
    // When the worker noticed, it said so once per tick, not once per task.
    expect(output).not.toMatch(/"task":"reminders".*ECONNREFUSED/);

    const after = await api(token, 'POST', '/units', { name: 'After the crash', streetAddress: 'Katu 2' });
    expect(after.status).toBe(201);
    const list = await api(token, 'GET', '/units?limit=200');
    expect(list.status).toBe(200);
    const names = ((await list.json()) as { items: { name: string }[] }).items.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['Before the crash', 'After the crash']));
    expect((await fetch(`${base}/login`)).status).toBe(200);

    // The worker reconnected too: it proposes a meeting for a new series and emails the coordinator.
    const series = await api(token, 'POST', '/series', {
      name: 'After the crash',
      cadenceMonths: 1,
      dayRule: { nth: 2, weekday: 2 },
      startTime: '14:00',
      durationMinutes: 60,
    });
    expect(series.status).toBe(201);
    const { id: seriesId } = (await series.json()) as { id: string };
    const { id: unitId } = (await after.json()) as { id: string };
    expect((await api(token, 'PUT', `/series/${seriesId}/rotation`, { unitIds: [unitId] })).status).toBe(200);
    const outbox = path.join(dataDir, 'outbox');
    await waitFor('the worker to email the proposal', 30_000, async () =>
      (fs.existsSync(outbox) ? fs.readdirSync(outbox) : []).some((f) =>
        fs.readFileSync(path.join(outbox, f), 'utf8').includes('rel@example.test'),
      ),
    );
    // The launcher and both apps are still the same processes.
    expect(child.exitCode).toBeNull();
  }, 120_000);

  it('gives up with a clear message and exit code 1 when PostgreSQL cannot start again', async () => {
    const dir = path.join(dataDir, 'pg');
    fs.appendFileSync(path.join(dir, 'postgresql.conf'), '\nthis line breaks the configuration\n');
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    process.kill(Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL');
    expect(await exited).toBe(1);
    expect(output).toMatch(/PostgreSQL did not stay up after \d+ restarts .*Stopping Kierto/);
  }, 60_000);
});
