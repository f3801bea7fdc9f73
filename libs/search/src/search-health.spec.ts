import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { dataSourceOptions } from '@kierto/database';
import { createTestDatabase } from '@kierto/testing';
import { HealthController } from '../../../apps/api/src/http/health.controller';
import { FinnishAnalyzer } from './finnish-analyzer';
import { SearchModule } from './search.module';

/** /health reports which engine Finnish search runs on, so that an operator sees a missing Voikko. */
describe('GET /health', () => {
  let app: INestApplication;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const moduleRef = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot(dataSourceOptions(db.url)), TerminusModule, SearchModule],
      controllers: [HealthController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('includes the search engine', async () => {
    const probe = new FinnishAnalyzer();
    const expected = probe.available ? 'voikko' : 'snowball';
    probe.onModuleDestroy();
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.info.search).toEqual({ status: 'up', engine: expected });
    expect(res.body.info.database).toEqual({ status: 'up' });
  });
});
