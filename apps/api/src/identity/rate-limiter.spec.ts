import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows `limit` hits per window per key, then tells how long to wait', () => {
    const limiter = new RateLimiter();
    const t0 = 1_000_000;
    expect(limiter.hit('a', 2, 60_000, t0)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 60 });
    expect(limiter.hit('a', 2, 60_000, t0 + 1).allowed).toBe(true);
    expect(limiter.hit('a', 2, 60_000, t0 + 30_000)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 30,
    });
    expect(limiter.hit('b', 2, 60_000, t0 + 30_000).allowed).toBe(true);
    expect(limiter.hit('a', 2, 60_000, t0 + 60_000).allowed).toBe(true);
  });
});
