import { Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { Env } from '../config/env';
import { Database } from '../database/database';
import { RateLimitStoreUnavailableError } from './rate-limit.errors';

/** One counter family: `points` per `durationSeconds` per key; over it, the key is refused for `blockSeconds`. */
export interface LimitSpec {
  /** Prefix of every key of this family; families never share counters. */
  name: string;
  points: number;
  durationSeconds: number;
  /** 0 or absent: refused until the window ends. */
  blockSeconds?: number;
}

export interface LimitDecision {
  allowed: boolean;
  /** Points counted on the key in its window, this hit included. */
  consumed: number;
  remaining: number;
  retryAfterSeconds: number;
}

/** A counter family in the shared store (rate-limiter-flexible's limiter, with its answers made explicit). */
export class SharedLimit {
  constructor(
    readonly spec: LimitSpec,
    private readonly limiter: RateLimiterAbstract,
  ) {}

  /**
   * Counts one hit on `key` atomically (one upsert or one Lua script) and says whether it is within the limit.
   * Throws RateLimitStoreUnavailableError when the store cannot be reached: the caller decides open or closed.
   */
  async consume(key: string, points = 1): Promise<LimitDecision> {
    try {
      return decision(await this.limiter.consume(key, points), true);
    } catch (error) {
      if (error instanceof RateLimiterRes) return decision(error, false);
      throw new RateLimitStoreUnavailableError(error);
    }
  }

  /** Gives back points (a success that should not count against the caller). */
  async reward(key: string, points = 1): Promise<void> {
    try {
      await this.limiter.reward(key, points);
    } catch (error) {
      throw new RateLimitStoreUnavailableError(error);
    }
  }

  /** Refuses the key for `seconds` from now, whatever its count (a lock whose length the caller decides). */
  async block(key: string, seconds: number): Promise<void> {
    try {
      await this.limiter.block(key, seconds);
    } catch (error) {
      throw new RateLimitStoreUnavailableError(error);
    }
  }

  /** Forgets the key: its next hit starts a fresh window. */
  async reset(key: string): Promise<void> {
    try {
      await this.limiter.delete(key);
    } catch (error) {
      throw new RateLimitStoreUnavailableError(error);
    }
  }
}

function decision(res: RateLimiterRes, allowed: boolean): LimitDecision {
  return {
    allowed,
    consumed: res.consumedPoints,
    remaining: res.remainingPoints,
    retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * Where every API process keeps its rate-limit and login-attempt counters, so N processes enforce one limit
 * between them (a per-process counter lets N × the limit through). PostgreSQL by default (the UNLOGGED table
 * `rate_limits`, one atomic upsert per hit); Redis when REDIS_URL is set (one Lua script per hit, no load on the
 * database). Windows run on wall-clock time, not the business Clock: they protect the service, they are not
 * statutory time.
 */
@Injectable()
export class RateLimitStore implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimitStore');
  private readonly redis?: Redis;

  constructor(
    private readonly db: Database,
    env: Env,
  ) {
    if (env.REDIS_URL) {
      this.redis = new Redis(env.REDIS_URL, {
        // Commands wait for the first connection, but while Redis is away each fails within about a second
        // (one retry, then the timeout): the caller then applies its open/closed rule instead of hanging.
        maxRetriesPerRequest: 1,
        commandTimeout: 1000,
        disconnectTimeout: 200,
        // Processes that never count anything (workers, the CLI) never connect.
        lazyConnect: true,
      });
      this.redis.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    }
  }

  get kind(): 'postgres' | 'redis' {
    return this.redis ? 'redis' : 'postgres';
  }

  limit(spec: LimitSpec): SharedLimit {
    const options = {
      keyPrefix: spec.name,
      points: spec.points,
      duration: spec.durationSeconds,
      blockDuration: spec.blockSeconds ?? 0,
    };
    const limiter = this.redis
      ? new RateLimiterRedis({ ...options, storeClient: this.redis })
      : new RateLimiterPostgres({
          ...options,
          storeClient: this.db.pool,
          storeType: 'pool',
          tableName: RATE_LIMIT_TABLE,
          // The table comes from a migration (the app role may not create tables).
          tableCreated: true,
        });
    return new SharedLimit(spec, limiter);
  }

  /** A per-process counter family, for the fallback of limits that fail open (see RateLimitGuard). */
  static inMemory(spec: LimitSpec): SharedLimit {
    return new SharedLimit(
      spec,
      new RateLimiterMemory({
        keyPrefix: spec.name,
        points: spec.points,
        duration: spec.durationSeconds,
        blockDuration: spec.blockSeconds ?? 0,
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis?.disconnect());
    else this.redis.disconnect(); // still (re)connecting: nothing to flush, stop retrying
  }
}

/** The shared counter store; import it wherever a limit is enforced (one instance per application). */
@Module({ providers: [RateLimitStore], exports: [RateLimitStore] })
export class RateLimitStoreModule {}
