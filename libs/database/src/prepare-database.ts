import { Client } from 'pg';
import { KiertoConfig } from '@kierto/config';
import { runMigrations } from './migrate';
import { DEMO_COORDINATOR_EMAIL, seedDemo } from './demo-seed';

/** Any number of api and worker processes may start at once: one at a time migrates, under this lock. */
const MIGRATION_LOCK = 724_300_1;

/**
 * Runs pending migrations and, on an empty database unless DEMO=off, seeds the demo network.
 * Returns the demo coordinator's email when demo data exists.
 */
export async function prepareDatabase(config: KiertoConfig, seed = true): Promise<string | null> {
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await runMigrations(config.DATABASE_URL);
    if (!seed || config.DEMO === 'off') return null;
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM series');
    if (Number(rows[0].n) === 0) await seedDemo(config.DATABASE_URL);
    const demo = await client.query('SELECT 1 FROM person WHERE email_normalized = $1', [
      DEMO_COORDINATOR_EMAIL,
    ]);
    return demo.rowCount ? DEMO_COORDINATOR_EMAIL : null;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
