import {
  applyDecorators,
  Global,
  Injectable,
  Logger,
  Module,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import {
  DomainError,
  Env,
  RateLimitStore,
  RateLimitStoreModule,
  RateLimitStoreUnavailableError,
  type LimitDecision,
  type LimitSpec,
  type SharedLimit,
} from '@credence/shared';
import { Public } from '@credence/identity';

/*
 * Why not @nestjs/throttler: its latest release (6.7.1) is CommonJS and require()s @nestjs/common, which is ESM-only
 * in Nest 12. Node ≥ 20.19 allows that at run time, but Jest's ESM mode (how every test here runs) does not, so
 * any module importing it cannot be tested. rate-limiter-flexible requires nothing of Nest; this guard applies it.
 */

export class TooManyRequestsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super({
      code: 'TOO_MANY_REQUESTS',
      status: 429,
      message: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
      details: { retryAfterSeconds },
    });
  }
}

interface RateLimitSpec {
  /** Routes sharing a bucket share one budget per client. */
  bucket: string;
  perMinute: (env: Env) => number;
  /**
   * What happens when the counter store cannot be reached. `closed`: 503 (limits guarding secrets — login).
   * `open`: the request is counted in this process only, with a warning (limits protecting capacity — public
   * reads stay readable through a store outage, and still cannot be flooded).
   */
  whenStoreDown: 'open' | 'closed';
}

const RATE_LIMIT = 'credence:rate-limit';
const WINDOW_SECONDS = 60;
/** At most one "store down" warning per this many milliseconds per bucket, not one per request. */
const WARN_EVERY_MS = 10_000;
/**
 * After the store failed, limits that fail open skip it for this long: a store that is away costs each request a
 * connection attempt (up to seconds), which public reads should not wait for on every request.
 */
const SKIP_STORE_AFTER_FAILURE_MS = 5_000;

/**
 * Per-client limit, keyed by req.ip, counted in the store every API process shares (RateLimitStore: PostgreSQL
 * or Redis), so N processes let the limit through between them, not N times it. Behind a reverse proxy set
 * Express `trust proxy`, or every client is the proxy.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');
  private readonly shared = new Map<string, SharedLimit>();
  private readonly local = new Map<string, SharedLimit>();
  private readonly warnedAt = new Map<string, number>();
  /** Monotonic time (performance.now) until which fail-open limits count locally without asking the store. */
  private storeSkippedUntil = 0;

  constructor(
    private readonly reflector: Reflector,
    private readonly store: RateLimitStore,
    private readonly env: Env,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const spec = this.reflector.getAllAndOverride<RateLimitSpec | undefined>(RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!spec) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const limit = {
      name: `rate-${spec.bucket}`,
      points: spec.perMinute(this.env),
      durationSeconds: WINDOW_SECONDS,
    };
    const hit = await this.count(spec, limit, req.ip ?? 'unknown', res);
    res.setHeader('RateLimit-Limit', String(limit.points));
    res.setHeader('RateLimit-Remaining', String(hit.remaining));
    if (!hit.allowed) {
      res.setHeader('Retry-After', String(hit.retryAfterSeconds));
      throw new TooManyRequestsError(hit.retryAfterSeconds);
    }
    return true;
  }

  private async count(
    spec: RateLimitSpec,
    limit: LimitSpec,
    client: string,
    res: Response,
  ): Promise<LimitDecision> {
    const local = () => cached(this.local, limit, () => RateLimitStore.inMemory(limit)).consume(client);
    if (spec.whenStoreDown === 'open' && performance.now() < this.storeSkippedUntil) return local();
    try {
      return await cached(this.shared, limit, () => this.store.limit(limit)).consume(client);
    } catch (error) {
      if (!(error instanceof RateLimitStoreUnavailableError)) throw error;
      this.storeSkippedUntil = performance.now() + SKIP_STORE_AFTER_FAILURE_MS;
      if (spec.whenStoreDown === 'closed') {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
        throw error;
      }
      this.warn(spec.bucket, error);
      return local();
    }
  }

  private warn(bucket: string, error: RateLimitStoreUnavailableError): void {
    const now = performance.now();
    const last = this.warnedAt.get(bucket);
    if (last !== undefined && now - last < WARN_EVERY_MS) return;
    this.warnedAt.set(bucket, now);
    const reason = error.reason instanceof Error ? error.reason.message : String(error.reason);
    this.logger.warn(
      `rate-limit store unreachable (${reason}); bucket ${bucket} counts per process meanwhile`,
    );
  }
}

function cached(cache: Map<string, SharedLimit>, spec: LimitSpec, make: () => SharedLimit): SharedLimit {
  const key = `${spec.name}/${spec.points}`;
  let limit = cache.get(key);
  if (!limit) cache.set(key, (limit = make()));
  return limit;
}

/** Provides the guard (and the shared counter store) to every controller. */
@Global()
@Module({
  imports: [RateLimitStoreModule],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard, RateLimitStoreModule],
})
export class RateLimitModule {}

const RateLimit = (spec: RateLimitSpec) =>
  applyDecorators(SetMetadata(RATE_LIMIT, spec), UseGuards(RateLimitGuard));

/** Login attempts per client IP per minute (any usernames), on top of LoginThrottle's per-username counters. */
export const LOGIN_ATTEMPTS_PER_IP_PER_MINUTE = 60;

/** Env.PUBLIC_RATE_LIMIT requests per minute per client, one budget across all public routes. */
export const PublicRateLimit = () =>
  RateLimit({ bucket: 'public', perMinute: (env) => env.PUBLIC_RATE_LIMIT, whenStoreDown: 'open' });

/** A public (no login) endpoint with the public rate limit: use on /api/v1/public/** controllers. */
export const PublicEndpoint = () => applyDecorators(Public(), PublicRateLimit());

export const LoginRateLimit = () =>
  RateLimit({ bucket: 'login', perMinute: () => LOGIN_ATTEMPTS_PER_IP_PER_MINUTE, whenStoreDown: 'closed' });
