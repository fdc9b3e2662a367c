import type { Sql } from '@credence/shared';
import {
  foldSubtrees,
  MerkleFrontier,
  nodeHash,
  perfectSubtreesOf,
  type LeafRange,
  type PerfectSubtree,
} from './merkle';

/** Interior nodes are stored at levels 4, 8, 12 …: any perfect subtree is then at most 8 stored hashes away. */
export const NODE_STRIDE = 4;

export const isStoredLevel = (level: number) => level > 0 && level % NODE_STRIDE === 0;

/** Where a perfect subtree's hash comes from: 2^(level − base) consecutive rows of the level below it that is kept. */
function sourceOf(subtree: PerfectSubtree): { base: number; first: number; count: number } {
  const base = subtree.level - (subtree.level % NODE_STRIDE);
  const count = 2 ** (subtree.level - base);
  return { base, first: subtree.index * count, count };
}

/**
 * Hashes of perfect subtrees read from the ledger (leaves) and the stored interior nodes, two queries for any
 * number of subtrees. Throws when a row is missing: the ledger is shorter than the caller assumed.
 */
export async function perfectSubtreeHashes(sql: Sql, subtrees: PerfectSubtree[]): Promise<Buffer[]> {
  // Proofs of neighbouring leaves share most of their subtrees: each row is asked for once.
  const leafSet = new Set<number>();
  const nodeSet = new Map<string, [number, number]>();
  for (const s of subtrees) {
    const { base, first, count } = sourceOf(s);
    for (let i = first; i < first + count; i++) {
      if (base === 0) leafSet.add(i);
      else nodeSet.set(`${base}:${i}`, [base, i]);
    }
  }
  const leafIndexes = [...leafSet];
  const nodeLevels = [...nodeSet.values()].map(([level]) => level);
  const nodeIndexes = [...nodeSet.values()].map(([, index]) => index);
  const known = new Map<string, Buffer>();
  if (leafIndexes.length > 0) {
    const { rows } = await sql.query<{ ledger_index: string; leaf_hash: Buffer }>(
      `SELECT ledger_index, leaf_hash FROM audit_ledger WHERE ledger_index = ANY($1::bigint[])`,
      [leafIndexes],
    );
    for (const r of rows) known.set(`0:${r.ledger_index}`, r.leaf_hash);
  }
  if (nodeIndexes.length > 0) {
    const { rows } = await sql.query<{ level: number; node_index: string; hash: Buffer }>(
      `SELECT n.level, n.node_index, n.hash
         FROM audit_merkle_nodes n
         JOIN unnest($1::smallint[], $2::bigint[]) AS w(level, node_index) USING (level, node_index)`,
      [nodeLevels, nodeIndexes],
    );
    for (const r of rows) known.set(`${r.level}:${r.node_index}`, r.hash);
  }
  return subtrees.map((s) => {
    const { base, first, count } = sourceOf(s);
    let layer = Array.from({ length: count }, (_, i) => {
      const hash = known.get(`${base}:${first + i}`);
      if (!hash) throw new Error(`audit ledger has no node ${base}:${first + i} (level:index)`);
      return hash;
    });
    while (layer.length > 1)
      layer = layer.flatMap((h, i) => (i % 2 === 0 ? [nodeHash(h, layer[i + 1])] : []));
    return layer[0];
  });
}

/** The MTH of each aligned range (every range of an RFC 9162 proof is aligned). */
export async function rangeHashes(sql: Sql, ranges: LeafRange[]): Promise<Buffer[]> {
  const pieces = ranges.map(perfectSubtreesOf);
  const hashes = await perfectSubtreeHashes(sql, pieces.flat());
  let next = 0;
  return pieces.map((p) => foldSubtrees(hashes.slice(next, (next += p.length))));
}

/** The frontier of the first `size` leaves, rebuilt from O(log size) stored subtrees. */
export async function loadFrontier(sql: Sql, size: number): Promise<MerkleFrontier> {
  const subtrees = perfectSubtreesOf({ start: 0, end: size });
  return new MerkleFrontier(size, await perfectSubtreeHashes(sql, subtrees));
}
