import { Client } from 'pg';

/**
 * Grows the case tables to a given size without HTTP: every clone is a copy of one real case (registered through
 * the API), made inside PostgreSQL with generate_series, so loading runs at the server's insert rate with no client
 * in the loop. Clones belong to other authorities (990000/99xxxx) and other subjects, so the probes of a run (the
 * demo officer's queue, the demo subject's public records) keep their own size while every table and index grows.
 * Clones' hash chains are copies, not chains: verification is not what a scale run measures.
 */
export interface CloneTemplate {
  /** The real case cloned: its row in cases, its events, its read model and timers. */
  caseId: string;
  eventsPerCase: number;
  /**
   * Events written per transaction (default 200,000). A transaction holds the cluster's xmin horizon while it runs,
   * and every subscription waits behind it (libs/event-store/src/subscription.ts), so loads sharing a cluster with
   * other work use small ones.
   */
  eventsPerTransaction?: number;
}

const CLONE_ID = `md5('credence-scale-' || k)::uuid`;
const AUTHORITY = `'99' || lpad((k % 97)::text, 4, '0')`;

/** Statements cloning cases k = $1 … $2 of the template ($3 its case id, $4 events per case). */
const CLONES = [
  // Events: the template's first event as every version (same type and size); stream id with the clone's id.
  `INSERT INTO events (stream_id, stream_version, stream_type, event_id, type, schema_version, data, metadata,
                       recorded_at, hash_algorithm, prev_hash, hash)
   SELECT replace(e.stream_id, $3::text, (${CLONE_ID})::text), v, e.stream_type, gen_random_uuid(), e.type,
          e.schema_version, e.data, e.metadata, e.recorded_at - make_interval(secs => k), e.hash_algorithm,
          e.prev_hash, e.hash
     FROM cases c JOIN events e ON e.stream_id = c.stream_id AND e.stream_version = 1,
          generate_series($1::int, $2::int) k, generate_series(1, $4::int) v
    WHERE c.id = $3::uuid`,
  // Rows keyed by the case: copied whole (whatever columns the table has), with the identifying ones replaced.
  `INSERT INTO cases SELECT (jsonb_populate_record(null::cases, to_jsonb(c) || jsonb_build_object(
      'id', ${CLONE_ID}, 'stream_id', replace(c.stream_id, $3::text, (${CLONE_ID})::text), 'version', $4::int,
      'authority_code', ${AUTHORITY}, 'authority_path', '990000/' || ${AUTHORITY},
      'subject_code', 'SCALE' || lpad((k % 500000)::text, 13, '0')))).*
     FROM cases c, generate_series($1::int, $2::int) k WHERE c.id = $3::uuid`,
  `INSERT INTO credit_records SELECT (jsonb_populate_record(null::credit_records, to_jsonb(r) || jsonb_build_object(
      'id', ${CLONE_ID}, 'version', $4::int, 'decision_number', r.decision_number || '-S' || k,
      'authority_code', ${AUTHORITY}, 'authority_path', '990000/' || ${AUTHORITY},
      'subject_code', 'SCALE' || lpad((k % 500000)::text, 13, '0')))).*
     FROM credit_records r, generate_series($1::int, $2::int) k WHERE r.id = $3::uuid`,
  `INSERT INTO timers SELECT (jsonb_populate_record(null::timers, to_jsonb(t) || jsonb_build_object(
      'id', gen_random_uuid(), 'case_id', ${CLONE_ID},
      'stream_id', replace(t.stream_id, $3::text, (${CLONE_ID})::text),
      'due_at', t.due_at + make_interval(secs => k)))).*
     FROM timers t, generate_series($1::int, $2::int) k WHERE t.case_id = $3::uuid`,
];

/** Clones cases `from` … `to` - 1 in batches (one transaction each); returns the seconds it took. */
export async function cloneCases(
  ownerUrl: string,
  template: CloneTemplate,
  from: number,
  to: number,
  onBatch?: (done: number) => void,
): Promise<number> {
  const started = performance.now();
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const batch = Math.max(
      1,
      Math.floor((template.eventsPerTransaction ?? 200_000) / template.eventsPerCase),
    );
    for (let k = from; k < to; k += batch) {
      const last = Math.min(to, k + batch) - 1;
      await client.query('BEGIN');
      const values = [k, last, template.caseId, template.eventsPerCase];
      for (const statement of CLONES) {
        // Each statement takes the placeholders it names ($1 … $n).
        const used = Math.max(...[...statement.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        await client.query(statement, values.slice(0, used));
      }
      await client.query('COMMIT');
      onBatch?.(last + 1);
    }
    // What autovacuum does after a bulk load: statistics for the planner, the visibility map for index-only scans.
    for (const table of ['events', 'cases', 'credit_records', 'timers'])
      await client.query(`VACUUM ANALYZE ${table}`);
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}

/** Rows and on-disk size (tables with their indexes) of what a scale run grows. */
export async function tableSizes(ownerUrl: string): Promise<Record<string, { rows: number; mb: number }>> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string; n: string; bytes: string }>(
      `SELECT c.relname, c.reltuples::bigint AS n, pg_total_relation_size(c.oid) AS bytes
         FROM pg_class c WHERE c.relname IN ('events', 'cases', 'credit_records', 'timers')`,
    );
    return Object.fromEntries(
      rows.map((r) => [r.relname, { rows: Number(r.n), mb: Math.round(Number(r.bytes) / 1048576) }]),
    );
  } finally {
    await client.end();
  }
}
