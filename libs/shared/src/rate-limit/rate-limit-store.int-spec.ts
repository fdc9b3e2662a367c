import { createConnection } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { loadEnv, type Env } from '../config/env';
import { RateLimitStore, type LimitSpec } from './rate-limit-store';
import { RateLimitStoreUnavailableError } from './rate-limit.errors';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function envWith(overrides: Record<string, string> = {}): Env {
  return loadEnv({ NODE_ENV: 'test', ...overrides });
}

/** Whether a Redis answers at REDIS_URL (this machine kind runs one; CI may not). */
function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((ok) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), ok(true)));
    socket.once('error', () => ok(false));
    socket.once('timeout', () => (socket.destroy(), ok(false)));
  });
}

/** Two stores = two API processes; `hits` requests spread over them, all for one client. */
async function allowedAcross(stores: RateLimitStore[], spec: LimitSpec, client: string, hits: number) {
  const limits = stores.map((s) => s.limit(spec));
  const answers = await Promise.all(
    Array.from({ length: hits }, (_, i) => limits[i % limits.length].consume(client)),
  );
  return answers.filter((a) => a.allowed).length;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RateLimitStore (PostgreSQL, the default)', () => {
  let t: TestDatabase;
  let processes: RateLimitStore[];
  beforeAll(async () => {
    t = await createTestDatabase();
    processes = [new RateLimitStore(t.db, envWith()), new RateLimitStore(t.db, envWith())];
  });
  afterAll(() => t.drop());

  it('is PostgreSQL when REDIS_URL is unset', () => {
    expect(processes[0].kind).toBe('postgres');
  });

  it('lets the limit through across processes, not the limit per process', async () => {
    const spec = { name: 'spec-shared', points: 10, durationSeconds: 60 };
    expect(await allowedAcross(processes, spec, '203.0.113.1', 40)).toBe(10);
    // Another client has its own budget.
    expect(await allowedAcross(processes, spec, '203.0.113.2', 4)).toBe(4);
  });

  it('opens a new window when the old one ends, and says how long to wait meanwhile', async () => {
    const spec = { name: 'spec-window', points: 2, durationSeconds: 1 };
    const [a, b] = processes.map((p) => p.limit(spec));
    expect((await a.consume('c')).allowed).toBe(true);
    expect((await b.consume('c')).allowed).toBe(true);
    const refused = await a.consume('c');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    await sleep(1100);
    expect((await b.consume('c')).allowed).toBe(true);
  });

  it('blocks for blockSeconds past the limit; reset and reward give attempts back', async () => {
    const spec = { name: 'spec-block', points: 1, durationSeconds: 1, blockSeconds: 30 };
    const limit = processes[0].limit(spec);
    expect((await limit.consume('k')).allowed).toBe(true);
    expect(await limit.consume('k')).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    await limit.reset('k');
    expect((await limit.consume('k')).allowed).toBe(true);
    await limit.reward('k');
    expect((await limit.consume('k')).allowed).toBe(true);
  });

  it('keeps its counters in the unlogged table rate_limits', async () => {
    const { rows } = await t.superuser.query<{ relpersistence: string }>(
      `SELECT relpersistence FROM pg_class WHERE relname = 'rate_limits'`,
    );
    expect(rows[0]?.relpersistence).toBe('u');
    const keys = await t.superuser.query(`SELECT 1 FROM rate_limits WHERE key LIKE 'spec-shared:%'`);
    expect(keys.rowCount).toBe(2);
  });
});

describe('RateLimitStore (Redis, when REDIS_URL is set)', () => {
  let t: TestDatabase;
  let reachable = false;
  const stores: RateLimitStore[] = [];
  beforeAll(async () => {
    t = await createTestDatabase();
    reachable = await redisReachable(REDIS_URL);
    if (!reachable) console.log(`Redis tests skipped: nothing answers at ${REDIS_URL}`);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.onApplicationShutdown()));
    await t.drop();
  });

  it('lets the limit through across processes', async () => {
    if (!reachable) return;
    for (let i = 0; i < 2; i++) stores.push(new RateLimitStore(t.db, envWith({ REDIS_URL })));
    expect(stores[0].kind).toBe('redis');
    const spec = { name: `spec-redis-${Date.now()}`, points: 10, durationSeconds: 60 };
    expect(await allowedAcross(stores, spec, '203.0.113.1', 40)).toBe(10);
  });

  it('reports an unreachable store as RateLimitStoreUnavailableError (the caller picks open or closed)', async () => {
    // Port 1 on loopback: nothing listens there, whether or not this machine runs Redis.
    const down = new RateLimitStore(t.db, envWith({ REDIS_URL: 'redis://127.0.0.1:1' }));
    stores.push(down);
    await expect(
      down.limit({ name: 'spec-down', points: 1, durationSeconds: 60 }).consume('c'),
    ).rejects.toThrow(RateLimitStoreUnavailableError);
  });
});
