import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Env, RateLimitStore, type SharedLimit } from '@credence/shared';
import { AccountLockedError } from './identity.errors';

/**
 * How many password checks a username gets (OWASP ASVS 4.0 §2.2.1 / NIST SP 800-63B §5.2.2 "limit failed
 * attempts"), without letting a stranger lock its owner out for long:
 * - one source address and one username: `perSourceFailures` consecutive failures lock that address out of that
 *   username for `perSourceLockSeconds` (the guesser is stopped; the owner elsewhere is not affected at all);
 * - one username from every address (a distributed guess): `perUsernameFailures` failures within
 *   `perUsernameWindowSeconds` refuse it everywhere for a short `perUsernameLockSeconds`; each further such lock
 *   within a day doubles, up to `perUsernameMaxLockSeconds` (progressive delay), and a successful login starts the
 *   progression over. Guessing stays bounded (at most `perUsernameFailures` per lock) while the owner waits at most
 *   that long, and only while many addresses keep guessing;
 * - one address across usernames (spraying) is the per-IP limit on the login route (LoginRateLimit).
 * Counters are keyed by the username as typed (lower-cased), whether or not an account has it, so a lock says
 * nothing about which names exist. They hold a hash of it: people type passwords into the username field.
 */
export interface LoginThrottlePolicy {
  perSourceFailures: number;
  perSourceLockSeconds: number;
  perUsernameFailures: number;
  perUsernameWindowSeconds: number;
  perUsernameLockSeconds: number;
  perUsernameMaxLockSeconds: number;
}

/** Distributed guesses get this many times the per-source allowance before the short username-wide lock. */
const USERNAME_WIDE_FACTOR = 4;
const USERNAME_WIDE_LOCK_SECONDS = 60;
/** How long the username-wide locks are remembered for the progression (consecutive failures, NIST 800-63B). */
const USERNAME_LOCK_MEMORY_SECONDS = 24 * 3600;
/** The lock history counts without ever refusing. */
const UNLIMITED = 1_000_000_000;

/** Overrides the policy derived from Env (tests use windows of seconds). */
export const LOGIN_THROTTLE_POLICY = Symbol('LoginThrottlePolicy');

export function loginThrottlePolicy(env: Env): LoginThrottlePolicy {
  return {
    perSourceFailures: env.LOGIN_MAX_FAILURES,
    perSourceLockSeconds: env.LOGIN_LOCK_MINUTES * 60,
    perUsernameFailures: env.LOGIN_MAX_FAILURES * USERNAME_WIDE_FACTOR,
    perUsernameWindowSeconds: env.LOGIN_LOCK_MINUTES * 60,
    perUsernameLockSeconds: USERNAME_WIDE_LOCK_SECONDS,
    perUsernameMaxLockSeconds: Math.max(USERNAME_WIDE_LOCK_SECONDS, env.LOGIN_LOCK_MINUTES * 60),
  };
}

/**
 * Attempt counters of the login, in the store every API process shares. An attempt is reserved (counted
 * atomically) before its password is checked, so parallel guesses cannot all pass a stale check: at most
 * `perSourceFailures` hashes are checked per lock window. A success gives the attempt back.
 */
@Injectable()
export class LoginThrottle {
  private readonly perSource: SharedLimit;
  private readonly perUsername: SharedLimit;
  private readonly usernameLocks: SharedLimit;

  constructor(
    store: RateLimitStore,
    env: Env,
    @Optional()
    @Inject(LOGIN_THROTTLE_POLICY)
    private readonly policy: LoginThrottlePolicy = loginThrottlePolicy(env),
  ) {
    this.perSource = store.limit({
      name: 'login-source',
      points: policy.perSourceFailures,
      durationSeconds: policy.perSourceLockSeconds,
      blockSeconds: policy.perSourceLockSeconds,
    });
    this.perUsername = store.limit({
      name: 'login-username',
      points: policy.perUsernameFailures,
      durationSeconds: policy.perUsernameWindowSeconds,
      // No fixed block: lockUsername() picks its length.
    });
    this.usernameLocks = store.limit({
      name: 'login-username-locks',
      points: UNLIMITED,
      durationSeconds: USERNAME_LOCK_MEMORY_SECONDS,
    });
  }

  /**
   * Counts an attempt of `username` from `source`, or throws AccountLockedError (429) without any password being
   * checked. Store unreachable: RateLimitStoreUnavailableError (503) — login fails closed.
   */
  async reserve(username: string, source: string, now: Date): Promise<void> {
    const { pairKey, nameKey } = keys(username, source);
    const pair = await this.perSource.consume(pairKey);
    if (!pair.allowed) throw locked(now, pair.retryAfterSeconds);
    const name = await this.perUsername.consume(nameKey);
    if (!name.allowed) {
      // Refused before any check: it should not use up this source's own allowance.
      await this.perSource.reward(pairKey);
      // Counts are atomic, so exactly one attempt is the first over the allowance: it sets the lock.
      const crossed = name.consumed === this.policy.perUsernameFailures + 1;
      throw locked(now, crossed ? await this.lockUsername(nameKey) : name.retryAfterSeconds);
    }
  }

  /** Locks the username everywhere: perUsernameLockSeconds, doubling with each lock of the day, capped. */
  private async lockUsername(nameKey: string): Promise<number> {
    const { consumed: locks } = await this.usernameLocks.consume(nameKey);
    const seconds = Math.min(
      this.policy.perUsernameLockSeconds * 2 ** Math.min(locks - 1, 30),
      this.policy.perUsernameMaxLockSeconds,
    );
    await this.perUsername.block(nameKey, seconds);
    return seconds;
  }

  /**
   * The password was right: this source starts afresh, the username-wide count gets its attempt back and the lock
   * progression starts over (the failures are no longer consecutive).
   */
  async succeeded(username: string, source: string): Promise<void> {
    const { pairKey, nameKey } = keys(username, source);
    await Promise.all([
      this.perSource.reset(pairKey),
      this.perUsername.reward(nameKey),
      this.usernameLocks.reset(nameKey),
    ]);
  }
}

function keys(username: string, source: string): { pairKey: string; nameKey: string } {
  const nameKey = createHash('sha256').update(username.toLowerCase()).digest('base64url');
  return { nameKey, pairKey: `${source}|${nameKey}` };
}

function locked(now: Date, retryAfterSeconds: number): AccountLockedError {
  return new AccountLockedError(new Date(now.getTime() + retryAfterSeconds * 1000), retryAfterSeconds);
}
