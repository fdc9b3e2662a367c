import { request as httpRequest } from 'node:http';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { spawnApi, spawnWorker, type RunningApi, type RunningProcess } from './support/processes';

const PASSWORD = 'credence-demo';
const PUBLIC_LIMIT = 20;
const RECORDS_FOR_IDEMPOTENCY = 12;
const RECORDS_FOR_REACTIONS = 8;
const RECORDS_FOR_TIMERS = 8;
const RECORDS_FOR_RACES = 6;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One HTTP request from a chosen loopback source address (127.0.0.x), so a test has clients of its own that no
 * other request of the suite shares (the per-client rate limits key on the address).
 */
function send(
  api: RunningApi,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: api.port,
        method,
        path: `/api/v1${path}`,
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: parseBody(text) });
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path}: no answer within 15 s`)));
    if (payload) req.write(payload);
    req.end();
  });
}

function parseBody(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return { text };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Yesterday in Beijing: a decision date whose minimum period (months) is still running. */
function recentDecisionDate(): string {
  return new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Scale-out: 3 API processes and 2 workers (the built product, separate processes and ports) against one
 * PostgreSQL. Every command takes effect once whichever process answers it, every timer and reaction once
 * whichever worker runs it, and the per-client rate limit holds across the processes, not per process.
 */
describe('scale-out: 3 APIs and 2 workers on one database', () => {
  let database: TestDatabase;
  const apis: RunningApi[] = [];
  let workers: RunningProcess[] = [];
  const tokens: Record<string, string> = {};
  let serial = 0;
  /** applicant-a's enterprise (demo seed), on whose records 盱眙 (officer-xuyi) registers. */
  const SUBJECT = { code: '', name: '' };

  const api = (i: number) => apis[i % apis.length];
  const count = async (sql: string, values: unknown[]) =>
    Number((await database.superuser.query<{ n: string }>(sql, values)).rows[0].n);

  /** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
  async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await sleep(200);
    }
    throw new Error(`${what}: not within ${timeoutMs} ms\n${workers.map((w) => w.output()).join('\n')}`);
  }

  function recordBody(decisionDate = '2026-05-10') {
    serial += 1;
    return {
      subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
      kind: 'administrative_penalty',
      severity: 'general',
      field: 'road_transport',
      decisionNumber: `盱交罚〔2026〕S${serial}号`,
      decisionDate,
      facts: '道路运输车辆未按规定进行年度审验，继续从事经营活动。',
    };
  }

  async function register(i: number, decisionDate?: string): Promise<string> {
    const res = await send(api(i), 'POST', '/credit-records', {
      token: tokens['officer-xuyi'],
      body: recordBody(decisionDate),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { PUBLIC_RATE_LIMIT: String(PUBLIC_LIMIT), WORKER_POLL_MS: '100' };
    // The first API seeds the demo data (it answers /health once that is done); the other four then start at once.
    // Starting all five together is slower on a busy two-core runner, not faster.
    apis.push(await spawnApi(database.url, { ...env, SEED_DEMO: 'true' }));
    workers = [0, 1].map(() => spawnWorker(database.url, env));
    apis.push(
      ...(await Promise.all([0, 1].map(() => spawnApi(database.url, { ...env, SEED_DEMO: 'false' })))),
    );
    const subject = await database.superuser.query<{ subject_code: string; subject_name: string }>(
      `SELECT subject_code, subject_name FROM accounts WHERE username = 'applicant-a'`,
    );
    SUBJECT.code = subject.rows[0].subject_code;
    SUBJECT.name = subject.rows[0].subject_name;
    for (const [i, user] of ['officer-xuyi', 'applicant-a'].entries()) {
      const res = await send(api(i), 'POST', '/auth/login', { body: { username: user, password: PASSWORD } });
      expect(res.status).toBe(200);
      tokens[user] = res.body.accessToken as string;
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    await database?.drop();
  });

  it('holds the public rate limit across the three processes (N per minute in total, not N per process)', async () => {
    const from = '127.0.0.21';
    const answers = await Promise.all(
      Array.from({ length: PUBLIC_LIMIT * 3 }, (_, i) =>
        send(api(i), 'GET', `/public/subjects/${SUBJECT.code}/records`, { from }),
      ),
    );
    const allowed = answers.filter((a) => a.status === 200).length;
    console.log(
      `public limit ${PUBLIC_LIMIT}/min, 3 APIs, ${answers.length} requests: ${allowed} let through`,
    );
    expect(allowed).toBe(PUBLIC_LIMIT);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(PUBLIC_LIMIT * 2);
    // Another client has its own budget.
    const other = await send(api(1), 'GET', `/public/subjects/${SUBJECT.code}/records`, {
      from: '127.0.0.22',
    });
    expect(other.status).toBe(200);
  });

  it('checks at most LOGIN_MAX_FAILURES passwords of 30 parallel guesses spread over the three processes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        send(api(i), 'POST', '/auth/login', {
          body: { username: 'reviewer-xuyi', password: `guess-${i}` },
          from: '127.0.0.31',
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5); // LOGIN_MAX_FAILURES: every 401 was a check
    expect(answers.filter((a) => a.status === 429)).toHaveLength(25);
    const owner = await send(api(2), 'POST', '/auth/login', {
      body: { username: 'reviewer-xuyi', password: PASSWORD },
      from: '127.0.0.32',
    });
    expect(owner.status).toBe(200); // the owner, from elsewhere, is not locked out
  });

  it('answers an Idempotency-Key retried on another process with the first answer; one record per key', async () => {
    const firsts = await Promise.all(
      Array.from({ length: RECORDS_FOR_IDEMPOTENCY }, async (_, i) => {
        const key = `scale-out-${i}`;
        const body = recordBody();
        const headers = { 'Idempotency-Key': key };
        const token = tokens['officer-xuyi'];
        const first = await send(api(i), 'POST', '/credit-records', { token, body, headers });
        // The client timed out and retries on whichever process the balancer picks — twice, at once.
        const retries = await Promise.all(
          [1, 2].map((d) => send(api(i + d), 'POST', '/credit-records', { token, body, headers })),
        );
        return { first, retries, decisionNumber: body.decisionNumber };
      }),
    );
    for (const { first, retries, decisionNumber } of firsts) {
      expect(first.status).toBe(201);
      for (const retry of retries) expect(retry).toEqual({ status: 201, body: first.body });
      expect(
        await count(`SELECT count(*) AS n FROM credit_records WHERE decision_number = $1`, [decisionNumber]),
      ).toBe(1);
    }

    // The same key sent to all three processes at the same instant: one record; every 2xx names it.
    const body = recordBody();
    const burst = await Promise.all(
      [0, 1, 2].map((i) =>
        send(api(i), 'POST', '/credit-records', {
          token: tokens['officer-xuyi'],
          body,
          headers: { 'Idempotency-Key': 'scale-out-burst' },
        }),
      ),
    );
    const created = burst.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    // A copy that arrives while the first is running is told so (409), never run a second time.
    for (const a of burst.filter((x) => x.status !== 201)) expect(a.status).toBe(409);
    expect(
      await count(`SELECT count(*) AS n FROM credit_records WHERE decision_number = $1`, [
        body.decisionNumber,
      ]),
    ).toBe(1);
  });

  it('lets exactly one of three concurrent writers (one per process) change a case', async () => {
    const ids = await Promise.all(Array.from({ length: RECORDS_FOR_RACES }, (_, i) => register(i)));
    for (const id of ids) {
      const answers = await Promise.all(
        [0, 1, 2].map((i) =>
          send(api(i), 'POST', `/credit-records/${id}/shield`, {
            token: tokens['officer-xuyi'],
            headers: { 'If-Match': '"1"' },
            body: { reasons: [`法院裁定批准重整计划（${i}）`] },
          }),
        ),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      // Each writer held If-Match "1": losing the race is its precondition failing (RFC 9110: 412).
      for (const lost of answers.filter((a) => a.status !== 200)) expect(lost.status).toBe(412);
      expect(
        await count(
          `SELECT count(*) AS n FROM events WHERE stream_id = $1 AND type = 'CreditRecordShielded'`,
          [`creditRecord-${id}`],
        ),
      ).toBe(1);
    }
  });

  it('carries out every reaction once, whichever worker runs it (objection acceptance marks its record)', async () => {
    const records = await Promise.all(Array.from({ length: RECORDS_FOR_REACTIONS }, (_, i) => register(i)));
    await Promise.all(
      records.map(async (recordId, i) => {
        const filed = await send(api(i), 'POST', '/objections', {
          token: tokens['applicant-a'],
          body: {
            recordId,
            ground: 'wrong',
            statement: '处罚决定书载明的车辆号牌与本公司车辆不符。',
            commitment: { content: '本单位承诺所提交的异议申请及证明材料真实、合法、有效。', consent: true },
          },
        });
        expect(filed.status).toBe(201);
        const accepted = await send(api(i + 1), 'POST', `/objections/${filed.body.id as string}/accept`, {
          token: tokens['officer-xuyi'],
        });
        // The refusal's body says which rule stopped it, should one come.
        expect({ status: accepted.status, body: accepted.status === 200 ? null : accepted.body }).toEqual({
          status: 200,
          body: null,
        });
      }),
    );
    const streams = records.map((id) => `creditRecord-${id}`);
    const marks = () =>
      count(`SELECT count(*) AS n FROM events WHERE stream_id = ANY($1) AND type = 'ObjectionMarked'`, [
        streams,
      ]);
    await eventually('every record marked by the reaction', async () => (await marks()) >= records.length);
    await sleep(1500); // both workers keep polling: a duplicate would show up now
    expect(await marks()).toBe(records.length);
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT stream_id FROM events WHERE stream_id = ANY($1) AND type = 'ObjectionMarked'
          GROUP BY stream_id HAVING count(*) > 1) d`,
        [streams],
      ),
    ).toBe(0);
  });

  it('fires every due timer once, whichever worker finds it', async () => {
    const records = await Promise.all(
      Array.from({ length: RECORDS_FOR_TIMERS }, (_, i) => register(i, recentDecisionDate())),
    );
    // Time passes: the minimum periods fall due now (the product runs on the system clock).
    const due = await database.superuser.query(
      `UPDATE timers SET due_at = now() WHERE case_id = ANY($1) AND name = 'minimum-reached' AND status = 'pending'`,
      [records],
    );
    expect(due.rowCount).toBe(records.length);
    const streams = records.map((id) => `creditRecord-${id}`);
    const fired = () =>
      count(`SELECT count(*) AS n FROM events WHERE stream_id = ANY($1) AND type = 'MinimumPeriodReached'`, [
        streams,
      ]);
    await eventually('every minimum-period timer fired', async () => (await fired()) >= records.length);
    await sleep(1500);
    expect(await fired()).toBe(records.length);
    expect(
      await count(
        `SELECT count(*) AS n FROM timers WHERE case_id = ANY($1) AND name = 'minimum-reached' AND status = 'fired'`,
        [records],
      ),
    ).toBe(records.length);
  });

  it('kept every process up', () => {
    for (const p of [...apis, ...workers]) expect(p.child.exitCode).toBeNull();
  });
});
