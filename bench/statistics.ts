/**
 * Dashboard queries of the statistics read model at scale.
 *   npx tsx bench/statistics.ts [--cases 1000000] [--samples 30] [--explain backlog,pendingList]
 * Fills the read model with `cases` cases over two years (two clock runs each, 双公示 records, commitments,
 * revocations) across 4 provinces, 12 cities and 60 counties, then times each dashboard answer through the real
 * query code (p50/p99 over `samples` runs, national, province and county scope). Results: bench/results/statistics-*.json.
 * `--explain` names answers whose statements are printed with their plans (EXPLAIN ANALYZE, national) before timing.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ManualClock, type Database } from '@credence/shared';
import type { ActorScope } from '@credence/identity';
import { CaseTypeRegistry } from '@credence/workflow';
import { CalendarStore, StatutoryTime } from '@credence/working-calendar';
import {
  StatisticsCasesList,
  StatisticsFigures,
  StatisticsLabels,
  StatisticsReports,
  type StatisticsFilter,
} from '@credence/statistics';
import { startBenchDatabase } from './lib/database';
import { option, percentile } from './lib/runner';

const total = Number(option('cases', '1000000'));
const samples = Number(option('samples', '30'));
const explain = option('explain', '').split(',').filter(Boolean);
const admin: ActorScope = { role: 'admin', authorityCode: null, authorityPath: null, subjectCode: null };
const PROVINCES = ['320000', '330000', '370000', '510000'];
const COUNTIES = PROVINCES.flatMap((p, i) =>
  [1, 2, 3].flatMap((c) =>
    [1, 2, 3, 4, 5].map((k) => `${p}/${p.slice(0, 2)}${c}${i}00/${p.slice(0, 2)}${c}${i}0${k}`),
  ),
);

async function authorities(db: Database, superuser: (sql: string, p?: unknown[]) => Promise<unknown>) {
  const rows = new Map<string, { parent: string | null; path: string; level: string }>();
  for (const path of COUNTIES) {
    const [p, c, k] = path.split('/');
    rows.set(p, { parent: null, path: p, level: 'province' });
    rows.set(c, { parent: p, path: `${p}/${c}`, level: 'city' });
    rows.set(k, { parent: c, path, level: 'county' });
  }
  for (const [code, a] of rows)
    await superuser(
      `INSERT INTO authorities (code, name_zh, name_en, parent_code, path, level) VALUES ($1, $2, $2, $3, $4, $5)`,
      [code, code, a.parent, a.path, a.level],
    );
  void db;
}

/** Read-model rows as the projector would leave them: ~3 % pending, one run in seven late. */
async function fill(superuser: (sql: string, p?: unknown[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < total; start += 100_000) {
    const end = Math.min(total, start + 100_000);
    const params = [start, end, total, COUNTIES];
    const base = `FROM generate_series($1::int, $2::int - 1) i,
      LATERAL (SELECT ($4::text[])[1 + i % ${COUNTIES.length}] AS path,
                      date '2025-01-01' + (i::bigint * 730 / $3::int)::int AS opened,
                      CASE WHEN i % 33 = 0 THEN NULL ELSE date '2025-01-01' + (i::bigint * 730 / $3::int)::int + i % 20 END
                        AS decided) x`;
    await superuser(
      `INSERT INTO statistics_cases (case_id, case_type, authority_code, authority_path, subject_code, title, opened_at,
                                     opened_on, decided_on, outcome)
       SELECT gen_random_uuid(), CASE WHEN i % 10 = 0 THEN 'objection' ELSE 'repairApplication' END, right(path, 6),
              path, 'S' || i, 'bench ' || i, opened::timestamptz, opened, decided,
              CASE WHEN decided IS NULL THEN NULL ELSE (ARRAY['approved','rejected','refused','withdrawn','approved'])[1 + i % 5] END
       ${base}`,
      params,
    );
    await superuser(
      `INSERT INTO statistics_clocks (case_id, clock, run, case_type, authority_code, authority_path, limit_key, label_zh,
                                      label_en, working_days, started_at, due_date, due_at, stopped_at, stopped_on,
                                      stopped_by, outcome)
       SELECT c.case_id, k.clock, 1, c.case_type, c.authority_code, c.authority_path, 'repair.' || k.clock, k.clock,
              k.clock, 3, c.opened_at, c.opened_on + 5, c.opened_at + interval '5 days', c.decided_on::timestamptz,
              c.decided_on, 'RepairApproved', CASE WHEN c.decided_on IS NULL THEN NULL
                WHEN hashtext(c.subject_code) % 7 = 0 THEN 'late' ELSE 'met' END
         FROM statistics_cases c, (VALUES ('acceptance'), ('result')) k(clock)
        WHERE c.subject_code IN (SELECT 'S' || i FROM generate_series($1::int, $2::int - 1) i)`,
      [start, end],
    );
  }
  await superuser(
    `INSERT INTO statistics_stage_days (authority_code, authority_path, case_type, limit_key, day, decided, on_time)
     SELECT authority_code, authority_path, min(case_type), limit_key, stopped_on, count(*),
            count(*) FILTER (WHERE outcome = 'met')
       FROM statistics_clocks WHERE stopped_on IS NOT NULL GROUP BY 1, 2, 4, 5`,
  );
  await superuser(
    `INSERT INTO statistics_stages (limit_key, case_type, clock, label_zh, label_en)
     VALUES ('repair.acceptance', 'repairApplication', 'acceptance', '受理', 'Acceptance'),
            ('repair.result', 'repairApplication', 'result', '办结', 'Result')`,
  );
  await superuser(
    `INSERT INTO statistics_case_days (authority_code, authority_path, case_type, day, opened, decided)
     SELECT authority_code, authority_path, case_type, day, sum(opened), sum(decided)
       FROM (SELECT authority_code, authority_path, case_type, opened_on AS day, 1 AS opened, 0 AS decided
               FROM statistics_cases
             UNION ALL
             SELECT authority_code, authority_path, case_type, decided_on, 0, 1 FROM statistics_cases
              WHERE decided_on IS NOT NULL) x
      GROUP BY 1, 2, 3, 4`,
  );
  await superuser(
    `INSERT INTO statistics_publications (record_id, authority_code, authority_path, kind, decision_date, due_date,
                                          published_on, on_time, provisional)
     SELECT gen_random_uuid(), authority_code, authority_path, 'administrative_penalty', opened_on, opened_on + 9,
            opened_on + 3 + (hashtext(subject_code) & 7), (hashtext(subject_code) & 7) < 6, false
       FROM statistics_cases WHERE hashtext(subject_code) % 3 = 0`,
  );
  await superuser(
    `INSERT INTO statistics_commitments (case_id, authority_code, authority_path, commitment_type, signed_on, check_due_on,
                                         result, result_on)
     SELECT gen_random_uuid(), authority_code, authority_path, 'voluntary', opened_on, opened_on + 30,
            CASE WHEN decided_on IS NULL THEN NULL WHEN hashtext(subject_code) % 9 = 0 THEN 'broken' ELSE 'kept' END,
            decided_on + 30
       FROM statistics_cases WHERE hashtext(subject_code) % 10 = 0`,
  );
  for (const table of [
    'statistics_cases',
    'statistics_clocks',
    'statistics_publications',
    'statistics_commitments',
    'statistics_case_days',
    'statistics_stage_days',
  ])
    await superuser(`VACUUM ANALYZE ${table}`); // as autovacuum leaves them: visibility map set
}

/** The database, printing each statement with its plan (EXPLAIN ANALYZE) while `state.on`. */
function explainingDatabase(db: Database, state: { on: boolean }): Database {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
      return async (sql: string, params?: unknown[]) => {
        if (state.on) {
          const { rows } = await target.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
            params,
          );
          console.log(`${sql}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        }
        return target.query(sql, params);
      };
    },
  });
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  await run(); // warm
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(percentile(times, 0.5)), p99: round(percentile(times, 0.99)) };
}

async function main(): Promise<void> {
  const bench = await startBenchDatabase(8);
  const { Client } = await import('pg');
  const owner = new Client({ connectionString: bench.url });
  await owner.connect();
  const superuser = (sql: string, p?: unknown[]) => owner.query(sql, p);
  try {
    await authorities(bench.db, superuser);
    const filling = performance.now();
    await fill(superuser);
    const filledSeconds = Math.round((performance.now() - filling) / 1000);
    const clock = new ManualClock(new Date('2026-06-15T02:00:00Z'));
    const explaining = { on: false };
    const db = explainingDatabase(bench.db, explaining);
    const time_ = new StatutoryTime(db, new CalendarStore(db, clock));
    const figures = new StatisticsFigures(db, new StatisticsLabels(db, new CaseTypeRegistry()));
    const reports = new StatisticsReports(db, clock, time_, figures);
    const list = new StatisticsCasesList(db, clock, figures);
    const month: StatisticsFilter = { from: '2026-05-01', to: '2026-05-31' };
    const scopes = {
      national: {},
      province: { authority: '320000' },
      county: { authority: COUNTIES[0].slice(-6) },
    };
    const results: Record<string, unknown> = {};
    for (const [scope, narrow] of Object.entries(scopes)) {
      const f = { ...month, ...narrow };
      const g = { ...f, groupBy: 'authority' as const };
      const queries: Record<string, () => Promise<unknown>> = {
        cases: () => figures.cases(admin, g),
        casesByMonth: () => figures.cases(admin, { ...f, from: '2025-06-01', groupBy: 'month' }),
        onTime: () => figures.onTime(admin, g),
        backlog: () => reports.backlog(admin, g),
        outcomes: () => reports.outcomes(admin, g),
        publication: () => reports.publication(admin, g),
        commitments: () => reports.commitments(admin, g),
        revocations: () => figures.revocations(admin, g),
        pendingList: () => list.list(admin, { ...f, figure: 'pending' }, 1, 20),
      };
      if (scope === 'national')
        for (const name of explain) {
          explaining.on = true;
          console.log(`--- ${name}`);
          await queries[name]();
          explaining.on = false;
        }
      const timed: Record<string, unknown> = {};
      for (const [name, run] of Object.entries(queries)) timed[name] = await time(run);
      results[scope] = timed;
      console.log(scope, JSON.stringify(timed));
    }
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/statistics-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.json`;
    writeFileSync(
      file,
      JSON.stringify({ cases: total, samples, filledSeconds, server: bench.server, results }, null, 2),
    );
    console.log(`written ${file}`);
  } finally {
    await owner.end();
    await bench.stop();
  }
}

void main();
