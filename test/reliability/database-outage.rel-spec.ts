import { Client } from 'pg';
import {
  spawnApi,
  spawnWorker,
  waitForHealth,
  waitForOutput,
  type RunningApi,
  type RunningProcess,
} from './support/processes';
import { DatabaseServer } from './support/database-server';
import { call, isUnavailableProblem, Load, login, registration, type Answer } from './support/load';

/*
 * Issue 14, items 12 and 13: the database stops under load (twice), then hangs (SIGSTOP). The API process lives
 * through it, answers every route with a coded 503 problem (Retry-After) while the database is away — never a
 * 500 — and serves again by itself once it returns; every acknowledged write is still there afterwards.
 */
const OUTAGES = 2;
const RECOVERY_LIMIT_MS = 10_000;

describe('database outages under load (reliability)', () => {
  let db: DatabaseServer;
  let url: string;
  let api: RunningApi;
  let worker: RunningProcess;
  let token: string;
  let someRecord: string;
  const figures: string[] = [];

  beforeAll(async () => {
    db = await DatabaseServer.start();
    url = await db.createDatabase('credence');
    // Short enough that a request caught by a hung server ends within the test's patience.
    const timeouts = { DATABASE_STATEMENT_TIMEOUT_MS: '3000', DATABASE_CONNECT_TIMEOUT_MS: '2000' };
    api = await spawnApi(url, timeouts);
    // The background work (sealing every event into the audit ledger) runs in a worker process of its own.
    worker = spawnWorker(url, timeouts);
    // Outages below hit a running worker, not one still booting (a boot that loses its database midway waits and boots again: boot-through-outages.int-spec).
    await waitForOutput(worker, 'Credence worker is running', 60_000);
    token = await login(api.baseUrl, 'officer-xuyi');
    const first = await call(`${api.baseUrl}/api/v1/credit-records`, {
      method: 'POST',
      token,
      body: registration(0, 'seed-'),
    });
    if (first.status !== 201)
      throw new Error(
        `the first registration answered ${first.status} ${JSON.stringify(first.body)}:\n${api.output()}`,
      );
    someRecord = first.body.id!;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await db?.destroy();
    process.stdout.write(`database outage figures:\n${figures.join('\n')}\n`);
  });

  /** Every kind of route: health, public, login, a read, a write, one that never reads the database. */
  function routes(): { name: string; send: () => Promise<Answer> }[] {
    const base = `${api.baseUrl}/api/v1`;
    return [
      { name: 'GET /health', send: () => call(`${api.baseUrl}/health`, { timeoutMs: 1000 }) },
      { name: 'GET record', send: () => call(`${base}/credit-records/${someRecord}`, { token }) },
      { name: 'GET list', send: () => call(`${base}/credit-records`, { token }) },
      {
        name: 'POST record',
        send: () =>
          call(`${base}/credit-records`, { method: 'POST', token, body: registration(Date.now(), 'down-') }),
      },
      {
        name: 'POST login',
        send: () =>
          call(`${base}/auth/login`, {
            method: 'POST',
            body: { username: 'admin', password: 'x'.repeat(12) },
          }),
      },
      { name: 'GET public', send: () => call(`${base}/public/subjects/91320830MA1XY0012B/records`) },
      { name: 'GET calendar', send: () => call(`${base}/calendar/working-day?date=2026-10-10`, { token }) },
    ];
  }

  async function expectEveryRouteUnavailable(): Promise<void> {
    for (const route of routes()) {
      const started = Date.now();
      const answer = await route.send();
      const took = Date.now() - started;
      expect({ route: route.name, status: answer.status, problem: isUnavailableProblem(answer) }).toEqual({
        route: route.name,
        status: 503,
        problem: true,
      });
      expect(took).toBeLessThan(route.name === 'GET /health' ? 1000 : 3000);
    }
  }

  async function recoveryTime(): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < RECOVERY_LIMIT_MS) {
      const answer = await call(`${api.baseUrl}/api/v1/credit-records`, {
        method: 'POST',
        token,
        body: registration(Date.now(), 'back-'),
      });
      if (answer.status === 201) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `no write succeeded within ${RECOVERY_LIMIT_MS} ms after the database returned:\n${api.output()}`,
    );
  }

  it(`answers 503 during ${OUTAGES} stops under load, recovers by itself and keeps every acknowledged write`, async () => {
    const load = new Load(api.baseUrl, token, 'load-');
    load.start();
    try {
      for (let outage = 1; outage <= OUTAGES; outage++) {
        await new Promise((r) => setTimeout(r, 1000));
        await db.down(); // fast shutdown while the writers run: sessions end with 57P01
        await expectEveryRouteUnavailable();
        await new Promise((r) => setTimeout(r, 1000));
        await expectEveryRouteUnavailable();
        expect(api.child.exitCode).toBeNull();
        expect({
          worker: worker.child.exitCode,
          output: worker.child.exitCode === null ? '' : worker.output(),
        }).toEqual({ worker: null, output: '' });
        await db.up();
        const recovered = await recoveryTime();
        expect(recovered).toBeLessThan(RECOVERY_LIMIT_MS);
        figures.push(`  stop ${outage}: writes succeed again ${recovered} ms after the database is back`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await load.stop();
    }
    expect(load.unexpected).toEqual([]);
    expect(api.child.exitCode).toBeNull();

    const check = new Client({ connectionString: url });
    await check.connect();
    try {
      const { rows } = await check.query<{ n: string }>(
        'SELECT count(*) AS n FROM credit_records WHERE id = ANY($1::uuid[])',
        [load.acknowledged],
      );
      expect(Number(rows[0].n)).toBe(load.acknowledged.length);
      // The worker resumed by itself: everything written, before, between and after the stops, gets sealed.
      const started = Date.now();
      let unsealed = -1;
      while (Date.now() - started < 20_000) {
        const gap = await check.query<{ n: string }>(
          `SELECT count(*) AS n FROM events e
            WHERE NOT EXISTS (SELECT 1 FROM audit_ledger l
                               WHERE l.stream_id = e.stream_id AND l.stream_version = e.stream_version)`,
        );
        unsealed = Number(gap.rows[0].n);
        if (unsealed === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect({ unsealed, worker: worker.child.exitCode }).toEqual({ unsealed: 0, worker: null });
      figures.push(`  worker: every event sealed ${Date.now() - started} ms after the load stopped`);
    } finally {
      await check.end();
    }
    figures.push(
      `  load: ${load.requests} requests, statuses ${JSON.stringify(Object.fromEntries(load.statuses))}, ` +
        `${load.acknowledged.length} acknowledged writes, all present; 5xx other than 503: ${load.unexpected.length}`,
    );
  }, 120_000);

  it('answers within a second while the database hangs (SIGSTOP), fails fast, and recovers on SIGCONT', async () => {
    await waitForHealth(api);
    db.freeze();
    try {
      const started = Date.now();
      const health = await call(`${api.baseUrl}/health`, { timeoutMs: 5000 });
      const healthMs = Date.now() - started;
      expect(health.status).toBe(503);
      expect(isUnavailableProblem(health)).toBe(true);
      expect(health.body.checks).toEqual({ database: 'unresponsive' });
      expect(healthMs).toBeLessThan(1000);
      await expectEveryRouteUnavailable();
      figures.push(`  SIGSTOP: /health answered 503 in ${healthMs} ms`);
    } finally {
      db.thaw();
    }
    const recovered = await recoveryTime();
    figures.push(`  SIGCONT: writes succeed again ${recovered} ms later`);
    expect(api.child.exitCode).toBeNull();
  }, 60_000);
});
