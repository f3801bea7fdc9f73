/** A job the worker runs on every tick. Tasks must be idempotent: several workers may run them. */
export interface PeriodicTask {
  readonly name: string;
  run(now: Date): Promise<number>;
}

export const PERIODIC_TASKS = Symbol('PERIODIC_TASKS');
