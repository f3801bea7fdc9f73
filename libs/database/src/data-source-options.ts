import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Options shared by the api, the worker, the CLI and the tests. Schema changes come only from migrations. */
export function dataSourceOptions(
  url: string,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install on a managed server.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    // A connection that cannot be made (or a pool that stays full) fails after 10 s instead of
    // hanging: the api then answers 503 with Retry-After (apps/api/src/http/error-mapping.ts).
    extra: { max: 20, application_name: 'kierto', connectionTimeoutMillis: 10_000 },
    ...overrides,
  } as DataSourceOptions;
}
