import {
  applyDecorators,
  Global,
  Injectable,
  Module,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Clock, DomainError, Env } from '@credence/shared';
import { Public } from '@credence/identity';
import { RateLimiter } from './rate-limiter';

/*
 * Why not @nestjs/throttler: its latest release (6.7.1) is CommonJS and require()s @nestjs/common, which is ESM-only
 * in Nest 12. Node ≥ 20.19 allows that at run time, but Jest's ESM mode (how every test here runs) does not, so
 * any module importing it cannot be tested. This guard does the same job in a few lines.
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
}

const RATE_LIMIT = 'credence:rate-limit';

/**
 * Per-client limit, keyed by req.ip. Behind a reverse proxy set Express `trust proxy`, or every client is the proxy.
 * Counters are in memory, per process (see RateLimiter).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const spec = this.reflector.getAllAndOverride<RateLimitSpec | undefined>(RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!spec) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const limit = spec.perMinute(this.env);
    const hit = this.limiter.hit(
      `${spec.bucket}|${req.ip ?? 'unknown'}`,
      limit,
      60_000,
      this.clock.now().getTime(),
    );
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(hit.remaining));
    if (!hit.allowed) {
      res.setHeader('Retry-After', String(hit.retryAfterSeconds));
      throw new TooManyRequestsError(hit.retryAfterSeconds);
    }
    return true;
  }
}

/** Provides the limiter and its guard to every controller. */
@Global()
@Module({ providers: [RateLimiter, RateLimitGuard], exports: [RateLimiter, RateLimitGuard] })
export class RateLimitModule {}

const RateLimit = (spec: RateLimitSpec) =>
  applyDecorators(SetMetadata(RATE_LIMIT, spec), UseGuards(RateLimitGuard));

/** Login attempts per client IP per minute, on top of the per-account lock (which stops guessing one password). */
export const LOGIN_ATTEMPTS_PER_IP_PER_MINUTE = 60;

/** Env.PUBLIC_RATE_LIMIT requests per minute per client, one budget across all public routes. */
export const PublicRateLimit = () =>
  RateLimit({ bucket: 'public', perMinute: (env) => env.PUBLIC_RATE_LIMIT });

/** A public (no login) endpoint with the public rate limit: use on /api/v1/public/** controllers. */
export const PublicEndpoint = () => applyDecorators(Public(), PublicRateLimit());

export const LoginRateLimit = () =>
  RateLimit({ bucket: 'login', perMinute: () => LOGIN_ATTEMPTS_PER_IP_PER_MINUTE });
