/**
 * Statistics projector throughput, catching up from checkpoint 0.
 *   npx tsx bench/statistics-projector.ts [--copies 100]
 * Template cases are made through the real engine (the October 2026 month of the statistics tests: repairs with
 * clocks, 补正 pauses, decisions and a revocation, objections, credit records with 双公示, commitments), then each
 * case stream is cloned `copies` times inside PostgreSQL (events with their types, data and versions; the case row
 * the projector reads ownership from), interleaved as a live store is. The projector then drains the store from
 * checkpoint 0; the baseline inserts as many rows, one INSERT each, in transactions of the projector's batch size,
 * into a copy of statistics_cases (same columns and indexes) in the same run. Results: bench/results/.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { APP_ROLE, ManualClock } from '@credence/shared';
import { commitmentCaseType } from '@credence/commitments';
import { creditRecordCaseType } from '@credence/credit-records';
import { repairCaseType } from '@credence/credit-repair';
import { objectionCaseType } from '@credence/objections';
import { STATISTICS_BATCH, StatisticsProjector } from '@credence/statistics';
import { openCaseEngine } from '../libs/workflow/src/testing/open-case-engine';
import { at, insertAuthorities } from '../libs/statistics/src/testing/case-steps';
import { buildOctober2026 } from '../libs/statistics/src/testing/october-2026';
import { startBenchDatabase } from './lib/database';
import { option } from './lib/runner';

const copies = Number(option('copies', '100'));
const CLONE_ID = `md5('credence-statistics-' || c.id::text || '-' || k)::uuid`;

/** Clones every template case `copies` times: its events (interleaved by template position) and its case row. */
async function cloneStreams(owner: Client, templates: string[]): Promise<void> {
  for (let from = 1; from <= copies; from += 100) {
    const to = Math.min(copies, from + 99);
    await owner.query('BEGIN');
    await owner.query(
      `INSERT INTO events (stream_id, stream_version, stream_type, event_id, type, schema_version, data, metadata,
                           recorded_at, hash_algorithm, prev_hash, hash)
       SELECT replace(e.stream_id, c.id::text, (${CLONE_ID})::text), e.stream_version, e.stream_type,
              gen_random_uuid(), e.type, e.schema_version, e.data, e.metadata, e.recorded_at, e.hash_algorithm,
              e.prev_hash, e.hash
         FROM cases c JOIN events e ON e.stream_id = c.stream_id, generate_series($1::int, $2::int) k
        WHERE c.id = ANY($3::uuid[])
        ORDER BY e.global_position, k`,
      [from, to, templates],
    );
    await owner.query(
      `INSERT INTO cases SELECT (jsonb_populate_record(null::cases, to_jsonb(c) || jsonb_build_object(
          'id', ${CLONE_ID}, 'stream_id', replace(c.stream_id, c.id::text, (${CLONE_ID})::text)))).*
         FROM cases c, generate_series($1::int, $2::int) k WHERE c.id = ANY($3::uuid[])`,
      [from, to, templates],
    );
    await owner.query('COMMIT');
  }
  for (const table of ['events', 'cases']) await owner.query(`VACUUM ANALYZE ${table}`);
}

async function main(): Promise<void> {
  const bench = await startBenchDatabase(4);
  const owner = new Client({ connectionString: bench.url });
  await owner.connect();
  try {
    await insertAuthorities(owner);
    const clock = new ManualClock(at('2026-09-21'));
    const { engine, time } = openCaseEngine(bench.db, clock, [
      repairCaseType,
      objectionCaseType,
      creditRecordCaseType,
      commitmentCaseType,
    ]);
    await buildOctober2026(bench.db, engine, clock, time);
    const { rows: templates } = await owner.query<{ id: string }>(`SELECT id::text FROM cases`);
    const loading = performance.now();
    await cloneStreams(
      owner,
      templates.map((t) => t.id),
    );
    const loadSeconds = (performance.now() - loading) / 1000;
    const { rows: counted } = await owner.query<{ events: number; streams: number; types: number }>(
      `SELECT count(*)::int AS events, count(DISTINCT stream_id)::int AS streams, count(DISTINCT type)::int AS types
         FROM events`,
    );
    const { events, streams, types } = counted[0];
    console.log(
      `${events} events of ${streams} streams (${types} event types), loaded in ${loadSeconds.toFixed(1)} s`,
    );

    const projector = new StatisticsProjector(bench.db);
    let started = performance.now();
    const projected = await projector.catchUp();
    const projectorSeconds = (performance.now() - started) / 1000;

    // Baseline: the same number of rows, one INSERT each, STATISTICS_BATCH per transaction, through the same pool.
    await owner.query(`CREATE TABLE bench_raw_cases (LIKE statistics_cases INCLUDING ALL)`);
    await owner.query(`GRANT SELECT, INSERT ON bench_raw_cases TO ${APP_ROLE}`);
    started = performance.now();
    for (let i = 0; i < projected; i += STATISTICS_BATCH) {
      await bench.db.transaction(async (tx) => {
        for (let j = i; j < Math.min(projected, i + STATISTICS_BATCH); j++)
          await tx.query(
            `INSERT INTO bench_raw_cases (case_id, case_type, authority_code, authority_path, subject_code, title,
                                          opened_at, opened_on)
             VALUES (gen_random_uuid(), 'repairApplication', '320830', '320000/320800/320830', $1, $2, $3, $4)`,
            [`S${j}`, `bench ${j}`, new Date('2026-10-08T02:00:00Z'), '2026-10-08'],
          );
      });
    }
    const rawSeconds = (performance.now() - started) / 1000;
    const projectorRate = Math.round(projected / projectorSeconds);
    const rawRate = Math.round(projected / rawSeconds);
    const ratio = Math.round((projectorRate / rawRate) * 100) / 100;
    console.log(
      `projector: ${projected} events in ${projectorSeconds.toFixed(1)} s = ${projectorRate} events/s`,
    );
    console.log(
      `raw INSERT: ${projected} rows in ${rawSeconds.toFixed(1)} s = ${rawRate} rows/s; ratio ${ratio}`,
    );

    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/statistics-projector-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.json`;
    const result = {
      copies,
      events,
      streams,
      types,
      projected,
      projectorSeconds,
      projectorRate,
      rawSeconds,
      rawRate,
      ratio,
    };
    writeFileSync(file, JSON.stringify({ ...result, server: bench.server }, null, 2));
    console.log(`written ${file}`);
  } finally {
    await owner.end();
    await bench.stop();
  }
}

void main();
