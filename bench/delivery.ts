/**
 * Delivery through the relay against the raw claim rate, in the same run.
 *   npx tsx bench/delivery.ts [--rows 5000] [--workers 2] [--backlog 100000]
 * Relay: rows of distinct cases delivered to a local HTTP receiver (a real server answering 200), each composed,
 * signed, POSTed and recorded (attempt row + status) by `--workers` relays in parallel. Raw: the same number of rows
 * only claimed (the claim statement, nothing else), by as many workers. Then `--backlog` pending rows are added and
 * the claim's plan is printed (asserted as an index scan in libs/delivery/src/delivery-relay.int-spec.ts).
 * Results: bench/results/delivery-*.json.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { ManualClock, uuidv7 } from '@credence/shared';
import { CLAIM_SQL } from '@credence/delivery';
import { FakeReceiver } from '../libs/delivery/src/testing/fake-receiver';
import { openRelay } from '../libs/delivery/src/testing/open-relay';
import { startBenchDatabase, type BenchDatabase } from './lib/database';
import { option } from './lib/runner';

const rows = Number(option('rows', '5000'));
const workers = Number(option('workers', '2'));
const backlog = Number(option('backlog', '100000'));
const NOW = new Date('2026-06-01T02:00:00Z');
const SECRET = 'bench-delivery-secret-0123456789abcdefghij';

async function fill(bench: BenchDatabase, platform: string, count: number): Promise<void> {
  await bench.db.query(
    `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at, platform_code)
     SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'grade.re-evaluation-requested',
            jsonb_build_object('subjectCode', '91320830MA1XY0012B', 'n', g), $2::timestamptz - make_interval(secs => g), $3
       FROM generate_series(1, $1::int) g`,
    [count, NOW, platform],
  );
  await bench.db.query('ANALYZE outbox');
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const bench = await startBenchDatabase(workers * 4 + 4);
  const receiver = await new FakeReceiver(SECRET).start();
  const clock = new ManualClock(NOW);
  const { relay, platforms } = openRelay(bench.db, clock);
  const admin = { id: 'bench', role: 'admin' };
  try {
    await platforms.put(
      'credit-china',
      { name: '信用中国', transport: 'http', endpoint: receiver.url, secret: SECRET },
      admin,
    );
    await platforms.put(
      'bench-raw',
      { name: 'raw', transport: 'http', endpoint: receiver.url, secret: SECRET },
      admin,
    );

    await fill(bench, 'credit-china', rows);
    let started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while ((await relay.deliverDue()).claimed > 0);
      }),
    );
    const relaySeconds = (performance.now() - started) / 1000;
    const delivered = Number(
      (await bench.db.query(`SELECT count(*) AS n FROM outbox WHERE status = 'delivered'`)).rows[0].n,
    );

    await fill(bench, 'bench-raw', rows);
    started = performance.now();
    let claimed = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (;;) {
          const n = (await relay.claim('bench-raw', 16)).length;
          if (n === 0) break;
          claimed += n;
        }
      }),
    );
    const rawSeconds = (performance.now() - started) / 1000;

    await fill(bench, 'credit-evaluation', backlog);
    const plan = (
      await bench.db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ${CLAIM_SQL}`.replace(
          /\$(\d)/g,
          (_, n: string) =>
            [
              `'credit-evaluation'`,
              `'${NOW.toISOString()}'::timestamptz`,
              '16',
              `'${NOW.toISOString()}'::timestamptz`,
              `'${uuidv7()}'::uuid`,
            ][Number(n) - 1],
        ),
      )
    ).rows.map((r) => r['QUERY PLAN']);
    const results = {
      at: new Date().toISOString(),
      server: bench.server,
      rows,
      workers,
      relay: {
        delivered,
        seconds: relaySeconds,
        perSecond: delivered / relaySeconds,
        requests: receiver.received.length,
      },
      rawClaim: { claimed, seconds: rawSeconds, perSecond: claimed / rawSeconds },
      ratio: delivered / relaySeconds / (claimed / rawSeconds),
      backlog,
      claimPlan: plan.filter((l) => /Scan/.test(l)).map((l) => l.trim()),
    };
    console.log(JSON.stringify(results, null, 2));
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(
      `bench/results/delivery-${results.at.replace(/[:.]/g, '-')}.json`,
      JSON.stringify(results, null, 2),
    );
  } finally {
    await receiver.stop();
    await bench.stop();
  }
}

void main();
