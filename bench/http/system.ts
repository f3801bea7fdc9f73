/**
 * The pieces `npm run bench:http` and `npm run bench:fanout` share: an embedded PostgreSQL in a
 * temporary folder with the migrations run, the api (or worker, or floor) as a child process, its
 * resident memory sampled from /proc, and the results written to bench/results and docs/performance.md.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { runMigrations } from '@kierto/database';

export const ROOT = path.resolve(__dirname, '../..');

interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startDatabase(): Promise<{ url: string; pool: Pool; stop(): Promise<void> }> {
  const { startEmbeddedPostgres, tmpDataDir } = (await import(
    path.join(ROOT, 'libs/database/embedded/embedded-postgres.mjs')
  )) as {
    startEmbeddedPostgres(o: { dataDir: string; persistent: boolean }): Promise<EmbeddedPostgres>;
    tmpDataDir(prefix: string): string;
  };
  const pg = await startEmbeddedPostgres({ dataDir: tmpDataDir('kierto-bench-'), persistent: false });
  await runMigrations(pg.url);
  const pool = new Pool({ connectionString: pg.url, max: 4 });
  return {
    url: pg.url,
    pool,
    async stop() {
      await pool.end();
      await pg.stop();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = http.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function get(port: number, p: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: p }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

export interface Child {
  process: ChildProcess;
  port: number;
  /** Milliseconds from spawn until /health (or the ready message) answered. */
  startedInMs: number;
  stop(): Promise<void>;
}

/** Starts `entry` (a .ts file under the repository) with the environment, and waits until it answers. */
export async function startChild(
  entry: string,
  env: Record<string, string>,
  ready: { health: string } | 'message' | 'none',
): Promise<Child> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`))),
  );
  exited.catch(() => undefined);
  if (ready === 'message') {
    await Promise.race([new Promise((resolve) => child.once('message', resolve)), exited]);
  } else if (ready !== 'none') {
    for (;;) {
      if ((await get(port, ready.health)) === 200) break;
      if (child.exitCode !== null) await exited;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    process: child,
    port,
    startedInMs: performance.now() - started,
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every 200 ms; `peak()` since the last `reset()`. */
export function rssSampler(pid: number | undefined) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid) || 0)), 200);
  timer.unref();
  return {
    peak: () => Math.max(peak, rssMb(pid) || 0),
    reset: () => (peak = 0),
    stop: () => clearInterval(timer),
  };
}

export function machine() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    totalMemoryMb: Math.round(os.totalmem() / 1048576),
  };
}

/**
 * Replaces the part of docs/performance.md between `<!-- name -->` and `<!-- /name -->`, and formats
 * the file with the project's Prettier settings (so `npm run check` passes after a run).
 */
export async function writeDocSection(name: string, markdown: string): Promise<void> {
  const file = path.join(ROOT, 'docs/performance.md');
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n';
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  const next =
    i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(next, { ...options, filepath: file }));
}

export function writeResult(file: string, data: unknown): void {
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), JSON.stringify(data, null, 2) + '\n');
}

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export const median = (xs: number[]) => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
