import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '@kierto/database';

/**
 * Creates a fresh database for one test file on the server that jest's global setup started
 * (or DATABASE_URL), runs every migration, and returns its URL. Test files never share a database,
 * so they may run in parallel.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.KIERTO_TEST_ADMIN_URL;
  if (!admin) throw new Error('KIERTO_TEST_ADMIN_URL is not set: run the tests through jest (global setup).');
  const name = `kierto_test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  await runMigrations(url);
  return {
    url,
    drop: async () => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
