import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RateLimitHit {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Seconds until the window ends. */
  secondsLeft: number;
}

/**
 * Fixed-window counters in PostgreSQL, so the limit holds however many api instances serve the
 * requests. One upsert per hit; the window start is computed by the database clock.
 */
@Injectable()
export class RateLimitService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async hit(key: string, windowSeconds: number): Promise<RateLimitHit> {
    const w = Math.max(1, Math.round(windowSeconds));
    const rows: { count: number; seconds_left: string }[] = await this.db.query(
      `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2::int) * $2::int) AS start)
       INSERT INTO rate_limit (key, window_start, count, expires_at)
       SELECT $1, w.start, 1, w.start + make_interval(secs => $2::int) FROM w
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit.count + 1
       RETURNING count, ceil(extract(epoch FROM (expires_at - now()))) AS seconds_left`,
      [key, w],
    );
    const count = Number(rows[0].count);
    // A new window row: now and then, sweep the rows of windows that have ended.
    if (count === 1 && Math.random() < 0.05) await this.purge();
    return { count, secondsLeft: Math.max(1, Number(rows[0].seconds_left)) };
  }

  async purge(): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit WHERE expires_at < now()`);
  }
}
