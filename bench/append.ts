/**
 * Event-store appends against a raw single-row INSERT baseline, in the same run and database.
 *   npx tsx bench/append.ts [--duration 5] [--concurrency 1,16] [--rounds 4]   (or BENCH_DURATION, …)
 * Each scenario runs `duration` seconds in total, split over `rounds` interleaved raw/store rounds.
 * BENCH_DATABASE_URL: use that server instead of an embedded PostgreSQL. Results: bench/results/append-*.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { randomBytes } from 'node:crypto';
import { SystemClock, uuidv7 } from '@credence/shared';
import { EventStore, verify, type NewEvent } from '@credence/event-store';
import { asOwner, startBenchDatabase } from './lib/database';
import { closedLoop, option, summarise, timedLoop, type RunResult } from './lib/runner';

type Run = { seconds: number; latencies: number[] };

const duration = Number(option('duration', '5'));
const concurrencies = option('concurrency', '1,16').split(',').map(Number);
const rounds = Number(option('rounds', '4'));
const warmupSeconds = 1;

// A typical workflow transition (~300 bytes of data) with the metadata every event carries.
const event: NewEvent = {
  type: 'WorkflowTransitioned',
  data: {
    caseId: 'repair-0190f0e0-0000-7000-8000-000000000000',
    from: 'submitted',
    to: 'under_review',
    reason: '材料齐全，进入审核 (documents complete, review started)',
    assignee: { userId: 'u-42', unit: '320000-transport-credit-office' },
    deadline: '2026-02-01T16:00:00.000Z',
  },
  metadata: {
    actorId: 'u-7',
    actorRole: 'officer',
    authorityCode: '320000',
    correlationId: 'c-0190f0e0-0000-7000-8000-000000000001',
    causationId: 'cmd-0190f0e0-0000-7000-8000-000000000002',
  },
};
const dataJson = JSON.stringify(event.data);
const metadataJson = JSON.stringify(event.metadata);
const someHash = randomBytes(32);

const RAW_INSERT = `INSERT INTO bench_raw_events (stream_id, stream_version, stream_type, event_id, type, schema_version,
  data, metadata, recorded_at, hash_algorithm, prev_hash, hash) VALUES ($1, $2, 'bench', $3, $4, 1, $5, $6, $7, 'sm3', $8, $9)`;

async function main(): Promise<void> {
  const bench = await startBenchDatabase(Math.max(...concurrencies) + 4);
  try {
    await asOwner(bench.url, [
      `DROP TABLE IF EXISTS bench_raw_events`,
      `CREATE TABLE bench_raw_events (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)`,
      `ALTER TABLE bench_raw_events ADD PRIMARY KEY (stream_id, stream_version)`,
      `CREATE INDEX ON bench_raw_events (transaction_id, global_position)`,
      `GRANT SELECT, INSERT ON bench_raw_events TO credence_app`,
    ]);
    const store = new EventStore(bench.db, new SystemClock(), 'sm3');
    const rows: { concurrency: number; raw: RunResult; store: RunResult; ratio: number }[] = [];
    let run = 0;

    for (const concurrency of concurrencies) {
      const raw = () => {
        const tag = `raw${run++}`;
        const next = new Array<number>(concurrency).fill(0);
        return (w: number) =>
          bench.db
            .query(RAW_INSERT, [
              `bench-${tag}-${w}`,
              ++next[w],
              uuidv7(),
              event.type,
              dataJson,
              metadataJson,
              new Date(),
              someHash,
              someHash,
            ])
            .then(() => undefined);
      };
      const appends = () => {
        const tag = `store${run++}`;
        // Each worker owns its stream and knows its head, as a command handler that has just loaded the case.
        const heads = Array.from({ length: concurrency }, () => ({
          version: 0,
          hash: undefined as Buffer | undefined,
        }));
        return async (w: number) => {
          const head = heads[w];
          const result = await store.append(`bench-${tag}-${w}`, [event], {
            expectedVersion: head.version,
            expectedHash: head.hash,
          });
          head.version = result.version;
          head.hash = result.lastHash;
        };
      };
      await closedLoop(concurrency, warmupSeconds, raw());
      await closedLoop(concurrency, warmupSeconds, appends());
      // Interleaved rounds (raw, store, store, raw, …) so a noisy neighbour on a shared box hits both sides alike.
      const scenarios = {
        raw: { op: raw(), runs: [] as Run[] },
        store: { op: appends(), runs: [] as Run[] },
      };
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? (['raw', 'store'] as const) : (['store', 'raw'] as const);
        for (const name of order) {
          const latencies: number[] = [];
          const t0 = performance.now();
          await timedLoop(concurrency, duration / rounds, scenarios[name].op, latencies);
          scenarios[name].runs.push({ seconds: (performance.now() - t0) / 1000, latencies });
        }
      }
      const r = summarise(concurrency, scenarios.raw.runs);
      const s = summarise(concurrency, scenarios.store.runs);
      const ratio = Math.round((s.opsPerSecond / r.opsPerSecond) * 100) / 100;
      rows.push({ concurrency, raw: r, store: s, ratio });
      console.log(
        `concurrency ${concurrency}: raw ${r.opsPerSecond}/s, store ${s.opsPerSecond}/s, ratio ${ratio}`,
      );
    }

    console.log(
      `\nPostgreSQL ${bench.server.version} (${bench.server.embedded ? 'embedded' : 'BENCH_DATABASE_URL'}), ` +
        `Node ${process.version}, ${cpus().length} vCPU, ${duration} s per scenario in ${rounds} interleaved rounds\n`,
    );
    console.log(
      '| concurrency | raw INSERT appends/s | p50 / p99 ms | EventStore.append appends/s | p50 / p99 ms | store/raw |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const { concurrency, raw, store: s, ratio } of rows) {
      console.log(
        `| ${concurrency} | ${raw.opsPerSecond} | ${raw.p50Ms} / ${raw.p99Ms} | ${s.opsPerSecond} | ${s.p50Ms} / ${s.p99Ms} | ${ratio.toFixed(2)}× |`,
      );
    }

    // Verify what the run wrote: a check on the store, and the rate an audit of millions of rows can expect.
    const t0 = performance.now();
    const report = await verify(bench.db);
    const verifySeconds = (performance.now() - t0) / 1000;
    const verified = {
      ok: report.ok,
      events: report.eventsChecked,
      streams: report.streamsChecked,
      eventsPerSecond: Math.round(report.eventsChecked / verifySeconds),
    };
    console.log(
      `\nverify: ${verified.events} events in ${verified.streams} streams, ok=${verified.ok}, ${verified.eventsPerSecond} events/s`,
    );
    if (!report.ok) throw new Error(`verify failed: ${JSON.stringify(report.failures.slice(0, 3))}`);

    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/append-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };
    writeFileSync(
      file,
      JSON.stringify(
        { bench: 'append', duration, rounds, machine, server: bench.server, rows, verify: verified },
        null,
        2,
      ),
    );
    console.log(`\nresults: ${file}`);
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
