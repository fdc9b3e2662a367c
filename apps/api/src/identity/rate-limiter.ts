import { Injectable } from '@nestjs/common';

export interface RateLimitHit {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

const SWEEP_ABOVE = 10_000;

/**
 * Fixed-window counters in memory, per process: right for one API instance; several instances behind a balancer
 * would each allow the limit (move the counters to PostgreSQL or Redis then). Time comes from the caller (the
 * injected Clock), so tests control the windows.
 */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  hit(key: string, limit: number, windowMs: number, now: number): RateLimitHit {
    if (this.windows.size > SWEEP_ABOVE) this.sweep(windowMs, now);
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    return { allowed: window.hits <= limit, remaining: Math.max(0, limit - window.hits), retryAfterSeconds };
  }

  /** Drops finished windows, so one-off clients (scanners) cannot grow the map without bound. */
  private sweep(windowMs: number, now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= windowMs) this.windows.delete(key);
  }
}
