import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError } from '@credence/shared';

/** The Idempotency-Key a request holds while its command runs: the row `(scope, key)` with the owner's token. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  token: string;
}

const claims = new AsyncLocalStorage<IdempotencyClaim>();

/**
 * Runs `work` holding `claim`: every event appended inside it commits only while the claim is still this token's,
 * and marks the key committed in the same statement (ADR 0006). An implicit context rather than a parameter because
 * the append is several calls below the request, behind command handlers that know nothing of HTTP.
 */
export function runUnderClaim<T>(claim: IdempotencyClaim, work: () => T): T {
  return claims.run(claim, work);
}

export function currentClaim(): IdempotencyClaim | undefined {
  return claims.getStore();
}

/**
 * The request's claim was taken over while it ran (its owner looked gone past the lease): its append was refused so
 * that the command cannot happen twice. The retry that took the key over answers the client.
 */
export class IdempotencyClaimLostError extends DomainError {
  constructor(key: string) {
    super({
      code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
      status: 409,
      message: {
        zh: '使用该 Idempotency-Key 的请求已由另一次重试接管，请以同一 Idempotency-Key 重试以获取结果',
        en: 'A retry took over this Idempotency-Key; retry with the same key to get the result',
      },
      details: { idempotencyKey: key },
    });
  }
}
