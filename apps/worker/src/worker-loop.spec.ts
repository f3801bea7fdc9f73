import { loadConfig } from '@kierto/config';
import { PeriodicTask } from './periodic-task';
import { isDatabaseUnavailable, WorkerLoop } from './worker-loop';

describe('WorkerLoop.tick', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/k', LOG_LEVEL: 'silent' });
  const task = (name: string, run: () => Promise<number>, calls: string[]): PeriodicTask => ({
    name,
    run: () => {
      calls.push(name);
      return run();
    },
  });

  it('runs the other tasks after one fails', async () => {
    const calls: string[] = [];
    const loop = new WorkerLoop(config, [
      task('a', () => Promise.reject(new Error('no host can host')), calls),
      task('b', () => Promise.resolve(1), calls),
    ]);
    await expect(loop.tick(new Date())).resolves.toBeUndefined();
    expect(calls).toEqual(['a', 'b']);
  });

  it('stops the pass at the first task when the database is away, without throwing', async () => {
    const calls: string[] = [];
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const loop = new WorkerLoop(config, [
      task('a', () => Promise.reject(down), calls),
      task('b', () => Promise.resolve(1), calls),
    ]);
    await expect(loop.tick(new Date())).resolves.toBeUndefined();
    expect(calls).toEqual(['a']);
  });

  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: '57P03', message: 'the database system is starting up' }, true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '08006' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [{ code: '23505', message: 'duplicate key' }, false],
    [new Error('no host can host'), false],
    [null, false],
  ])('isDatabaseUnavailable(%o) is %s', (e, expected) => {
    expect(isDatabaseUnavailable(e)).toBe(expected);
  });
});
