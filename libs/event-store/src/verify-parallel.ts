import { availableParallelism } from 'node:os';
import type { ClientConfig } from 'pg';
import { Piscina } from 'piscina';
import type { Sql } from '@credence/shared';
import type { ChainRangeTask } from './verify-worker';
import type { VerifyOptions, VerifyReport } from './verify';

export interface ParallelVerifyOptions extends Pick<VerifyOptions, 'batchSize' | 'onProgress'> {
  /** Where each worker thread opens its own connection (a URL or pg client settings; no functions). */
  connection: string | ClientConfig;
  /** Worker threads; every core by default. */
  threads?: number;
  /** Events per range handed to a thread (whole streams; a longer stream makes a longer range). */
  rangeSize?: number;
}

// Range boundaries are found on the primary-key index alone: skip `rangeSize` entries, round up to a stream start.
const FIRST_STREAM = `SELECT min(stream_id) AS s FROM events`;
const BOUNDARY = `SELECT stream_id AS s FROM events WHERE stream_id >= $1
                   ORDER BY stream_id, stream_version OFFSET $2 LIMIT 1`;
const NEXT_STREAM = `SELECT min(stream_id) AS s FROM events WHERE stream_id > $1`;

/**
 * `verify()` over every stream on every core: the table is cut into ranges of whole streams, and each worker
 * thread reads its ranges through its own connection and recomputes their chains. The report is the sequential
 * one (failures in stream order, the first altered event of each stream named): a chain never crosses a stream, so
 * ranges of whole streams are independent.
 */
export async function verifyParallel(sql: Sql, options: ParallelVerifyOptions): Promise<VerifyReport> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const rangeSize = options.rangeSize ?? 20_000;
  const batchSize = options.batchSize ?? 2_000;
  const connection: ClientConfig =
    typeof options.connection === 'string' ? { connectionString: options.connection } : options.connection;
  const report: VerifyReport = { streamsChecked: 0, eventsChecked: 0, ok: true, failures: [] };
  const pool = new Piscina({ ...workerFile(), minThreads: threads, maxThreads: threads });
  // Results are merged in range order; a few ranges are queued per thread so none waits for the planner.
  const pending: Promise<VerifyReport>[] = [];
  const merge = async () => {
    const part = await pending.shift()!;
    report.streamsChecked += part.streamsChecked;
    report.eventsChecked += part.eventsChecked;
    report.failures.push(...part.failures);
    options.onProgress?.({
      streamsChecked: report.streamsChecked,
      eventsChecked: report.eventsChecked,
      failures: report.failures.length,
    });
  };
  try {
    let from = await one(sql, FIRST_STREAM, []);
    while (from !== null) {
      let to = await one(sql, BOUNDARY, [from, rangeSize]);
      if (to === from) to = await one(sql, NEXT_STREAM, [from]);
      const task: ChainRangeTask = { connection, from, to, batchSize };
      pending.push(pool.run(task) as Promise<VerifyReport>);
      // Settled ranges are merged as the planner goes, so memory stays bounded by the queue, not the table.
      if (pending.length >= threads * 3) await merge();
      from = to;
    }
    while (pending.length > 0) await merge();
  } finally {
    // A failed range leaves the others running; wait for them before the threads go.
    await Promise.allSettled(pending);
    await pool.destroy();
  }
  report.ok = report.failures.length === 0;
  return report;
}

async function one(sql: Sql, text: string, values: unknown[]): Promise<string | null> {
  const { rows } = await sql.query<{ s: string | null }>(text, values);
  return rows[0]?.s ?? null;
}

/**
 * The worker module beside this one: compiled JavaScript in dist; under tsx or Jest the TypeScript source, which a
 * thread loads through tsx (a thread does not inherit the parent's module hooks unless they came from its flags).
 */
function workerFile(): { filename: string; execArgv?: string[] } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { filename: new URL('./verify-worker.js', here).href };
  const hooked = process.execArgv.some((a) => a.includes('tsx'));
  return {
    filename: new URL('./verify-worker.ts', here).href,
    execArgv: hooked ? undefined : [...process.execArgv, '--import', 'tsx'],
  };
}
