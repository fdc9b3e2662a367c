import type { Sql } from '@credence/shared';
import type { HashAlgorithm } from './event';
import { chainHash, GENESIS_HASH } from './hash-chain';

export type VerifyProblem = 'hash-mismatch' | 'broken-link' | 'version-gap' | 'bad-genesis';

export interface VerifyFailure {
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  problem: VerifyProblem;
  /** Hex of the expected hash, or the expected version, when the problem has one. */
  expected?: string;
  actual?: string;
}

export interface VerifyReport {
  streamsChecked: number;
  eventsChecked: number;
  ok: boolean;
  /** The first broken event of each broken stream; later events of that stream are not judged. */
  failures: VerifyFailure[];
}

export interface VerifyOptions {
  /** Only this stream; every stream when omitted. */
  streamId?: string;
  /** Rows per round trip (keyset page). */
  batchSize?: number;
  /** Called after each page with the running totals. */
  onProgress?: (progress: { streamsChecked: number; eventsChecked: number; failures: number }) => void;
}

/** An event row as read for verification (pg's default parsers: jsonb parsed, bytea as Buffer). */
export interface VerifyRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at: Date;
  hash_algorithm: HashAlgorithm;
  prev_hash: Buffer;
  hash: Buffer;
}

export const VERIFY_COLUMNS = `global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata,
  recorded_at, hash_algorithm, prev_hash, hash`;

// Keyset pagination on the primary key: constant memory and an index range scan per page, however large the table.
const PAGE_ALL = `SELECT ${VERIFY_COLUMNS} FROM events WHERE (stream_id, stream_version) > ($1, $2)
  ORDER BY stream_id, stream_version LIMIT $3`;
const PAGE_ONE = `SELECT ${VERIFY_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version > $2
  ORDER BY stream_version LIMIT $3`;

/**
 * Recomputes every stream's hash chain (or one stream's) from the stored rows. Finds edited rows (hash-mismatch),
 * re-pointed links (broken-link), deleted events (version-gap) and forged starts (bad-genesis). It cannot see a
 * whole deleted stream or a truncated tail: that needs the external anchors of the Merkle seal.
 */
export async function verify(sql: Sql, options: VerifyOptions = {}): Promise<VerifyReport> {
  const batchSize = options.batchSize ?? 5000;
  const report: VerifyReport = { streamsChecked: 0, eventsChecked: 0, ok: true, failures: [] };
  const page = (streamId: string, version: number) =>
    options.streamId === undefined
      ? sql.query<VerifyRow>(PAGE_ALL, [streamId, version, batchSize])
      : sql.query<VerifyRow>(PAGE_ONE, [options.streamId, version, batchSize]);

  const chains = new ChainChecker(report);
  // '' sorts before every stream id under the C collation and any other.
  let next = page(options.streamId ?? '', 0);
  for (;;) {
    const { rows } = await next;
    if (rows.length === 0) break;
    const tail = rows[rows.length - 1];
    // Fetch the next page while this one is hashed: the database and Node work in parallel.
    if (rows.length === batchSize) next = page(tail.stream_id, tail.stream_version);
    chains.checkRows(rows);
    options.onProgress?.({ ...counts(report) });
    if (rows.length < batchSize) break;
  }
  report.ok = report.failures.length === 0;
  return report;
}

/**
 * Walks rows in (stream_id, stream_version) order and judges each against its predecessor, keeping the first failure
 * of each stream. The rows of one stream must arrive together and in order (one page may end inside a stream; the
 * next continues it). Shared by the sequential walk and each worker thread of the parallel one.
 */
export class ChainChecker {
  private stream: string | null = null;
  private version = 0;
  private lastHash: Buffer = GENESIS_HASH;
  private broken = false;

  constructor(private readonly report: VerifyReport) {}

  checkRows(rows: readonly VerifyRow[]): void {
    const report = this.report;
    for (const row of rows) {
      if (row.stream_id !== this.stream) {
        this.stream = row.stream_id;
        this.version = 0;
        this.lastHash = GENESIS_HASH;
        this.broken = false;
        report.streamsChecked++;
      }
      report.eventsChecked++;
      if (this.broken) continue;
      const failure = checkChainLink(row, this.version, this.lastHash);
      if (failure) {
        this.broken = true;
        report.failures.push(failure);
      }
      this.version = row.stream_version;
      this.lastHash = row.hash;
    }
  }
}

function counts(report: VerifyReport) {
  return {
    streamsChecked: report.streamsChecked,
    eventsChecked: report.eventsChecked,
    failures: report.failures.length,
  };
}

/** Judges one event against its predecessor in the stream (version 0 and the genesis hash for the first). */
export function checkChainLink(
  row: VerifyRow,
  previousVersion: number,
  previousHash: Buffer,
): VerifyFailure | null {
  const at = {
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: Number(row.global_position),
  };
  if (row.stream_version !== previousVersion + 1) {
    return {
      ...at,
      problem: 'version-gap',
      expected: String(previousVersion + 1),
      actual: String(row.stream_version),
    };
  }
  if (!row.prev_hash.equals(previousHash)) {
    const problem = previousVersion === 0 ? 'bad-genesis' : 'broken-link';
    return { ...at, problem, expected: previousHash.toString('hex'), actual: row.prev_hash.toString('hex') };
  }
  const recomputed = chainHash(row.hash_algorithm, row.prev_hash, {
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  });
  if (!recomputed.equals(row.hash)) {
    return {
      ...at,
      problem: 'hash-mismatch',
      expected: recomputed.toString('hex'),
      actual: row.hash.toString('hex'),
    };
  }
  return null;
}
