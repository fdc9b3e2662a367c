import { DomainError } from '../errors/domain-error';

/** Seconds a client is told to wait when the counter store is away (the database or Redis restarting). */
const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The counter store (PostgreSQL or Redis) did not answer. Limits that guard secrets (login) fail closed with this
 * 503; limits that only protect capacity (public reads) fail open to a per-process counter instead.
 */
export class RateLimitStoreUnavailableError extends DomainError {
  readonly retryAfterSeconds = STORE_RETRY_AFTER_SECONDS;

  constructor(readonly reason: unknown) {
    super({
      code: 'RATE_LIMIT.STORE_UNAVAILABLE',
      status: 503,
      message: {
        zh: '服务暂不可用（限流计数不可达），请稍后再试',
        en: 'Service unavailable (the rate-limit counters cannot be reached); try again later',
      },
      details: { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS },
    });
  }
}
