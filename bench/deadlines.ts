/**
 * Deadline scanning and firing with many open clocks in the tables.
 *   npx tsx bench/deadlines.ts [--sizes 10000,100000,1000000] [--fire 1000] [--workers 2]
 * For each table size: the due-timer scan (the worker's exact query) and the overdue-deadlines list, p50/p99 over
 * repeated runs, with the plan node that serves them (an index, never a sequential scan). At the largest size:
 * due clocks fired through the engine (event appended, clock row and timers updated) against a raw baseline in
 * the same run (claim one timer row and mark it fired, nothing else). Results: bench/results/deadlines-*.json.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ManualClock, uuidv7 } from '@credence/shared';
import { DUE_TIMER_SCAN, TimerWorker, type CaseEngine } from '@credence/workflow';
import { CLOCKED_CASE, clockedApplicant, clockedCaseType } from '../libs/workflow/src/testing/clocked-case';
import { openCaseEngine } from '../libs/workflow/src/testing/open-case-engine';
import { startBenchDatabase, type BenchDatabase } from './lib/database';
import { option, percentile } from './lib/runner';

const sizes = option('sizes', '10000,100000,1000000').split(',').map(Number);
const fireCount = Number(option('fire', '1000'));
const workers = Number(option('workers', '2'));
const samples = 300;
const NOW = new Date('2026-06-01T02:00:00Z');
const AUTHORITIES = ['320000/320800/320830', '320000/320100/320102', '510000/512000', '370000/371500/371524'];

const DEADLINES_OVERDUE = `SELECT k.case_id, k.name, k.due_at FROM case_clocks k
  WHERE k.status = 'running' AND k.due_at <= $1
    AND (k.authority_path = $2 OR k.authority_path LIKE $2 || '/%')
  ORDER BY k.due_at LIMIT 20`;

/** Open clocks and their timers, all due months to years ahead (what a busy year's backlog looks like). */
async function fill(bench: BenchDatabase, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 100_000) {
    const end = Math.min(to, start + 100_000);
    await bench.db.query(
      `INSERT INTO timers (id, case_id, case_type, stream_id, name, event_type, due_at, status, created_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'filler', 'filler-' || i, 'clock:result:elapsed', 'ClockElapsed',
              $3::timestamptz + (i % 50000) * interval '10 minutes' + interval '7 days', 'pending', $3
         FROM generate_series($1::int, $2::int - 1) i`,
      [start, end, NOW],
    );
    await bench.db.query(
      `INSERT INTO case_clocks (stream_id, name, case_id, case_type, authority_code, authority_path, limit_key, label_zh,
                                label_en, status, started_at, due_date, due_at, due_soon_at, provisional, calendar_version,
                                updated_at)
       SELECT 'filler-' || i, 'result', gen_random_uuid(), 'filler', right(p, 6), p, 'repair.result', '办结时限', 'Result',
              'running', $3, d::date, d, d - interval '2 days', false, '2025@1 2026@1', $3
         FROM generate_series($1::int, $2::int - 1) i,
              LATERAL (SELECT ($4::text[])[1 + i % 4] AS p, $3::timestamptz + (i % 50000) * interval '10 minutes'
                              + interval '7 days' AS d) x`,
      [start, end, NOW, AUTHORITIES],
    );
  }
  await bench.db.query('ANALYZE timers');
  await bench.db.query('ANALYZE case_clocks');
}

async function latency(
  bench: BenchDatabase,
  sql: string,
  params: unknown[],
): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await bench.db.transaction((tx) => tx.query(sql, params));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 0.5)), p99: round(percentile(times, 0.99)) };
}

async function plan(bench: BenchDatabase, sql: string, params: unknown[]): Promise<string> {
  const { rows } = await bench.db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
    params,
  );
  const lines = rows.map((r) => r['QUERY PLAN']);
  if (lines.some((l) => l.includes('Seq Scan'))) throw new Error(`sequential scan:\n${lines.join('\n')}`);
  const scan = lines.find((l) => /Index( Only)? Scan/.test(l))?.trim() ?? lines[0];
  const buffers = lines.find((l) => l.trim().startsWith('Buffers'))?.trim() ?? '';
  return `${scan.replace(/\s+\(cost.*$/, '')} · ${buffers}`;
}

/** Files `count` applications on NOW; each runs an acceptance clock (3 working days) and a result clock. */
async function openCases(engine: CaseEngine, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await engine.execute({
      caseType: CLOCKED_CASE,
      caseId: uuidv7(),
      eventType: 'Submitted',
      data: {
        authorityCode: '320830',
        authorityPath: AUTHORITIES[0],
        subjectCode: 'bench',
        title: `bench ${i}`,
      },
      actor: clockedApplicant,
      origin: { correlationId: 'bench' },
      create: true,
    });
  }
}

async function fireAll(fire: () => Promise<number>): Promise<{ fired: number; seconds: number }> {
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: workers }, () => fire()));
  return { fired: counts.reduce((a, b) => a + b, 0), seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const bench = await startBenchDatabase(workers + 4);
  const clock = new ManualClock(NOW);
  const { engine } = openCaseEngine(bench.db, clock, [clockedCaseType]);

  const scans: Record<string, unknown>[] = [];
  try {
    let filled = 0;
    for (const size of sizes) {
      await fill(bench, filled, size);
      filled = size;
      const scanParams = [NOW, []];
      const listParams = [NOW, '320000'];
      scans.push({
        openClocks: size,
        dueScan: {
          ...(await latency(bench, DUE_TIMER_SCAN, scanParams)),
          plan: await plan(bench, DUE_TIMER_SCAN, scanParams),
        },
        overdueList: {
          ...(await latency(bench, DEADLINES_OVERDUE, listParams)),
          plan: await plan(bench, DEADLINES_OVERDUE, listParams),
        },
      });
      console.log(JSON.stringify(scans.at(-1)));
    }

    // Raw baseline: claim one due timer row and settle it, one transaction each, nothing else.
    await bench.db.query(
      `INSERT INTO timers (id, case_id, case_type, stream_id, name, event_type, due_at, status, created_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'raw', 'raw-' || i, 'raw', 'Raw', $2, 'pending', $2
         FROM generate_series(1, $1::int) i`,
      [fireCount * 2, NOW],
    );
    const raw = await fireAll(async () => {
      let fired = 0;
      for (;;) {
        const done = await bench.db.transaction(async (tx) => {
          const { rows } = await tx.query<{ id: string }>(DUE_TIMER_SCAN, [new Date(NOW.getTime() + 1), []]);
          if (!rows[0]) return false;
          await tx.query(`UPDATE timers SET status = 'fired', settled_at = $2 WHERE id = $1`, [
            rows[0].id,
            NOW,
          ]);
          return true;
        });
        if (!done) return fired;
        fired++;
      }
    });

    // Engine: the same number of due thresholds (due soon + elapsed of each acceptance clock), fired for real.
    await openCases(engine, fireCount);
    clock.set(new Date('2026-06-05T02:00:00Z')); // acceptance (due 06-04 24:00) elapsed; result not yet due soon
    const timerWorker = new TimerWorker(bench.db, clock, engine);
    const fired = await fireAll(() => timerWorker.fireDue(1_000_000));

    const results = {
      server: bench.server,
      scans,
      firing: {
        openClocks: filled,
        workers,
        raw: { fired: raw.fired, perSecond: round(raw.fired / raw.seconds) },
        engine: { fired: fired.fired, perSecond: round(fired.fired / fired.seconds) },
        ratio: round(fired.fired / fired.seconds / (raw.fired / raw.seconds), 2),
      },
    };
    console.log('\n| open clocks | due scan p50 / p99 ms | overdue list p50 / p99 ms | due-scan plan |');
    console.log('| --- | --- | --- | --- |');
    for (const s of scans as { openClocks: number; dueScan: Row; overdueList: Row }[])
      console.log(
        `| ${s.openClocks} | ${s.dueScan.p50} / ${s.dueScan.p99} | ${s.overdueList.p50} / ${s.overdueList.p99} | ${s.dueScan.plan} |`,
      );
    console.log(
      `\nfiring with ${filled} open clocks, ${workers} workers: engine ${results.firing.engine.perSecond}/s ` +
        `(${fired.fired} thresholds), raw claim+settle ${results.firing.raw.perSecond}/s → ratio ${results.firing.ratio}`,
    );
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/deadlines-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, JSON.stringify(results, null, 2));
    console.log(`results: ${file}`);
  } finally {
    await bench.stop();
  }
}

type Row = { p50: number; p99: number; plan: string };
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
