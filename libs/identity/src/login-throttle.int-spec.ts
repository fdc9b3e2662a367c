import { loadEnv, RateLimitStore } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { AccountLockedError } from './identity.errors';
import { LoginThrottle, loginThrottlePolicy, type LoginThrottlePolicy } from './login-throttle';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const NOW = new Date('2026-06-01T02:00:00Z');

/** The product's policy with windows of seconds, so a lock's end is observed without waiting minutes. */
const POLICY: LoginThrottlePolicy = {
  perSourceFailures: 3,
  perSourceLockSeconds: 30,
  perUsernameFailures: 6,
  perUsernameWindowSeconds: 30,
  perUsernameLockSeconds: 1,
  perUsernameMaxLockSeconds: 2,
};

describe('LoginThrottle (shared attempt counters, PostgreSQL)', () => {
  let t: TestDatabase;
  let processes: LoginThrottle[];
  beforeAll(async () => {
    t = await createTestDatabase();
    const env = loadEnv({ NODE_ENV: 'test' });
    // Two API processes over one database.
    processes = [0, 1].map(() => new LoginThrottle(new RateLimitStore(t.db, env), env, POLICY));
  });
  afterAll(() => t.drop());

  const outcome = (p: Promise<void>) =>
    p.then(
      () => 'reserved',
      (error: unknown) => (error instanceof AccountLockedError ? 'locked' : error),
    );

  it('derives the policy from LOGIN_MAX_FAILURES and LOGIN_LOCK_MINUTES; the username-wide lock is short', () => {
    expect(loginThrottlePolicy(loadEnv({ LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' }))).toEqual({
      perSourceFailures: 5,
      perSourceLockSeconds: 900,
      perUsernameFailures: 20,
      perUsernameWindowSeconds: 900,
      perUsernameLockSeconds: 60,
      perUsernameMaxLockSeconds: 900,
    });
  });

  it('reserves atomically: of 30 parallel attempts over two processes, perSourceFailures get through', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => outcome(processes[i % 2].reserve('parallel', '192.0.2.1', NOW))),
    );
    expect(results.filter((r) => r === 'reserved')).toHaveLength(POLICY.perSourceFailures);
    expect(results.filter((r) => r === 'locked')).toHaveLength(30 - POLICY.perSourceFailures);
  });

  it('keys by the username as typed, whatever its case, whether or not an account has it', async () => {
    for (let i = 0; i < POLICY.perSourceFailures; i++)
      await processes[0].reserve(i % 2 ? 'Nobody-Here' : 'nobody-here', '192.0.2.9', NOW);
    await expect(processes[1].reserve('NOBODY-HERE', '192.0.2.9', NOW)).rejects.toThrow(AccountLockedError);
  });

  it('locks the guessing source for long, other sources not at all, everyone only briefly', async () => {
    const [a, b] = processes as [LoginThrottle, LoginThrottle];
    const user = 'target';
    for (let i = 0; i < POLICY.perSourceFailures; i++) await a.reserve(user, '198.51.100.1', NOW);
    const locked = await a.reserve(user, '198.51.100.1', NOW).catch((e: AccountLockedError) => e);
    expect(locked).toBeInstanceOf(AccountLockedError);
    expect((locked as AccountLockedError).retryAfterSeconds).toBe(POLICY.perSourceLockSeconds);

    // The owner, from elsewhere, is not affected by that source's lock; a success gives the attempt back.
    await b.reserve(user, '203.0.113.50', NOW);
    await b.succeeded(user, '203.0.113.50');

    // A distributed guess: more sources use up the username-wide allowance (3 used by the first source so far).
    for (let i = 0; i < POLICY.perUsernameFailures - POLICY.perSourceFailures; i++)
      await b.reserve(user, `198.51.100.${10 + i}`, NOW);
    const wide = await b.reserve(user, '198.51.100.99', NOW).catch((e: AccountLockedError) => e);
    expect(wide).toBeInstanceOf(AccountLockedError);
    expect((wide as AccountLockedError).retryAfterSeconds).toBeLessThanOrEqual(POLICY.perUsernameLockSeconds);
    await expect(a.reserve(user, '203.0.113.50', NOW)).rejects.toThrow(AccountLockedError);

    // The owner waits at most perUsernameLockSeconds; the guessing source stays locked.
    await sleep(POLICY.perUsernameLockSeconds * 1000 + 150);
    await a.reserve(user, '203.0.113.50', NOW);
    await a.succeeded(user, '203.0.113.50');
    await expect(b.reserve(user, '198.51.100.1', NOW)).rejects.toThrow(AccountLockedError);
  });

  it('a refusal by the username-wide lock does not use up the source’s own allowance', async () => {
    const user = 'refunded';
    for (let i = 0; i < POLICY.perUsernameFailures; i++)
      await processes[0].reserve(user, `192.0.2.${100 + i}`, NOW);
    await expect(processes[0].reserve(user, '192.0.2.200', NOW)).rejects.toThrow(AccountLockedError);
    await sleep(POLICY.perUsernameLockSeconds * 1000 + 150);
    for (let i = 0; i < POLICY.perSourceFailures; i++) await processes[1].reserve(user, '192.0.2.200', NOW);
  });

  it('doubles each further username-wide lock up to the maximum; a success starts over', async () => {
    const user = 'progressive';
    let source = 0;
    /** A distributed guess: perUsernameFailures attempts from fresh addresses, then the lock it earns. */
    const lockEarned = async () => {
      for (let i = 0; i < POLICY.perUsernameFailures; i++)
        await processes[i % 2].reserve(user, `10.9.0.${source++}`, NOW);
      const refused = await processes[0].reserve(user, `10.9.0.${source++}`, NOW).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AccountLockedError);
      return (refused as AccountLockedError).retryAfterSeconds;
    };
    expect(await lockEarned()).toBe(1);
    await sleep(1150);
    expect(await lockEarned()).toBe(2);
    await sleep(2150);
    expect(await lockEarned()).toBe(2); // perUsernameMaxLockSeconds
    await sleep(2150);
    await processes[1].reserve(user, '203.0.113.80', NOW);
    await processes[1].succeeded(user, '203.0.113.80');
    expect(await lockEarned()).toBe(1);
  });
});
