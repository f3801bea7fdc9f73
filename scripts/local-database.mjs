// Finds the database for `npm start` and `npm run cli`: DATABASE_URL when set, otherwise the
// embedded PostgreSQL whose data lives in DATA_DIR/pg (./data/pg by default).
import fs from 'node:fs';
import path from 'node:path';
import { prepareAppDatabase, startEmbeddedPostgres } from '../libs/database/embedded/embedded-postgres.mjs';

export const dataDir = path.resolve(process.env.DATA_DIR || './data');
const runtimeFile = path.join(dataDir, 'runtime.json');

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The URL of an embedded PostgreSQL that a running `npm start` owns, or null. */
export function runningEmbeddedUrl() {
  try {
    const info = JSON.parse(fs.readFileSync(runtimeFile, 'utf8'));
    return info.pid && alive(info.pid) ? info.databaseUrl : null;
  } catch {
    return null;
  }
}

/**
 * Starts the embedded PostgreSQL and returns it with `url`: the app's own non-superuser role on the
 * `kierto` database (never the superuser). `owner` records that URL in DATA_DIR/runtime.json (0600)
 * for `npm run cli` while this process runs.
 */
export async function startLocalPostgres({ owner }) {
  fs.mkdirSync(dataDir, { recursive: true });
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), log: () => {} });
  const url = await prepareAppDatabase(pg);
  if (owner) {
    fs.writeFileSync(runtimeFile, JSON.stringify({ pid: process.pid, databaseUrl: url }), { mode: 0o600 });
    fs.chmodSync(runtimeFile, 0o600);
  }
  return { ...pg, url };
}

export function clearRuntime() {
  try {
    fs.rmSync(runtimeFile);
  } catch {
    /* already gone */
  }
}

const apiFile = path.join(dataDir, 'api.json');

/** Records the port of the api that `npm start` runs, for `npm run cli` (links it prints). */
export function writeApiInfo(info) {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(apiFile, JSON.stringify(info), { mode: 0o600 });
}

export function clearApiInfo() {
  fs.rmSync(apiFile, { force: true });
}

/** The port of a running `npm start`'s api, or null. */
export function runningApiPort() {
  try {
    const info = JSON.parse(fs.readFileSync(apiFile, 'utf8'));
    process.kill(info.pid, 0);
    return String(info.port);
  } catch {
    return null;
  }
}
