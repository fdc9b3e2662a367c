/**
 * bench/commands: commands over HTTP through the whole stack (JSON parsing, JWT, validation, engine, one-statement
 * append with read models, timers and clocks), against a raw baseline measured in the same run: single-row INSERT
 * transactions straight into PostgreSQL.
 *
 *   npm run build && npx tsx bench/commands.ts [--seconds 10] [--concurrency 16] [--processes 1]
 *                                              [--scenarios registrations,repair,objection]
 *
 * - registrations: credit-record registrations, distinct subjects.
 * - repair: whole repair lifecycles (create → submit → accept → recommend → approve), per-action p50/p99.
 * - objection: whole objection lifecycles (file → accept → uphold), per-action p50/p99.
 *
 * The API runs as its own process (node dist/...), as in production, without the worker (reactions and timers are
 * not part of the measured work); this process is only the client.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildUscc, freePort } from '@credence/shared';
import { asOwner, startBenchDatabase } from './lib/database';
import { BenchClient, startApi } from './lib/http-client';
import { lifecycleLoop, type LifecycleResult } from './lib/lifecycle';
import { objectionLifecycle } from './lib/objection-lifecycle';
import { repairableRecords, repairLifecycle } from './lib/repair-lifecycle';
import { closedLoop, option, type RunResult } from './lib/runner';

const seconds = Number(option('seconds', '10'));
const concurrency = Number(option('concurrency', '16'));
const scenarios = option('scenarios', 'registrations,repair,objection').split(',');

/** A distinct, valid enterprise per command: 8-character organisation bodies from a counter. */
function subjectCode(n: number): string {
  return buildUscc(
    '91',
    '320830',
    `B${n.toString(36).toUpperCase().padStart(7, '0')}`.replace(/[IOSVZ]/g, 'A'),
  );
}

interface Results {
  raw: RunResult;
  registrations?: { http: RunResult; floor: RunResult; failures: number };
  lifecycles: Record<string, LifecycleResult>;
}

async function registrations(client: BenchClient, token: string) {
  let failures = 0;
  const register = async (worker: number, i: number) => {
    const n = worker * 1_000_000 + i;
    const res = await client.send(
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
    if (res.status !== 201) failures++;
  };
  await closedLoop(concurrency, 2, (w, i) => register(w + 100, i)); // warm-up
  const http = await closedLoop(concurrency, seconds, register);
  // The framework's floor: an authenticated read that does one query (the account check) and nothing else.
  const floor = await closedLoop(concurrency, seconds, async () => {
    await client.send('GET', '/api/v1/auth/me', token);
  });
  return { http, floor, failures };
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
  const api = await startApi(database.url, port, option('processes', '1'));
  const client = new BenchClient(port, concurrency);
  const results: Results = { raw, lifecycles: {} };
  try {
    const [officer, reviewer, applicant] = await Promise.all(
      ['officer-xuyi', 'reviewer-xuyi', 'applicant-a'].map((u) => client.login(u)),
    );
    if (scenarios.includes('registrations')) results.registrations = await registrations(client, officer);
    // Each lifecycle needs its own record; more than two cores can finish in the time given.
    const pool = Math.max(200, seconds * 120);
    if (scenarios.includes('repair')) {
      const records = await repairableRecords(client, officer, pool, concurrency);
      const lifecycle = repairLifecycle(client, { applicant, officer, reviewer }, records);
      results.lifecycles.repair = await lifecycleLoop(concurrency, seconds, lifecycle);
    }
    if (scenarios.includes('objection')) {
      const records = await repairableRecords(client, officer, pool, concurrency, 'O');
      const lifecycle = objectionLifecycle(client, { applicant, officer }, records);
      results.lifecycles.objection = await lifecycleLoop(concurrency, seconds, lifecycle);
    }
    report(results);
  } finally {
    client.close();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await database.stop();
  }
}

function report({ raw, registrations, lifecycles }: Results): void {
  console.log(`\nbench/commands — concurrency ${concurrency}, ${seconds}s each\n`);
  console.log('| scenario | ops/s | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |');
  const row = (name: string, r: { opsPerSecond: number; p50Ms: number; p99Ms: number }) =>
    console.log(`| ${name} | ${r.opsPerSecond} | ${r.p50Ms} | ${r.p99Ms} |`);
  row('raw INSERT transactions (baseline)', raw);
  if (registrations) {
    row('HTTP POST /api/v1/credit-records', registrations.http);
    row('HTTP GET /api/v1/auth/me (framework floor)', registrations.floor);
    const ratio = registrations.http.opsPerSecond / raw.opsPerSecond;
    console.log(`\nregistrations/raw: ${ratio.toFixed(3)} · non-201 answers: ${registrations.failures}`);
  }
  for (const [name, l] of Object.entries(lifecycles)) {
    console.log(
      `\n${name} lifecycles: ${l.lifecyclesPerSecond}/s (${l.lifecycles} in ${l.seconds}s), ` +
        `${l.commandsPerSecond} commands/s = ${(l.commandsPerSecond / raw.opsPerSecond).toFixed(3)} × raw · ` +
        `failed steps: ${l.failures}`,
    );
    console.log('| action | count | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |');
    for (const s of l.steps) console.log(`| ${s.name} | ${s.count} | ${s.p50Ms} | ${s.p99Ms} |`);
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    `bench/results/commands-${Date.now()}.json`,
    JSON.stringify({ concurrency, seconds, raw, registrations, lifecycles }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
