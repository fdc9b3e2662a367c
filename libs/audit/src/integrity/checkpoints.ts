import type { Sql } from '@credence/shared';
import { checkpointNoteText, type SigningAlgorithm } from './signing';

/** A signed tree head as stored. */
export interface Checkpoint {
  treeSize: number;
  rootHash: Buffer;
  sealedAt: Date;
  origin: string;
  keyId: string;
  algorithm: SigningAlgorithm;
  signature: Buffer;
  previousTreeSize: number | null;
}

/** A checkpoint as JSON: hashes in hex, the signature in base64, and the exact text that was signed. */
export interface CheckpointView {
  treeSize: number;
  rootHash: string;
  sealedAt: string;
  origin: string;
  keyId: string;
  algorithm: SigningAlgorithm;
  signature: string;
  previousTreeSize: number | null;
  signedNote: string;
}

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  sealed_at: Date;
  origin: string;
  key_id: string;
  algorithm: SigningAlgorithm;
  signature: Buffer;
  previous_tree_size: string | null;
}

const COLUMNS = `tree_size, root_hash, sealed_at, origin, key_id, algorithm, signature, previous_tree_size`;

function toCheckpoint(r: CheckpointRow): Checkpoint {
  return {
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    sealedAt: r.sealed_at,
    origin: r.origin,
    keyId: r.key_id,
    algorithm: r.algorithm,
    signature: r.signature,
    previousTreeSize: r.previous_tree_size === null ? null : Number(r.previous_tree_size),
  };
}

export function checkpointView(c: Checkpoint): CheckpointView {
  return {
    treeSize: c.treeSize,
    rootHash: c.rootHash.toString('hex'),
    sealedAt: c.sealedAt.toISOString(),
    origin: c.origin,
    keyId: c.keyId,
    algorithm: c.algorithm,
    signature: c.signature.toString('base64'),
    previousTreeSize: c.previousTreeSize,
    signedNote: checkpointNoteText(c),
  };
}

export async function latestCheckpoint(sql: Sql): Promise<Checkpoint | null> {
  const { rows } = await sql.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1`,
  );
  return rows[0] ? toCheckpoint(rows[0]) : null;
}

export async function checkpointAt(sql: Sql, treeSize: number): Promise<Checkpoint | null> {
  const { rows } = await sql.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM audit_checkpoints WHERE tree_size = $1`,
    [treeSize],
  );
  return rows[0] ? toCheckpoint(rows[0]) : null;
}

/** The first checkpoint whose tree contains the leaf (tree_size > index). */
export async function firstCheckpointCovering(sql: Sql, ledgerIndexes: number[]): Promise<Checkpoint[]> {
  const { rows } = await sql.query<CheckpointRow>(
    `SELECT DISTINCT ON (c.tree_size) ${COLUMNS.split(', ')
      .map((c) => `c.${c}`)
      .join(', ')}
       FROM unnest($1::bigint[]) AS i(ledger_index)
       CROSS JOIN LATERAL (SELECT * FROM audit_checkpoints WHERE tree_size > i.ledger_index
                           ORDER BY tree_size LIMIT 1) c
      ORDER BY c.tree_size`,
    [ledgerIndexes],
  );
  return rows.map(toCheckpoint);
}

/** Checkpoints newest first, a page at a time. */
export async function listCheckpoints(
  sql: Sql,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: Checkpoint[] }> {
  const [{ rows }, count] = await Promise.all([
    sql.query<CheckpointRow>(
      `SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    ),
    sql.query<{ n: string }>(`SELECT count(*) AS n FROM audit_checkpoints`),
  ]);
  return { total: Number(count.rows[0].n), items: rows.map(toCheckpoint) };
}

/** Every checkpoint in tree order (those after a tree size when given), a page at a time (for verification). */
export async function* allCheckpoints(sql: Sql, pageSize = 1000, after = 0): AsyncGenerator<Checkpoint> {
  for (;;) {
    const { rows } = await sql.query<CheckpointRow>(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE tree_size > $1 ORDER BY tree_size LIMIT $2`,
      [after, pageSize],
    );
    for (const r of rows) yield toCheckpoint(r);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1].tree_size);
  }
}
