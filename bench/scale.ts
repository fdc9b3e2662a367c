/**
 * bench/scale: does a request cost the same with 10 M events as with 10 k? The case tables are grown in steps
 * without HTTP (clones made inside PostgreSQL, bench/lib/preload.ts), and at every size the same four requests are
 * timed through the API: a command (a registration), a case view, the work queue and the public query. Each size's
 * p50/p99 is printed beside its ratio to the smallest size, measured in the same run.
 *
 *   npm run build && npx tsx bench/scale.ts [--sizes 10000,1000000,10000000] [--per-case 10] [--samples 400]
 *
 * Sizes count events; cases are sizes / per-case. The API runs as its own process (node dist/...), one client,
 * one request at a time (latency, not queueing). BENCH_DATABASE_URL: use that server instead of an embedded one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { DEMO_SUBJECTS } from '@credence/identity';
import { buildUscc, freePort } from '@credence/shared';
import { startBenchDatabase } from './lib/database';
import { BenchClient, startApi } from './lib/http-client';
import { cloneCases, tableSizes } from './lib/preload';
import { option, percentile } from './lib/runner';

const sizes = option('sizes', '10000,1000000').split(',').map(Number);
const perCase = Number(option('per-case', '10'));
const samples = Number(option('samples', '400'));

type Probe = 'command' | 'case view' | 'work queue' | 'public query';
const PROBES: Probe[] = ['command', 'case view', 'work queue', 'public query'];

interface SizeResult {
  events: number;
  cases: number;
  loadSeconds: number;
  tables: Record<string, { rows: number; mb: number }>;
  probes: Record<Probe, { p50Ms: number; p99Ms: number }>;
}

let registered = 0;
function registration(): string {
  const n = registered++;
  const body = `S${n.toString(36).toUpperCase().padStart(7, '0')}`.replace(/[IOSVZ]/g, 'A');
  return JSON.stringify({
    subject: {
      type: 'legal_person',
      code: buildUscc('91', '320830', body),
      name: `规模测试运输有限公司${n}`,
    },
    kind: 'administrative_penalty',
    severity: 'general',
    field: 'road_transport',
    decisionNumber: `盱交罚〔2026〕SC${n}号`,
    decisionDate: '2026-05-10',
    facts: '货运车辆超限运输。',
  });
}

async function timeProbes(
  client: BenchClient,
  token: string,
  probeRecord: string,
): Promise<SizeResult['probes']> {
  const requests: Record<Probe, () => Promise<{ status: number }>> = {
    command: () => client.send('POST', '/api/v1/credit-records', token, registration()),
    'case view': () => client.send('GET', `/api/v1/credit-records/${probeRecord}`, token),
    'work queue': () => client.send('GET', '/api/v1/work-items', token),
    'public query': () =>
      client.send('GET', `/api/v1/public/subjects/${DEMO_SUBJECTS.xuyiTongda.code}/records`, ''),
  };
  const latencies = Object.fromEntries(PROBES.map((p) => [p, [] as number[]])) as Record<Probe, number[]>;
  // Interleaved, one request at a time, so a busier moment of the box touches every probe alike; a warm-up first.
  for (let i = -Math.min(50, samples); i < samples; i++)
    for (const probe of PROBES) {
      const started = performance.now();
      const res = await requests[probe]();
      if (res.status >= 300) throw new Error(`${probe}: HTTP ${res.status}`);
      if (i >= 0) latencies[probe].push(performance.now() - started);
    }
  const round = (n: number) => Math.round(n * 100) / 100;
  return Object.fromEntries(
    PROBES.map((p) => {
      const sorted = latencies[p].sort((a, b) => a - b);
      return [p, { p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)) }];
    }),
  ) as SizeResult['probes'];
}

async function main(): Promise<void> {
  // One client asks the public query thousands of times a minute; the per-client limit would answer 429.
  process.env.PUBLIC_RATE_LIMIT ??= '10000000';
  const database = await startBenchDatabase(4);
  const port = await freePort();
  const api = await startApi(database.url, port, '1');
  const client = new BenchClient(port, 1);
  const results: SizeResult[] = [];
  try {
    const officer = await client.login('officer-xuyi');
    // The case every clone copies, and the case the view probe reads (the demo officer's own).
    const template = JSON.parse(
      (await client.send('POST', '/api/v1/credit-records', officer, registration())).body,
    ) as { id: string };
    const probe = JSON.parse(
      (await client.send('POST', '/api/v1/credit-records', officer, registration())).body,
    ) as { id: string };
    let cases = 2;
    for (const events of sizes) {
      const target = Math.max(cases, Math.round(events / perCase));
      console.log(`growing to ${target} cases (${target * perCase} events) …`);
      const loadSeconds = await cloneCases(
        database.url,
        { caseId: template.id, eventsPerCase: perCase },
        cases,
        target,
        (done) => process.stdout.write(`\r  ${done} cases   `),
      );
      process.stdout.write('\n');
      cases = target;
      const tables = await tableSizes(database.url);
      const probes = await timeProbes(client, officer, probe.id);
      results.push({ events: target * perCase, cases: target, loadSeconds, tables, probes });
      console.log(`  loaded in ${loadSeconds.toFixed(0)} s;`, JSON.stringify(probes));
    }
    report(results);
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };
    writeFileSync(
      file,
      JSON.stringify({ bench: 'scale', machine, server: database.server, results }, null, 2),
    );
    console.log(`\nresults: ${file}`);
  } finally {
    client.close();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await database.stop();
  }
}

function report(results: SizeResult[]): void {
  const base = results[0];
  console.log(`\nbench/scale — ${samples} samples per probe and size, one request at a time\n`);
  console.log(
    `| events | cases | events table MB | ${PROBES.map((p) => `${p} p50 / p99 ms (p99 ×)`).join(' | ')} |`,
  );
  console.log(`| ---: | ---: | ---: | ${PROBES.map(() => '---:').join(' | ')} |`);
  for (const r of results)
    console.log(
      `| ${r.events} | ${r.cases} | ${r.tables.events?.mb ?? '?'} | ${PROBES.map(
        (p) =>
          `${r.probes[p].p50Ms} / ${r.probes[p].p99Ms} (${(r.probes[p].p99Ms / base.probes[p].p99Ms).toFixed(2)}×)`,
      ).join(' | ')} |`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
