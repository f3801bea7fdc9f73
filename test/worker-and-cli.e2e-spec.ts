import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { Meeting } from '@kierto/meetings';
import { createTestApp, TestApp } from '@kierto/testing';
import { ProposalTask } from '../apps/worker/src/proposal.task';
import { MeetingService } from '@kierto/meetings';

const run = promisify(execFile);

describe('the worker and the command line (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('coordinator:create prints a token on its last line that opens the API', async () => {
    const { stdout } = await run(
      process.execPath,
      ['scripts/cli.mjs', 'coordinator:create', '--email', 'cli@example.test', '--name', 'Cli Coordinator'],
      { env: { ...process.env, DATABASE_URL: t.config.DATABASE_URL } },
    );
    const token = stdout.trim().split('\n').pop() as string;
    expect(token).toMatch(/^kt_[\w-]{40,}$/);
    await request(t.http).get('/api/v1/series').set('Authorization', `Bearer ${token}`).expect(200);
    const [{ token_hash }] = await t.db.query(
      `SELECT token_hash FROM api_token t JOIN person p ON p.id = t.person_id WHERE p.email = 'cli@example.test'`,
    );
    expect(token_hash).not.toContain(token);
    expect(token_hash).toHaveLength(64);
  });

  it('coordinator:create refuses a bad email with a clear message', async () => {
    await expect(
      run(process.execPath, ['scripts/cli.mjs', 'coordinator:create', '--email', 'nope', '--name', 'X'], {
        env: { ...process.env, DATABASE_URL: t.config.DATABASE_URL },
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('--email must be an email address') });
  });

  it('login-link prints a one-time login URL for a coordinator, and refuses an unknown address', async () => {
    await t.coordinator('linkki@example.test', 'Linkki');
    const env = { ...process.env, DATABASE_URL: t.config.DATABASE_URL, PUBLIC_URL: 'http://kierto.test' };
    const { stdout } = await run(
      process.execPath,
      ['scripts/cli.mjs', 'login-link', '--email', 'Linkki@Example.test'],
      { env },
    );
    const url = stdout.trim().split('\n').pop() as string;
    expect(url).toMatch(/^http:\/\/kierto\.test\/login\/[\w-]{43}$/);
    const landing = await request(t.http).get(new URL(url).pathname).expect(200);
    expect(landing.text).toContain(`action='${new URL(url).pathname}'`);
    await expect(
      run(process.execPath, ['scripts/cli.mjs', 'login-link', '--email', 'tuntematon@example.test'], { env }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('can log in') });
  });

  it('proposes the next meeting once the previous one is past, exactly once across workers', async () => {
    const { auth } = await t.coordinator();
    const series = await request(t.http)
      .post('/api/v1/series')
      .set('Authorization', auth)
      .send({
        name: 'Worker series',
        cadenceMonths: 2,
        dayRule: { nth: -1, weekday: 3 },
        startTime: '13:00',
        durationMinutes: 90,
      })
      .expect(201);
    const unit = await request(t.http)
      .post('/api/v1/units')
      .set('Authorization', auth)
      .send({ name: 'Worker unit', streetAddress: 'Street 9' })
      .expect(201);
    await request(t.http)
      .put(`/api/v1/series/${series.body.id}/rotation`)
      .set('Authorization', auth)
      .send({ unitIds: [unit.body.id] })
      .expect(200);

    const task = new ProposalTask(t.app.get(MeetingService));
    const now = t.clock.now();
    // Two workers at once: one proposal.
    const created = await Promise.all([task.run(now), task.run(now)]);
    expect(created[0] + created[1]).toBe(1);
    const repo = t.db.getRepository(Meeting);
    const first = await repo.findOneOrFail({ where: { seriesId: series.body.id } });
    expect(first.status).toBe('draft');

    // Nothing to do while a draft or a future confirmed meeting exists.
    await request(t.http).post(`/api/v1/meetings/${first.id}/confirm`).set('Authorization', auth).expect(200);
    expect(await task.run(now)).toBe(0);

    // After the meeting is over, the worker proposes the next one: two months on, last Wednesday.
    const later = new Date(first.endsAt.getTime() + 60_000);
    expect(await task.run(later)).toBe(1);
    const meetings = await repo.find({ where: { seriesId: series.body.id }, order: { number: 'ASC' } });
    expect(meetings.map((m) => m.number)).toEqual([1, 2]);
    const [y, m] = first.localDate.split('-').map(Number);
    const expectedMonth = ((m - 1 + 2) % 12) + 1;
    expect(Number(meetings[1].localDate.split('-')[1])).toBe(expectedMonth);
    expect(y).toBeGreaterThanOrEqual(2026);
  });
});
