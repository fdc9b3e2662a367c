/**
 * bench/audit-integrity: verification and sealing of the audit ledger over a large event store, each against a
 * baseline measured in the same run and database.
 *
 *   npx tsx bench/audit-integrity.ts [--events 1000000] [--per-stream 10] [--proofs 500]
 *
 * Loads `events` events (streams of `per-stream`, realistic ~0.5 kB payloads and SM3 chains) with bulk INSERTs
 * (the insert rate is the sealing baseline), then measures:
 *   - raw SELECT of every event row in primary-key pages (the verification baseline: reading is the floor),
 *   - `verify()` of libs/event-store (chains only), and the integrity verifier's chain pass,
 *   - sealing: the sealer over every event (leaves, nodes, checkpoints every 1000),
 *   - `IntegrityVerifier.run()` (chains, every leaf against its event, every checkpoint),
 *   - inclusion and consistency proofs from the stored nodes.
 * BENCH_DATABASE_URL: use that server instead of an embedded PostgreSQL. Results: bench/results/audit-integrity-*.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { chainHash, GENESIS_HASH, verify, verifyParallel } from '@credence/event-store';
import { IntegrityVerifier, LedgerSealer, SigningKey, inclusionPath, consistencyPath } from '@credence/audit';
import { loadEnv, ManualClock, uuidv7, type Database } from '@credence/shared';
import { asOwner, startBenchDatabase } from './lib/database';
import { option } from './lib/runner';

const totalEvents = Number(option('events', '1000000'));
const perStream = Number(option('per-stream', '10'));
const proofs = Number(option('proofs', '500'));
const threads = Number(option('threads', String(availableParallelism())));
const INSERT_BATCH = 5000;

const metadata = {
  actorId: '0190f0e0-0000-7000-8000-00000000a001',
  actorRole: 'officer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  correlationId: 'c-0190f0e0-0000-7000-8000-000000000001',
  machine: { id: 'creditRecord', version: '3' },
  ruleSet: 'ndrc-order-36-2026',
};
const dataOf = (n: number) => ({
  decisionNumber: `盱交罚〔2026〕${n}号`,
  subject: { type: 'legal_person', code: '91320830MA1XY001XX', name: '盱眙通达道路运输有限公司' },
  facts: '道路运输车辆未按规定进行年度审验，继续从事经营活动。',
  legalBasis: '《道路运输条例》第七十条',
  severity: 'general',
  amounts: [n, n / 4, 1e-3],
});

const BULK_INSERT = `
INSERT INTO events (stream_id, stream_version, stream_type, event_id, type, schema_version, data, metadata,
                    recorded_at, hash_algorithm, prev_hash, hash)
SELECT s, v, 'bench', id, 'RecordRegistered', 1, d, m, at, 'sm3', p, h
  FROM unnest($1::text[], $2::int[], $3::uuid[], $4::jsonb[], $5::jsonb[], $6::timestamptz[], $7::bytea[], $8::bytea[])
       AS t(s, v, id, d, m, at, p, h)`;

/** Bulk-loads chained events numbered from `first`; returns events inserted per second (hashing included). */
async function load(db: Database, count = totalEvents, first = 0): Promise<number> {
  const started = performance.now();
  const base = Date.parse('2026-06-01T02:00:00Z');
  const end = first + count;
  let n = first;
  while (n < end) {
    const rows = {
      s: [] as string[],
      v: [] as number[],
      id: [] as string[],
      d: [] as string[],
      m: [] as string[],
    };
    const at: Date[] = [];
    const prev: Buffer[] = [];
    const hash: Buffer[] = [];
    // Whole streams per batch, so each chain is computed in one place.
    const streams = Math.max(1, Math.floor(INSERT_BATCH / perStream));
    for (let s = 0; s < streams && n < end; s++) {
      const streamId = `bench-${n / perStream}`;
      let previous: Buffer = GENESIS_HASH;
      for (let version = 1; version <= perStream && n < end; version++, n++) {
        const fields = {
          streamId,
          streamVersion: version,
          eventId: uuidv7(),
          type: 'RecordRegistered',
          schemaVersion: 1,
          data: dataOf(n),
          metadata,
          recordedAt: new Date(base + n),
        };
        const h = chainHash('sm3', previous, fields);
        rows.s.push(streamId);
        rows.v.push(version);
        rows.id.push(fields.eventId);
        rows.d.push(JSON.stringify(fields.data));
        rows.m.push(JSON.stringify(metadata));
        at.push(fields.recordedAt);
        prev.push(previous);
        hash.push(h);
        previous = h;
      }
    }
    await db.query(BULK_INSERT, [rows.s, rows.v, rows.id, rows.d, rows.m, at, prev, hash]);
  }
  return Math.round(count / ((performance.now() - started) / 1000));
}

async function rawSelect(db: Database): Promise<number> {
  const started = performance.now();
  let stream = '';
  let version = 0;
  let count = 0;
  for (;;) {
    const { rows } = await db.query<{ stream_id: string; stream_version: number }>(
      `SELECT global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata,
              recorded_at, hash_algorithm, prev_hash, hash
         FROM events WHERE (stream_id, stream_version) > ($1, $2) ORDER BY stream_id, stream_version LIMIT 5000`,
      [stream, version],
    );
    count += rows.length;
    if (rows.length < 5000) break;
    ({ stream_id: stream, stream_version: version } = rows[rows.length - 1]);
  }
  return rate(count, started);
}

const rate = (count: number, started: number) => Math.round(count / ((performance.now() - started) / 1000));

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${seconds.toFixed(1)} s`);
  return { result, seconds };
}

async function main(): Promise<void> {
  const bench = await startBenchDatabase(4);
  try {
    const { db } = bench;
    console.log(`loading ${totalEvents} events in streams of ${perStream} …`);
    const insertRate = await load(db);
    console.log(`bulk insert (chains hashed in this process): ${insertRate} events/s`);
    // What autovacuum does after a bulk load (hint bits, visibility map), so no read below pays for it; then one
    // read to warm the cache, as the table of a running system would be.
    await asOwner(bench.url, ['VACUUM ANALYZE events']);
    await rawSelect(db);

    const selectBefore = await rawSelect(db);
    console.log(`raw SELECT in primary-key pages: ${selectBefore} rows/s`);
    const chains = await timed('verify() (event-store)', () => verify(db));
    const verifyRate = Math.round(chains.result.eventsChecked / chains.seconds);
    console.log(`verify(): ${verifyRate} events/s, ok=${chains.result.ok}`);
    const parallel = await timed(`verifyParallel() (${threads} threads)`, () =>
      verifyParallel(db, { connection: bench.url, threads }),
    );
    const parallelRate = Math.round(parallel.result.eventsChecked / parallel.seconds);
    console.log(`verifyParallel(): ${parallelRate} events/s, ok=${parallel.result.ok}`);
    // The read again after the verifications, so a box that got busier or quieter meanwhile shows in the spread.
    const selectAfter = await rawSelect(db);
    console.log(`raw SELECT again: ${selectAfter} rows/s`);
    // The stricter of the two reads is the floor every ratio is taken against.
    const selectRate = Math.max(selectBefore, selectAfter);

    const clock = new ManualClock();
    const env = loadEnv({ NODE_ENV: 'test', AUDIT_CHECKPOINT_EVERY_EVENTS: '1000' });
    const key = SigningKey.deterministicEd25519('bench');
    const sealer = new LedgerSealer(db, clock, env, key);
    const sealing = await timed('sealing', () => sealer.sealAll({ checkpoint: true, waitMs: 60_000 }));
    const sealRate = Math.round(sealing.result.sealed / sealing.seconds);
    console.log(
      `sealed ${sealing.result.sealed}: ${sealRate} events/s (${(sealRate / insertRate).toFixed(2)}× the insert rate)`,
    );

    const oneThread = await timed('IntegrityVerifier.run() in one thread', () =>
      new IntegrityVerifier(db, { trustAnchor: key }).run(),
    );
    const oneThreadRate = Math.round(oneThread.result.chains.eventsChecked / oneThread.seconds);
    // What `credence audit verify` runs: chains on worker threads beside the ledger pass.
    const full = await timed(`IntegrityVerifier.run() (${threads} threads)`, () =>
      new IntegrityVerifier(db, { trustAnchor: key, connection: bench.url, threads }).run(),
    );
    if (!full.result.ok || !full.result.verifiedPoint)
      throw new Error(`verification failed: ${JSON.stringify(full.result.failures.slice(0, 3))}`);
    const fullRate = Math.round(full.result.chains.eventsChecked / full.seconds);
    console.log(
      `audit verify: ${fullRate} events/s (chains + ledger + ${full.result.checkpoints.checked} checkpoints); one thread ${oneThreadRate}/s`,
    );

    // Incremental: 1 % more events sealed after the clean run, verified from its point.
    const extra = Math.max(perStream, Math.round(totalEvents / 100 / perStream) * perStream);
    await load(db, extra, totalEvents);
    await sealer.sealAll({ checkpoint: true, waitMs: 60_000 });
    const incremental = await timed(`incremental verify of ${extra} new events`, () =>
      new IntegrityVerifier(db, { trustAnchor: key, since: full.result.verifiedPoint! }).run(),
    );
    if (!incremental.result.ok || incremental.result.chains.eventsChecked !== extra)
      throw new Error(`incremental verification: ${JSON.stringify(incremental.result).slice(0, 300)}`);
    const incrementalRate = Math.round(extra / incremental.seconds);
    const incrementalShare = incremental.seconds / full.seconds;
    console.log(
      `incremental: ${extra} events in ${incremental.seconds.toFixed(2)} s (${incrementalRate}/s), ${(100 * incrementalShare).toFixed(1)} % of the full run's time for ${((100 * extra) / totalEvents).toFixed(1)} % of its events`,
    );

    const size = sealing.result.checkpoint!.treeSize;
    let started = performance.now();
    for (let i = 0; i < proofs; i++) await inclusionPath(db, Math.floor(Math.random() * size), size);
    const inclusionMs = (performance.now() - started) / proofs;
    started = performance.now();
    for (let i = 0; i < proofs; i++)
      await consistencyPath(db, 1 + Math.floor(Math.random() * (size - 1)), size);
    const consistencyMs = (performance.now() - started) / proofs;
    console.log(
      `proofs over ${size} leaves: inclusion ${inclusionMs.toFixed(2)} ms, consistency ${consistencyMs.toFixed(2)} ms`,
    );

    const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };
    const results = {
      bench: 'audit-integrity',
      events: totalEvents,
      perStream,
      machine,
      server: bench.server,
      insertRate,
      selectRate,
      selectBefore,
      selectAfter,
      verifyRate,
      verifyToSelect: round(verifyRate / selectRate),
      threads,
      parallelRate,
      parallelToSelect: round(parallelRate / selectRate),
      auditVerifyOneThreadRate: oneThreadRate,
      incrementalEvents: extra,
      incrementalSeconds: round(incremental.seconds),
      incrementalShareOfFullTime: round(incrementalShare),
      sealRate,
      sealToInsert: round(sealRate / insertRate),
      auditVerifyRate: fullRate,
      auditVerifyToSelect: round(fullRate / selectRate),
      inclusionMs: round(inclusionMs),
      consistencyMs: round(consistencyMs),
    };
    console.log(
      `\nPostgreSQL ${bench.server.version} (${bench.server.embedded ? 'embedded' : 'BENCH_DATABASE_URL'}), Node ${process.version}, ${cpus().length} vCPU, ${totalEvents} events\n`,
    );
    console.log('| measure | rate | ratio to baseline |');
    console.log('| --- | ---: | ---: |');
    console.log(
      `| raw SELECT (baseline for verification: the faster of ${selectBefore} before and ${selectAfter} after) | ${selectRate} rows/s | 1.00× |`,
    );
    console.log(`| \`verify()\` chains, one thread | ${verifyRate} events/s | ${results.verifyToSelect}× |`);
    console.log(
      `| \`verifyParallel()\` chains, ${threads} threads | ${parallelRate} events/s | ${results.parallelToSelect}× |`,
    );
    console.log(
      `| \`IntegrityVerifier\` in one thread (chains + ledger + checkpoints) | ${oneThreadRate} events/s | ${round(oneThreadRate / selectRate)}× |`,
    );
    console.log(
      `| \`credence audit verify\` (${threads} threads) | ${fullRate} events/s | ${results.auditVerifyToSelect}× |`,
    );
    console.log(
      `| incremental verify, ${extra} new events | ${incremental.seconds.toFixed(2)} s | ${results.incrementalShareOfFullTime}× the full run's time |`,
    );
    console.log(`| bulk INSERT (baseline for sealing) | ${insertRate} events/s | 1.00× |`);
    console.log(`| sealing | ${sealRate} events/s | ${results.sealToInsert}× |`);
    console.log(`| inclusion / consistency proof | ${results.inclusionMs} / ${results.consistencyMs} ms | |`);
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/audit-integrity-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, JSON.stringify(results, null, 2));
    console.log(`\nresults: ${file}`);
  } finally {
    await bench.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
