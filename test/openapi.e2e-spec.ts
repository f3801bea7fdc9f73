import request from 'supertest';
import { createTestApp, TestApp } from '@kierto/testing';
import { ACCESS_MATRIX } from '../apps/api/src/auth/access-matrix';

/** The OpenAPI document describes every REST route the app serves, with a response schema. */
describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists every /api/v1 route of the access table, each with a documented success response', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const rest = ACCESS_MATRIX.filter((r) => r.path.startsWith('/api/v1/')).map(
      (r) => `${r.method} ${r.path}`,
    );
    expect(rest.length).toBeGreaterThan(60);
    expect(rest.filter((r) => !documented.has(r))).toEqual([]);
    const undocumented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !Object.keys(op.responses).some((code) => /^2\d\d$/.test(code)))
        .map(([m]) => `${m} ${path}`),
    );
    expect(undocumented).toEqual([]);
  });
});
