import { seedIdentityDemo } from '@credence/identity';
import type { TestApp } from './create-test-app';

/** Seeds the demo authorities and accounts (idempotent: nothing happens when accounts exist). */
export async function seedDemoIdentities(t: TestApp): Promise<void> {
  await seedIdentityDemo(t.database.db, t.env, () => undefined);
}

// Tokens are stateless and expire on the wall clock (not t.clock), so one login per user and app is enough; the
// cache also keeps test files far below the per-IP login rate limit.
const tokens = new WeakMap<TestApp, Map<string, string>>();

/** Logs a demo user in (password t.env.DEMO_PASSWORD) and returns the bearer token, for `.auth(token, { type: 'bearer' })`. */
export async function loginAs(t: TestApp, username: string): Promise<string> {
  const cache = tokens.get(t) ?? new Map<string, string>();
  tokens.set(t, cache);
  const cached = cache.get(username);
  if (cached) return cached;
  const res = await t.http.post('/api/v1/auth/login').send({ username, password: t.env.DEMO_PASSWORD });
  if (res.status !== 200)
    throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = (res.body as { accessToken: string }).accessToken;
  cache.set(username, token);
  return token;
}

/** Requests as the bearer of `token`: `as(officer).post(url, body).expect(201)`. */
export function authed(t: TestApp, token: string) {
  return {
    get: (url: string) => t.http.get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http.post(url).auth(token, { type: 'bearer' }).send(body),
  };
}
