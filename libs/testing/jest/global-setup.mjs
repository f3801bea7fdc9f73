// Starts one real PostgreSQL for the whole run (unless DATABASE_URL names a server); each test
// file then creates its own database on it (libs/testing/src/test-database.ts).
import { startEmbeddedPostgres, tmpDataDir } from '../../database/embedded/embedded-postgres.mjs';

export default async function globalSetup() {
  process.env.TZ = 'UTC';
  if (process.env.DATABASE_URL) {
    process.env.KIERTO_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const pg = await startEmbeddedPostgres({ dataDir: tmpDataDir('kierto-test-'), persistent: false });
  process.env.KIERTO_TEST_ADMIN_URL = pg.url;
  globalThis.__kiertoPostgres = pg;
}
