import {
  checkChainLink,
  GENESIS_HASH,
  VERIFY_COLUMNS,
  type VerifyFailure,
  type VerifyReport,
  type VerifyRow,
} from '@credence/event-store';
import type { Sql } from '@credence/shared';

/**
 * Where a clean whole-ledger verification ended: the latest checkpoint it covered and the Merkle frontier at that
 * size (O(log n) hashes). Kept by whoever runs the verification, outside the database (a file beside the pinned
 * public key): a row in the audited database saying "verified up to here" could be forged by the same hand that
 * altered the events.
 */
export interface VerifiedPoint {
  treeSize: number;
  /** Hex of the checkpoint's root. */
  rootHash: string;
  /** Hex of the frontier's perfect-subtree roots, largest first. */
  frontier: string[];
}

interface NewEventRow extends VerifyRow {
  ledger_index: string;
  predecessor_hash: Buffer | null;
}

// The events behind the leaves sealed since the point, each with its predecessor's current hash: enough to judge
// every new link without reading the streams' older events.
const PAGE = `
SELECT l.ledger_index, ${VERIFY_COLUMNS.split(',')
  .map((c) => `e.${c.trim()}`)
  .join(', ')}, p.hash AS predecessor_hash
  FROM audit_ledger l
  JOIN events e USING (stream_id, stream_version)
  LEFT JOIN events p ON p.stream_id = e.stream_id AND p.stream_version = e.stream_version - 1
 WHERE l.ledger_index >= $1
 ORDER BY l.ledger_index
 LIMIT $2`;

/**
 * The chain pass of an incremental verification: every event sealed at or after `fromIndex` is recomputed and
 * linked to its predecessor (genesis for version 1). Time is proportional to the new leaves. A sealed event that is
 * gone is the ledger pass's to report (event-missing); a predecessor that is gone shows here as a version gap.
 * Failures come as verify() gives them: the first broken event of each stream, in stream order.
 */
export async function checkChainsSealedSince(
  sql: Sql,
  fromIndex: number,
  pageSize: number,
  onPage?: (eventsChecked: number) => void,
): Promise<VerifyReport> {
  const streams = new Set<string>();
  const broken = new Map<string, VerifyFailure>();
  let events = 0;
  let next = fromIndex;
  for (;;) {
    const { rows } = await sql.query<NewEventRow>(PAGE, [next, pageSize]);
    for (const row of rows) {
      events++;
      streams.add(row.stream_id);
      if (broken.has(row.stream_id)) continue;
      const failure = judge(row);
      if (failure) broken.set(row.stream_id, failure);
    }
    onPage?.(events);
    if (rows.length < pageSize) break;
    next = Number(rows[rows.length - 1].ledger_index) + 1;
  }
  const failures = [...broken.values()].sort((a, b) =>
    a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0,
  );
  return { streamsChecked: streams.size, eventsChecked: events, ok: failures.length === 0, failures };
}

function judge(row: NewEventRow): VerifyFailure | null {
  const version = row.stream_version;
  if (version === 1) return checkChainLink(row, 0, GENESIS_HASH);
  if (row.predecessor_hash === null)
    return {
      streamId: row.stream_id,
      streamVersion: version,
      globalPosition: Number(row.global_position),
      problem: 'version-gap',
      expected: String(version - 1),
      actual: String(version),
    };
  return checkChainLink(row, version - 1, row.predecessor_hash);
}
