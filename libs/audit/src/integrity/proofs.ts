import type { Sql } from '@credence/shared';
import { consistencyProofRanges, inclusionProofRanges } from './merkle';
import { rangeHashes } from './merkle-store';

/** Where an event sits in the ledger. */
export interface LedgerEntry {
  ledgerIndex: number;
  globalPosition: number;
  streamId: string;
  streamVersion: number;
  eventHash: Buffer;
  leafHash: Buffer;
  sealedAt: Date;
}

interface LedgerRow {
  ledger_index: string;
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_hash: Buffer;
  leaf_hash: Buffer;
  sealed_at: Date;
}

const toEntry = (r: LedgerRow): LedgerEntry => ({
  ledgerIndex: Number(r.ledger_index),
  globalPosition: Number(r.global_position),
  streamId: r.stream_id,
  streamVersion: r.stream_version,
  eventHash: r.event_hash,
  leafHash: r.leaf_hash,
  sealedAt: r.sealed_at,
});

export async function ledgerEntryOfEvent(sql: Sql, eventId: string): Promise<LedgerEntry | null> {
  const { rows } = await sql.query<LedgerRow>(
    `SELECT l.* FROM events e JOIN audit_ledger l USING (stream_id, stream_version) WHERE e.event_id = $1`,
    [eventId],
  );
  return rows[0] ? toEntry(rows[0]) : null;
}

export async function ledgerEntriesOfStreams(sql: Sql, streamIds: string[]): Promise<LedgerEntry[]> {
  const { rows } = await sql.query<LedgerRow>(
    `SELECT * FROM audit_ledger WHERE stream_id = ANY($1::text[]) ORDER BY ledger_index`,
    [streamIds],
  );
  return rows.map(toEntry);
}

/**
 * Audit path of a leaf, from the stored nodes: O(log n) subtrees, each at most 8 stored hashes, read in two
 * queries — a proof costs the same in a ledger of a thousand or a billion leaves.
 */
export function inclusionPath(sql: Sql, ledgerIndex: number, treeSize: number): Promise<Buffer[]> {
  return rangeHashes(sql, inclusionProofRanges(ledgerIndex, treeSize));
}

export function consistencyPath(sql: Sql, first: number, second: number): Promise<Buffer[]> {
  return rangeHashes(sql, consistencyProofRanges(first, second));
}

/** Many audit paths against one tree size with one pair of queries (evidence bundles). */
export async function inclusionPaths(
  sql: Sql,
  ledgerIndexes: number[],
  treeSize: number,
): Promise<Buffer[][]> {
  const perLeaf = ledgerIndexes.map((i) => inclusionProofRanges(i, treeSize));
  const hashes = await rangeHashes(sql, perLeaf.flat());
  let next = 0;
  return perLeaf.map((ranges) => hashes.slice(next, (next += ranges.length)));
}
