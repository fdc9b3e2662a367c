/**
 * bench/commands: credit-record registrations over HTTP through the whole stack (JSON parsing, JWT, validation,
 * engine, one-transaction append with read models and timers), distinct subjects, against a raw baseline measured
 * in the same run: the same number of single-row INSERT transactions straight into PostgreSQL.
 *
 *   npm run build && npx tsx bench/commands.ts [--seconds 10] [--concurrency 16] [--processes 1]
 *
 * The API runs as its own process (node dist/...), as in production; this process is only the client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { buildUscc, freePort } from '@credence/shared';
import { asOwner, startBenchDatabase } from './lib/database';
import { closedLoop, option, type RunResult } from './lib/runner';

const seconds = Number(option('seconds', '10'));
const concurrency = Number(option('concurrency', '16'));

async function startApi(databaseUrl: string, port: number): Promise<ChildProcess> {
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RUN_WORKER: 'false',
      API_PROCESSES: option('processes', '1'),
      NODE_ENV: 'development',
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the API did not start');
}

// A plain keep-alive node:http client: lighter than fetch, so less of the shared two cores goes to the client.
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function send(port: number, method: string, path: string, token: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (body !== undefined)
      Object.assign(headers, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: process.env.DEMO_PASSWORD ?? 'credence-demo' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** A distinct, valid enterprise per command: 8-character organisation bodies from a counter. */
function subjectCode(n: number): string {
  return buildUscc(
    '91',
    '320830',
    `B${n.toString(36).toUpperCase().padStart(7, '0')}`.replace(/[IOSVZ]/g, 'A'),
  );
}

async function main(): Promise<void> {
  const database = await startBenchDatabase(concurrency + 4);
  await asOwner(database.url, [
    `CREATE TABLE IF NOT EXISTS bench_raw_commands (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, subject_code text NOT NULL, data jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    `GRANT SELECT, INSERT ON bench_raw_commands TO credence_app`,
  ]);
  const raw = await closedLoop(concurrency, seconds, async (worker, i) => {
    await database.db.query('INSERT INTO bench_raw_commands (subject_code, data) VALUES ($1, $2)', [
      `raw-${worker}-${i}`,
      JSON.stringify({ kind: 'administrative_penalty', severity: 'general', facts: '超限运输' }),
    ]);
  });

  const port = await freePort();
  const api = await startApi(database.url, port);
  const base = `http://127.0.0.1:${port}`;
  let failures = 0;
  try {
    const token = await login(base, 'officer-xuyi');
    const register = async (worker: number, i: number) => {
      const n = worker * 1_000_000 + i;
      const status = await send(
        port,
        'POST',
        '/api/v1/credit-records',
        token,
        JSON.stringify({
          subject: { type: 'legal_person', code: subjectCode(n), name: `基准测试运输有限公司${n}` },
          kind: 'administrative_penalty',
          severity: 'general',
          field: 'road_transport',
          decisionNumber: `盱交罚〔2026〕B${n}号`,
          decisionDate: '2026-05-10',
          facts: '货运车辆超限运输。',
        }),
      );
      if (status !== 201) failures++;
    };
    await closedLoop(concurrency, 2, (w, i) => register(w + 100, i)); // warm-up
    const http = await closedLoop(concurrency, seconds, register);
    // The framework's floor: an authenticated read that does one query (the account check) and nothing else.
    const floor = await closedLoop(concurrency, seconds, async () => {
      await send(port, 'GET', '/api/v1/auth/me', token);
    });
    report(raw, http, floor, failures);
  } finally {
    agent.destroy();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await database.stop();
  }
}

function report(raw: RunResult, http: RunResult, floor: RunResult, failures: number): void {
  const ratio = http.opsPerSecond / raw.opsPerSecond;
  const rows = [
    ['raw INSERT transactions (baseline)', raw],
    ['HTTP POST /api/v1/credit-records', http],
    ['HTTP GET /api/v1/auth/me (framework floor)', floor],
  ] as const;
  console.log(`\nbench/commands — concurrency ${concurrency}, ${seconds}s each\n`);
  console.log('| scenario | ops/s | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |');
  for (const [name, r] of rows) console.log(`| ${name} | ${r.opsPerSecond} | ${r.p50Ms} | ${r.p99Ms} |`);
  console.log(`\nratio HTTP/raw: ${ratio.toFixed(3)} · non-201 answers: ${failures}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    `bench/results/commands-${Date.now()}.json`,
    JSON.stringify({ concurrency, seconds, raw, http, floor, ratio, failures }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
