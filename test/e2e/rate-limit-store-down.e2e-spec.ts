import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/**
 * The counter store unreachable (here: a Redis URL where nothing listens): login fails closed, public reads fail
 * open to a per-process count — still limited — rather than going dark with the store.
 */
describe('rate limits while their store is unreachable (e2e)', () => {
  let t: TestApp;
  const limit = 5;
  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1', PUBLIC_RATE_LIMIT: String(limit) });
    await seedDemoIdentities(t);
  });
  afterAll(() => t.close());

  it('refuses logins with 503 and Retry-After, the right password included, checking no password', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'officer-xuyi', password: t.env.DEMO_PASSWORD })
      .expect(503);
    expect(res.body.code).toBe('RATE_LIMIT.STORE_UNAVAILABLE');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('keeps public reads available, counted in this process against the same limit, without waiting', async () => {
    const statuses: number[] = [];
    const started = performance.now();
    for (let i = 0; i < limit + 2; i++)
      statuses.push((await t.http.get('/api/v1/public/subjects/91320830MA1XY0012B/records')).status);
    expect(statuses).toEqual([...Array<number>(limit).fill(200), 429, 429]);
    // The first request finds the store away; the others skip it for a while instead of each trying to connect.
    expect(performance.now() - started).toBeLessThan(2500);
  });
});
