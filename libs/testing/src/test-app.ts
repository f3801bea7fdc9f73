import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { KiertoConfig, loadConfig } from '@kierto/config';
import { Clock } from '@kierto/meetings';
import { CoordinatorService } from '@kierto/network';
import { AppModule } from '../../../apps/api/src/app.module';
import { setupApp } from '../../../apps/api/src/setup-app';
import { createTestDatabase } from './test-database';

/** A clock the test sets; scheduling reads "now" from it. */
export class FixedClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return this.current;
  }
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  config: KiertoConfig;
  clock: FixedClock;
  db: DataSource;
  /** Creates a coordinator and returns an Authorization header value for them. */
  coordinator(email?: string, name?: string): Promise<{ auth: string; personId: string }>;
  close(): Promise<void>;
}

/** The real api application on its own fresh database, the way main.ts sets it up. */
export async function createTestApp(
  env: Record<string, string> = {},
  now = new Date('2026-11-25T10:00:00Z'),
  /** Runs before `app.init()`: global interceptors such as QueryCounter.install. */
  beforeInit?: (app: INestApplication) => void,
): Promise<TestApp> {
  const database = await createTestDatabase();
  // Files (the development outbox) go to a folder of this test app, never the checkout's ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kierto-test-data-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    DEMO: 'off',
    DATA_DIR: dataDir,
    ...env,
  });
  const clock = new FixedClock(now);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(KiertoConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupApp(app);
  beforeInit?.(app);
  await app.init();
  const db = app.get(DataSource);
  let n = 0;
  return {
    app,
    http: app.getHttpServer(),
    config,
    clock,
    db,
    async coordinator(email?: string, name = 'Test Coordinator') {
      n += 1;
      const { person, token } = await app
        .get(CoordinatorService)
        // A token name per call: asking twice for the same address gives two working tokens.
        .createWithToken(email ?? `coordinator${n}-${Date.now()}@example.test`, name, {
          tokenName: `test-${n}`,
        });
      return { auth: `Bearer ${token}`, personId: person.id };
    },
    async close() {
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
