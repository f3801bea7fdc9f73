// `npm start`: the whole system on one machine. Without DATABASE_URL it starts an embedded
// PostgreSQL (data in ./data/pg, kept across restarts), then the api and the worker as child
// processes. Ctrl-C stops all three. When PostgreSQL exits (killed, crashed) it is started again on
// the same port and folder; the api and worker reconnect by themselves. After several failed restarts
// in a row the launcher stops everything and exits 1, so a supervisor can restart the whole.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { clearApiInfo, clearRuntime, dataDir, startLocalPostgres, writeApiInfo } from './local-database.mjs';
import { freePort } from '../libs/database/embedded/embedded-postgres.mjs';

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, () => srv.close(() => resolve(true)));
  });
}

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 24) {
  console.warn(
    `Node.js ${process.versions.node} is out of support; Kierto targets Node.js 24 LTS (see the README).`,
  );
}

const env = { ...process.env, DATA_DIR: dataDir };
let pg;
if (!env.DATABASE_URL) {
  pg = await startLocalPostgres({ owner: true });
  env.DATABASE_URL = pg.url;
  console.log(`Embedded PostgreSQL is running; data in ${pg.dataDir}`);
  pg.keepAlive({
    // A test knob: pauses (ms) between restart attempts; their count is how many are tried.
    delays: process.env.KIERTO_PG_RESTART_DELAYS_MS?.split(',').map(Number),
    report: (line) => console.log(line),
    giveUp: (e) => {
      console.error(`${e.message}. Stopping Kierto; start it again when PostgreSQL can run.`);
      stop(1);
    },
  });
}
if (!env.PORT) {
  env.PORT = String((await portFree(3000)) ? 3000 : await freePort());
}
// `npm run cli -- login-link` prints links to the port this start chose (when PUBLIC_URL is unset).
writeApiInfo({ pid: process.pid, port: env.PORT });

const node = ['-r', '@swc-node/register'];
const children = [
  spawn(process.execPath, [...node, 'apps/api/src/main.ts'], { env, stdio: 'inherit' }),
  spawn(process.execPath, [...node, 'apps/worker/src/main.ts'], { env, stdio: 'inherit' }),
];

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  );
  clearApiInfo();
  if (pg) {
    await pg.stop().catch(() => undefined);
    clearRuntime();
  }
  process.exit(code);
}
for (const child of children) child.on('exit', (code) => stop(code ?? 1));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
