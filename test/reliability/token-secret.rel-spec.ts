import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { spawnApi, waitForHealth, type RunningApi } from './support/processes';

/** The secret earlier versions signed tokens with by default, as published with their source. */
const PUBLISHED_DEVELOPMENT_SECRET = 'credence-development-secret-not-for-production';

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** An HS256 token as anyone holding `secret` could make it. */
function forge(secret: string, payload: Record<string, unknown>): string {
  const head = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
  return `${head}.${base64url(createHmac('sha256', secret).update(head).digest())}`;
}

/**
 * The token secret of a start without JWT_SECRET (issue 14, item 2), on the built product: generated once beside
 * the data, shared by separate API processes and by the processes of API_PROCESSES > 1, kept across a restart; a
 * token signed with the secret once in the source is refused; production refuses weak secrets at start.
 */
describe('token secret (reliability)', () => {
  let database: TestDatabase;
  let dir: string;
  const started: RunningApi[] = [];
  // No JWT_SECRET: the start generates one under dir (EMBEDDED_PG_DIR's parent), as `npm start` does under .data/.
  const env = () => ({ EMBEDDED_PG_DIR: join(dir, 'postgres'), JWT_SECRET: '' });
  const start = async (extra: Record<string, string> = {}) => {
    const api = await spawnApi(database.url, { ...env(), ...extra }, { waitForHealth: false });
    started.push(api);
    await waitForHealth(api, 90_000); // a loaded CI machine boots a cluster slowly
    return api;
  };
  const me = (api: RunningApi, token: string) =>
    fetch(`${api.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then(
      (r) => r.status,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'credence-token-secret-'));
  });
  afterAll(async () => {
    await Promise.all(started.map((api) => api.stop()));
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is generated once and honoured by every later and concurrent process; the published one is refused', async () => {
    const first = await start();
    const login = await fetch(`${first.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'credence-demo' }),
    });
    expect(login.status).toBe(200);
    const { accessToken, user } = (await login.json()) as { accessToken: string; user: { id: string } };
    const secret = readFileSync(join(dir, 'jwt-secret'), 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(48);

    // Started after the first, as a restart is, and as two processes of API_PROCESSES=2 beside it: each reads the
    // kept secret and honours the token.
    const second = await start({ SEED_DEMO: 'false', API_PROCESSES: '2' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => me(second, accessToken)));
    expect(answers).toEqual(Array.from({ length: 20 }, () => 200));
    expect(await me(first, accessToken)).toBe(200);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(secret);

    const now = Math.floor(Date.now() / 1000);
    const forged = forge(PUBLISHED_DEVELOPMENT_SECRET, {
      sub: user.id,
      role: 'admin',
      authorityCode: null,
      subjectCode: null,
      iat: now,
      exp: now + 600,
    });
    expect(await me(second, forged)).toBe(401);
    const accounts = await fetch(`${second.baseUrl}/api/v1/accounts`, {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(accounts.status).toBe(401);
  });

  it('production refuses to start with a weak secret, saying why', async () => {
    // Every refusal (none, short, published, predictable) is in jwt-secret.spec.ts; this is the real start.
    const api = await spawnApi(
      database.url,
      { ...env(), NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(32), SEED_DEMO: 'false' },
      { waitForHealth: false },
    );
    started.push(api);
    expect(await api.exited).toBe(1);
    expect(api.output()).toMatch(/JWT_SECRET: too few distinct characters/);
  });
});
