import pg from 'pg';
import { ChainChecker, VERIFY_COLUMNS, type VerifyReport, type VerifyRow } from './verify';

/** One range of whole streams: from `from` (inclusive) up to `to` (exclusive; the end of the table when null). */
export interface ChainRangeTask {
  connection: pg.ClientConfig;
  from: string;
  to: string | null;
  batchSize: number;
}

// Named statements: parsed and planned once per worker connection, however many pages it reads.
const PAGE_BOUNDED = {
  name: 'verify-range-page',
  text: `SELECT ${VERIFY_COLUMNS} FROM events
          WHERE (stream_id, stream_version) > ($1, $2) AND stream_id < $3
          ORDER BY stream_id, stream_version LIMIT $4`,
};
const PAGE_LAST = {
  name: 'verify-last-range-page',
  text: `SELECT ${VERIFY_COLUMNS} FROM events WHERE (stream_id, stream_version) > ($1, $2)
          ORDER BY stream_id, stream_version LIMIT $3`,
};

// One connection per worker thread, kept for every range the thread is given (a thread verifies many ranges).
let client: Promise<pg.Client> | null = null;

function connect(config: pg.ClientConfig): Promise<pg.Client> {
  client ??= (async () => {
    const c = new pg.Client({ ...config, application_name: 'credence-verify' });
    // A lost server fails the running query; without a listener the 'error' event would end the thread.
    c.on('error', () => undefined);
    await c.connect();
    return c;
  })();
  return client;
}

/**
 * Runs in a worker thread (piscina): reads one range of streams in keyset pages and recomputes their chains. The
 * next page is read while this one is hashed, so the thread's connection and its core work side by side.
 */
export default async function verifyRange(task: ChainRangeTask): Promise<VerifyReport> {
  const db = await connect(task.connection);
  const report: VerifyReport = { streamsChecked: 0, eventsChecked: 0, ok: true, failures: [] };
  const chains = new ChainChecker(report);
  const page = (stream: string, version: number) =>
    task.to === null
      ? db.query<VerifyRow>({ ...PAGE_LAST, values: [stream, version, task.batchSize] })
      : db.query<VerifyRow>({ ...PAGE_BOUNDED, values: [stream, version, task.to, task.batchSize] });
  let next = page(task.from, 0);
  for (;;) {
    const { rows } = await next;
    if (rows.length === 0) break;
    const tail = rows[rows.length - 1];
    if (rows.length === task.batchSize) next = page(tail.stream_id, tail.stream_version);
    chains.checkRows(rows);
    if (rows.length < task.batchSize) break;
  }
  report.ok = report.failures.length === 0;
  return report;
}
