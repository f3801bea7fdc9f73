/** Runs pending migrations against DATABASE_URL: npm run migration:run */
import 'reflect-metadata';
import { loadConfig } from '@kierto/config';
import { runMigrations } from './migrate';

runMigrations(loadConfig().DATABASE_URL)
  .then((names) => console.log(names.length ? `Applied: ${names.join(', ')}` : 'Database is up to date.'))
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
