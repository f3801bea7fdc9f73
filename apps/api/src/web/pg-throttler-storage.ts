import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { RateLimitService } from '@kierto/access';

/**
 * @nestjs/throttler's counters in PostgreSQL (the rate_limit table) instead of process memory, so
 * the per-IP limit holds across api instances. Fixed windows of `ttl`; blocked until the window ends.
 */
export class PgThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly rateLimit: RateLimitService) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const { count, secondsLeft } = await this.rateLimit.hit(`throttle:${throttlerName}:${key}`, ttl / 1000);
    const isBlocked = count > limit;
    return {
      totalHits: count,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }
}
