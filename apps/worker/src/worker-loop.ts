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

  /** One pass over every task; a failing task is logged and the others still run. */
  async tick(now: Date): Promise<void> {
    for (const task of this.tasks) {
      try {
        await task.run(now);
      } catch (e) {
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
