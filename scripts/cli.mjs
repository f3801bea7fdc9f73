// `npm run cli -- <command>`: runs apps/api/src/cli.ts against DATABASE_URL, the embedded PostgreSQL
// of a running `npm start`, or (when nothing runs) a short-lived start of the embedded one.
import { spawn } from 'node:child_process';
import { dataDir, runningApiPort, runningEmbeddedUrl, startLocalPostgres } from './local-database.mjs';

const env = { ...process.env, DATA_DIR: dataDir };
// Links printed here (login-link) point at the running `npm start`, whichever port it took.
if (!env.PUBLIC_URL && !env.PORT) {
  const port = runningApiPort();
  if (port) env.PORT = port;
}
let pg;
if (!env.DATABASE_URL) {
  env.DATABASE_URL = runningEmbeddedUrl();
  if (!env.DATABASE_URL) {
    pg = await startLocalPostgres({ owner: false });
    env.DATABASE_URL = pg.url;
  }
}
const child = spawn(
  process.execPath,
  ['-r', '@swc-node/register', 'apps/api/src/cli.ts', ...process.argv.slice(2)],
  { env, stdio: 'inherit' },
);
child.on('exit', async (code) => {
  if (pg) await pg.stop().catch(() => undefined);
  process.exit(code ?? 1);
});
