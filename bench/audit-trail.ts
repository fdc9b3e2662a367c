/**
 * bench/audit-trail: the auditor's read side, each figure beside a baseline measured in the same run and database.
 *
 *   npx tsx bench/audit-trail.ts [--events 1000000] [--seconds 3]
 *
 * 1. Time travel: `CaseTimeTravel.caseAsOf` of a 200-event credit record at its middle instant, against reading the
 *    same raw event rows (`SELECT … WHERE stream_id AND recorded_at <= at`).
 * 2. The projector: events/s from the event store into `audit_decisions`.
 * 3. Search: `DecisionSearch.search` (page + capped count) over `--events` rows generated in bulk with
 *    generate_series straight into `audit_decisions`, as auditors of a county and a province and as an admin;
 *    baseline: the newest 20 rows of the table by its time index. Goal: p99 < 100 ms.
 * 4. Access log: a case read (load + view, the work of GET /cases/{id} without HTTP) alone, with the entry written
 *    in the request (ACCESS_LOG_FLUSH_MS=0), and with it queued for the batch writer (the default).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Env, ManualClock } from '@credence/shared';
import { CaseViews, WorkbenchAccess, type WorkflowActor } from '@credence/workflow';
import type { ModuleRef } from '@nestjs/core';
import { CREDIT_RECORD, CreditRecordQueries, creditRecordCaseType } from '@credence/credit-records';
import {
  AccessLog,
  CaseTimeTravel,
  DecisionProjector,
  DecisionSearch,
  DecisionTrails,
  DeliveryTrail,
  type DecisionFilter,
} from '@credence/audit';
import type { AccountCache, ActorScope } from '@credence/identity';
import { openCaseEngine } from '../libs/workflow/src/testing/open-case-engine';
import { asOwner, startBenchDatabase } from './lib/database';
import { option, summarise, timedLoop, type RunResult } from './lib/runner';

const totalEvents = Number(option('events', '1000000'));
const seconds = Number(option('seconds', '3'));
const START = new Date('2026-06-01T02:00:00Z');
const officer: WorkflowActor = {
  id: 'officer-bench',
  role: 'officer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  subjectCode: null,
};
const auditor: WorkflowActor = { ...officer, id: 'auditor-bench', role: 'auditor' };

/** Interleaved rounds of named scenarios (one worker each), so load from elsewhere hits every side alike. */
async function compare(
  scenarios: Record<string, () => Promise<unknown>>,
  rounds = 4,
): Promise<Record<string, RunResult>> {
  const runs: Record<string, { seconds: number; latencies: number[] }[]> = {};
  for (const [name, op] of Object.entries(scenarios)) {
    await timedLoop(1, 0.3, () => op().then(() => undefined), []); // warm-up
    runs[name] = [];
  }
  for (let round = 0; round < rounds; round++) {
    const names = Object.keys(scenarios);
    for (const name of round % 2 === 0 ? names : names.reverse()) {
      const latencies: number[] = [];
      const t0 = performance.now();
      await timedLoop(1, seconds / rounds, () => scenarios[name]().then(() => undefined), latencies);
      runs[name].push({ seconds: (performance.now() - t0) / 1000, latencies });
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, summarise(1, r)]));
}

function table(title: string, results: Record<string, RunResult>, baseline?: string): string {
  const lines = [
    `\n${title}\n`,
    '| scenario | ops/s | p50 ms | p99 ms | p99 / baseline |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, r] of Object.entries(results)) {
    const ratio = baseline ? (r.p99Ms / results[baseline].p99Ms).toFixed(1) + '×' : '';
    lines.push(`| ${name} | ${r.opsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${ratio} |`);
  }
  return lines.join('\n');
}

/** The generated provinces, cities and counties as authorities (the `authority` filter resolves codes to paths). */
const AUTHORITIES_SQL = [1, 2, 3].map(
  (level) => `
INSERT INTO authorities (code, name_zh, name_en, parent_code, path, level)
SELECT DISTINCT split_part(authority_path, '/', ${level}), 'bench', 'bench',
       ${level === 1 ? 'NULL' : `split_part(authority_path, '/', ${level - 1})`},
       array_to_string((string_to_array(authority_path, '/'))[1:${level}], '/'),
       ${level === 1 ? "'province'" : level === 2 ? "'city'" : "'county'"}
  FROM audit_decisions WHERE case_type = 'creditRecord' AND correlation_id = 'bench'
ON CONFLICT DO NOTHING`,
);

/** The id the generator gives staff member `n` (PostgreSQL's `md5('a' || n)::uuid`). */
function generatedActor(n: number): string {
  const hex = createHash('md5').update(`a${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Bulk rows: 300 counties in 3 provinces, 8 steps per case, 50,000 subjects, 1,500 staff, one step a minute. */
function generateSql(from: number, to: number): string {
  return `
INSERT INTO audit_decisions (event_id, global_position, case_id, case_type, stream_id, stream_version, event_type,
  action, action_label_zh, action_label_en, state_before_zh, state_before_en, state_after_zh, state_after_en, outcome,
  actor_id, actor_name, actor_role, actor_authority, authority_code, authority_path, subject_code, subject_name, title,
  rule_set, reasons, opinion, legal_basis, correlation_id, event_hash, recorded_at)
SELECT md5('e' || i)::uuid, 1000000000 + i, md5('c' || k)::uuid, 'creditRecord', 'creditRecord-' || md5('c' || k)::uuid,
       i % 8 + 1, (ARRAY['CreditRecordRegistered','CreditRecordShielded','ShieldLifted','CreditRecordCorrected',
         'ObjectionMarked','ObjectionMarkCleared','CreditRecordRepaired','RepairRevoked'])[i % 8 + 1],
       (ARRAY['register','shield','lift-shield','correct','mark-objection','clear-objection','repair','revoke-repair'])[i % 8 + 1],
       '登记信用记录', 'Register the record', '公示中 · 无异议', 'Published · No objection',
       '暂时屏蔽 · 无异议', 'Temporarily shielded · No objection',
       (ARRAY['published','shielded','published','published','marked','none','repaired','published'])[i % 8 + 1],
       md5('a' || (county * 5 + i % 5))::uuid::text, '经办人' || (county * 5 + i % 5), 'officer', code, code, path,
       'S' || lpad((k % 50000)::text, 17, '0'), '示例企业' || (k % 50000), '罚〔2026〕' || k || '号',
       'ndrc-order-36-2026', '理由' || i, NULL, '《道路运输条例》第七十条', 'bench', decode(md5('h' || i), 'hex'),
       timestamptz '2025-01-01 00:00:00+08' + i * interval '1 minute'
  FROM (SELECT i, k, county,
               prov || lpad((county / 10 % 10 + 1)::text, 2, '0') || lpad((county % 10 + 1)::text, 2, '0') AS code,
               prov || '0000/' || prov || lpad((county / 10 % 10 + 1)::text, 2, '0') || '00/' || prov
                 || lpad((county / 10 % 10 + 1)::text, 2, '0') || lpad((county % 10 + 1)::text, 2, '0') AS path
          FROM (SELECT i, i / 8 AS k, (i / 8) % 300 AS county,
                       (ARRAY['32','51','37'])[(i / 8) % 300 / 100 + 1] AS prov
                  FROM generate_series(${from}, ${to - 1}) AS i) s) g`;
}

async function main(): Promise<void> {
  const bench = await startBenchDatabase(8);
  const db = bench.db;
  try {
    const clock = new ManualClock(START);
    const { engine, registry, store, time } = openCaseEngine(db, clock, [creditRecordCaseType]);
    // No module holds a workbench step here: the gate finds no holder and lets every read through.
    const modules = { get: () => undefined } as unknown as ModuleRef;
    const views = new CaseViews(engine, db, clock, time, new WorkbenchAccess(engine, db, clock, modules));
    // No account cache: every trail reads its actors' names, as a process whose listener is down does.
    const noCache = { get: () => null } as unknown as AccountCache;
    const trails = new DecisionTrails(db, engine, registry, new DeliveryTrail(db), noCache);
    const timeTravel = new CaseTimeTravel(db, trails, new CreditRecordQueries(db, engine, views));
    const search = new DecisionSearch(db, clock);
    const projector = new DecisionProjector(db, store, registry);

    // A record with 200 events: registration, then 199 shields and lifts a minute apart.
    const record = (n: number) => ({
      subject: { type: 'legal_person', code: `91320830MA${String(n).padStart(7, '0')}X`, name: `企业${n}` },
      kind: 'administrative_penalty',
      severity: 'general',
      field: 'road_transport',
      decisionNumber: `盱交罚〔2026〕${n}号`,
      decisionDate: '2026-05-10',
      authorityCode: '320830',
      authorityPath: '320000/320800/320830',
      authorityName: '盱眙县交通运输局',
      facts: '道路运输车辆未按规定进行年度审验。',
      legalBasis: '《道路运输条例》第七十条',
    });
    const periods = {
      ruleSet: 'ndrc-order-36-2026',
      repairableFrom: '2026-08-11',
      repairableAt: '2026-08-10T16:00:00.000Z',
      publicityEndsAfter: '2027-05-10',
      expiresAt: '2027-05-10T16:00:00.000Z',
    };
    const caseWith = async (caseId: string, n: number, events: number) => {
      await engine.execute({
        caseType: CREDIT_RECORD,
        caseId,
        eventType: 'CreditRecordRegistered',
        data: { record: record(n), ...periods },
        actor: officer,
        origin: { correlationId: 'bench' },
        create: true,
        ruleSet: periods.ruleSet,
      });
      for (let v = 2; v <= events; v++) {
        clock.advance(60_000);
        await engine.execute({
          caseType: CREDIT_RECORD,
          caseId,
          eventType: v % 2 === 0 ? 'CreditRecordShielded' : 'ShieldLifted',
          data: { reason: `第${v}步`, legalBasis: null },
          actor: officer,
          origin: { correlationId: 'bench' },
        });
      }
    };
    const big = '0190f0e0-0000-7000-8000-000000000200';
    let t0 = performance.now();
    await caseWith(big, 0, 200);
    for (let c = 1; c <= 40; c++)
      await caseWith(`0190f0e0-0000-7000-8000-${String(c).padStart(12, '0')}`, c, 25);
    const engineSeconds = (performance.now() - t0) / 1000;
    console.log(`engine: 1,200 events through CaseEngine.execute in ${engineSeconds.toFixed(1)} s`);

    // 2. The projector over those events (the xmin horizon is this database's own: nothing else runs).
    t0 = performance.now();
    const projected = await projector.catchUp();
    const projectorRate = Math.round(projected / ((performance.now() - t0) / 1000));
    console.log(
      `projector: ${projected} events in ${((performance.now() - t0) / 1000).toFixed(2)} s, ${projectorRate} events/s`,
    );

    // 1. Time travel at the middle of the 200-event history.
    const middle = new Date(START.getTime() + 100 * 60_000);
    const streamId = `${CREDIT_RECORD}-${big}`;
    const asOf = await timeTravel.caseAsOf(big, middle, auditor);
    if (asOf.version !== 101) throw new Error(`time travel read version ${asOf.version}, expected 101`);
    const travel = await compare({
      'raw rows (baseline)': () =>
        db.query(`SELECT * FROM events WHERE stream_id = $1 AND recorded_at <= $2 ORDER BY stream_version`, [
          streamId,
          middle,
        ]),
      'as-of (101 of 200 events)': () => timeTravel.caseAsOf(big, middle, auditor),
      'as-of (all 200 events)': () => timeTravel.caseAsOf(big, clock.now(), auditor),
      'trail (200 steps)': () => trails.trailOf(big, auditor),
    });
    console.log(table('time travel', travel, 'raw rows (baseline)'));

    // 4. Access log: in the request or queued.
    const envOf = (flushMs: number) => Object.assign(new Env(), { ACCESS_LOG_FLUSH_MS: flushMs });
    const inRequest = new AccessLog(db, envOf(0), clock);
    const queued = new AccessLog(db, envOf(1000), clock);
    queued.onModuleInit();
    const small = '0190f0e0-0000-7000-8000-000000000001';
    const read = async () => views.of(await engine.load(CREDIT_RECORD, small, auditor), auditor);
    const entry = {
      actor: auditor,
      kind: 'case',
      resourceId: small,
      caseId: small,
      correlationId: 'bench',
      ip: '127.0.0.1',
    };
    const access = await compare({
      'case read (baseline)': read,
      'case read + entry in the request': async () => {
        await read();
        await inRequest.record(entry);
      },
      'case read + entry queued (default)': async () => {
        await read();
        await queued.record(entry);
      },
    });
    await queued.onModuleDestroy();
    console.log(table('access log', access, 'case read (baseline)'));

    // 3. Search over bulk rows.
    t0 = performance.now();
    const chunk = 200_000;
    for (let from = 0; from < totalEvents; from += chunk)
      await asOwner(bench.url, [generateSql(from, Math.min(totalEvents, from + chunk))]);
    // Autovacuum does this after a bulk insert anyway (insert threshold): the visibility map makes counts index-only.
    await asOwner(bench.url, ['VACUUM ANALYZE audit_decisions', ...AUTHORITIES_SQL]);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`\n${totalEvents} rows generated into audit_decisions in ${loadSeconds.toFixed(1)} s`);

    const county: ActorScope = {
      role: 'auditor',
      authorityCode: '320101',
      authorityPath: '320000/320100/320101',
      subjectCode: null,
    };
    const province: ActorScope = {
      role: 'auditor',
      authorityCode: '320000',
      authorityPath: '320000',
      subjectCode: null,
    };
    const admin: ActorScope = { role: 'admin', authorityCode: null, authorityPath: null, subjectCode: null };
    const month = { from: new Date('2025-03-01T00:00:00+08:00'), to: new Date('2025-04-01T00:00:00+08:00') };
    let i = 0;
    const run =
      (filter: () => DecisionFilter, who: ActorScope, page = 1) =>
      () =>
        search.search(filter(), page, 20, who);
    const searches = await compare({
      'newest 20 rows (baseline)': () =>
        db.query('SELECT * FROM audit_decisions ORDER BY recorded_at DESC, global_position DESC LIMIT 20'),
      'county auditor, no filter': run(() => ({}), county),
      'county auditor, action + month': run(() => ({ action: 'shield', ...month }), county),
      'province auditor, no filter': run(() => ({}), province),
      'province auditor, action + outcome + month': run(
        () => ({ action: 'shield', outcome: 'shielded', ...month }),
        province,
      ),
      'province auditor, subject': run(
        () => ({ subject: `S${String(i++ % 50000).padStart(17, '0')}` }),
        province,
      ),
      'province auditor, actor + month': run(
        () => ({ actor: generatedActor(i++ % 1500), ...month }),
        province,
      ),
      'admin, authority 510000 + case type': run(
        () => ({ authority: '510000', caseType: 'creditRecord' }),
        admin,
      ),
      'province auditor, page 50': run(() => ({}), province, 50),
    });
    console.log(
      table(
        `search over ${totalEvents} rows (page of 20 + count up to 10,000)`,
        searches,
        'newest 20 rows (baseline)',
      ),
    );

    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/audit-trail-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };
    writeFileSync(
      file,
      JSON.stringify(
        {
          bench: 'audit-trail',
          totalEvents,
          seconds,
          machine,
          server: bench.server,
          projectorRate,
          loadSeconds,
          travel,
          access,
          searches,
        },
        null,
        2,
      ),
    );
    console.log(
      `\nPostgreSQL ${bench.server.version}, Node ${process.version}, ${cpus().length} vCPU; results: ${file}`,
    );
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
