import { CallHandler, ExecutionContext, INestApplication, Injectable, NestInterceptor } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

/** The statements one measured call sent to PostgreSQL, split at the moment the route handler started. */
export interface QueryCount {
  /** Authentication and the access guards (before the handler). */
  guard: number;
  /** The route handler, its services and the rendering of the answer. */
  handler: number;
  total: number;
  statements: { phase: 'guard' | 'handler'; sql: string }[];
}

/**
 * Counts every statement sent through the app's TypeORM pool (each pooled client's `query` is wrapped
 * when it is checked out), on the real PostgreSQL. `install(app)` before `app.init()` adds an
 * interceptor that marks where the handler starts, so guard queries and handler queries are counted apart.
 */
@Injectable()
export class QueryCounter implements NestInterceptor {
  private phase: 'off' | 'guard' | 'handler' = 'off';
  private statements: QueryCount['statements'] = [];

  install(app: INestApplication): void {
    app.useGlobalInterceptors(this);
  }

  intercept(_ctx: ExecutionContext, next: CallHandler) {
    if (this.phase === 'guard') this.phase = 'handler';
    return next.handle();
  }

  /** Starts wrapping the pool's clients; call once after `app.init()`. */
  attach(db: DataSource): void {
    const pool = (db.driver as unknown as { master: Pool }).master;
    const wrapped = new WeakSet<PoolClient>();
    pool.on('acquire', (client) => {
      if (wrapped.has(client)) return;
      wrapped.add(client);
      const original = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        if (this.phase !== 'off') {
          const first = args[0] as string | { text?: string };
          const sql = typeof first === 'string' ? first : (first?.text ?? '');
          this.statements.push({ phase: this.phase, sql });
        }
        return original(...args);
      };
    });
  }

  /** Runs `call` and returns the statements it sent. Calls must not overlap. */
  async measure(call: () => Promise<unknown>): Promise<QueryCount> {
    this.statements = [];
    this.phase = 'guard';
    try {
      await call();
    } finally {
      this.phase = 'off';
    }
    const statements = this.statements;
    const guard = statements.filter((s) => s.phase === 'guard').length;
    return { guard, handler: statements.length - guard, total: statements.length, statements };
  }
}
