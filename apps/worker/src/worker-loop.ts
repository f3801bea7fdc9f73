import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KiertoConfig } from '@kierto/config';
import { PERIODIC_TASKS, PeriodicTask } from './periodic-task';

/** Runs every periodic task, one after another, every WORKER_POLL_SECONDS; stops cleanly on shutdown. */
@Injectable()
export class WorkerLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerLoop.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly config: KiertoConfig,
    @Inject(PERIODIC_TASKS) private readonly tasks: PeriodicTask[],
  ) {}

  onApplicationBootstrap() {
    if (process.env.KIERTO_WORKER_LOOP === 'off') return;
    this.schedule(0);
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick(new Date()).finally(() =>
        this.schedule(this.config.WORKER_POLL_SECONDS * 1000),
      );
    }, delayMs);
  }

  /**
   * One pass over every task; a failing task is logged and the others still run. While the database
   * cannot be reached the pass stops at the first task, with one line, and the next tick tries again
   * (the connection pool reconnects by itself).
   */
  async tick(now: Date): Promise<void> {
    for (const task of this.tasks) {
      try {
        await task.run(now);
      } catch (e) {
        if (isDatabaseUnavailable(e)) {
          this.logger.warn(
            { task: task.name, reason: e instanceof Error ? e.message : String(e) },
            'Database unavailable; trying again next tick',
          );
          return;
        }
        this.logger.error(
          { task: task.name, reason: e instanceof Error ? e.message : String(e) },
          'Task failed',
        );
      }
    }
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

/** Connection refused or lost, or the server starting up or shutting down (SQLSTATE class 57, 08). */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) ||
    /^(57P0[1-4]|08)/.test(code) ||
    /Connection terminated|connection timeout/i.test(message)
  );
}
