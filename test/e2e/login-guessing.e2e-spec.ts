import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { PasswordHasher } from '@credence/identity';
import { seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/** Password guessing over HTTP (issue: 30 parallel guesses had 19–25 passwords checked; names were enumerable). */
describe('login against guessing (e2e)', () => {
  let t: TestApp;
  let hashChecks: () => number;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    const hasher = t.app.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    // burn() (unknown usernames) verifies against a dummy hash: every argon2 check goes through verify().
    hashChecks = () => verify.mock.calls.length;
  });
  afterAll(() => t.close());
  // Each test starts a new minute of the per-IP login limit (every request here comes from one address): this file
  // tests the per-username counters, which that limit would otherwise hide behind its own 429s.
  beforeEach(() => t.database.superuser.query(`DELETE FROM rate_limits WHERE key LIKE 'rate-login:%'`));

  const login = (username: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ username, password });

  it('checks at most LOGIN_MAX_FAILURES passwords of 30 parallel guesses, and accepts none after the lock', async () => {
    const max = t.env.LOGIN_MAX_FAILURES;
    const before = hashChecks();
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('officer-xuyi', `guess-${i}`)),
    );
    const checked = hashChecks() - before;
    expect(checked).toBeLessThanOrEqual(max);
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(checked);
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(30 - checked);
    const right = await login('officer-xuyi', t.env.DEMO_PASSWORD).expect(429);
    expect(right.body.code).toBe('AUTH.ACCOUNT_LOCKED');
    expect(hashChecks() - before).toBe(checked);
  });

  it('with the right password among 30 parallel guesses: at most LOGIN_MAX_FAILURES checks, at most one 200', async () => {
    const before = hashChecks();
    const tries = Array.from({ length: 30 }, (_, i) => (i === 17 ? t.env.DEMO_PASSWORD : `guess-${i}`));
    const answers = await Promise.all(tries.map((password) => login('reviewer-xuyi', password)));
    expect(hashChecks() - before).toBeLessThanOrEqual(t.env.LOGIN_MAX_FAILURES);
    expect(answers.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    expect(answers.every((r) => [200, 401, 429].includes(r.status))).toBe(true);
  });

  it('answers an unknown username exactly like a known one: statuses, bodies, hash work', async () => {
    const run = async (username: string) => {
      const before = hashChecks();
      const answers = [];
      for (let i = 0; i <= t.env.LOGIN_MAX_FAILURES; i++) {
        const res = await login(username, 'wrong-password');
        const { lockedUntil, retryAfterSeconds, correlationId, ...body } = res.body as Record<
          string,
          unknown
        >;
        expect(correlationId).toEqual(expect.any(String));
        answers.push({
          status: res.status,
          body,
          retryAfter: res.headers['retry-after'],
          lockedUntil: typeof lockedUntil,
          retryAfterSeconds,
        });
      }
      return { answers, hashChecks: hashChecks() - before };
    };
    const known = await run('officer-ziyang');
    const unknown = await run('no-such-officer');
    expect(unknown).toEqual(known);
    expect(known.answers.map((a) => a.status)).toEqual([
      ...Array<number>(t.env.LOGIN_MAX_FAILURES).fill(401),
      429,
    ]);
  });

  it('spends alike time on unknown and known usernames (a real argon2 check each)', async () => {
    const median = async (username: string) => {
      const times: number[] = [];
      for (let i = 0; i < t.env.LOGIN_MAX_FAILURES; i++) {
        const started = performance.now();
        await login(username, 'wrong-password').expect(401);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    };
    const known = await median('auditor-xuyi');
    const unknown = await median('no-such-auditor');
    // An unknown name skipping the hash answers in a few milliseconds against 15+ for a check. Loose bounds: the
    // runner's cores are shared, so single timings wander.
    expect(unknown / known).toBeGreaterThan(0.33);
    expect(unknown / known).toBeLessThan(3);
  });
});
