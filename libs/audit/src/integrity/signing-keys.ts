import type { Sql } from '@credence/shared';
import {
  keyIdOf,
  keySuccessionText,
  verifySignature,
  type SigningAlgorithm,
  type SigningKey,
} from './signing';

/** A public key that signed (or signs) checkpoints, and its endorsement of the key before it. */
export interface PublishedKey {
  keyId: string;
  algorithm: SigningAlgorithm;
  publicKey: string;
  registeredAt: string;
  predecessorKeyId: string | null;
  /** Base64 signature by this key over keySuccessionText(predecessorKeyId, keyId). */
  successionSignature: string | null;
}

interface KeyRow {
  key_id: string;
  algorithm: SigningAlgorithm;
  public_key: string;
  registered_at: Date;
  predecessor_key_id: string | null;
  succession_signature: Buffer | null;
}

const REGISTRY_LOCK = 7_361_000_002;

/**
 * Records the signing key in the key history the first time it is used, signing the id of the key it replaces.
 * Concurrent processes starting together are serialised by an advisory lock.
 */
export async function registerSigningKey(
  db: { transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> },
  key: SigningKey,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [REGISTRY_LOCK]);
    const { rows } = await tx.query<{ key_id: string }>(
      `SELECT key_id FROM audit_signing_keys ORDER BY registered_at DESC, key_id LIMIT 1`,
    );
    const latest = rows[0]?.key_id ?? null;
    if (latest === key.keyId) return;
    const known = await tx.query(`SELECT 1 FROM audit_signing_keys WHERE key_id = $1`, [key.keyId]);
    if ((known.rowCount ?? 0) > 0) return;
    await tx.query(
      `INSERT INTO audit_signing_keys (key_id, algorithm, public_key, registered_at, predecessor_key_id,
                                       succession_signature)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        key.keyId,
        key.algorithm,
        key.publicKeyPem,
        now,
        latest,
        latest === null ? null : key.sign(keySuccessionText(latest, key.keyId)),
      ],
    );
  });
}

export async function publishedKeys(sql: Sql): Promise<PublishedKey[]> {
  const { rows } = await sql.query<KeyRow>(
    `SELECT key_id, algorithm, public_key, registered_at, predecessor_key_id, succession_signature
       FROM audit_signing_keys ORDER BY registered_at, key_id`,
  );
  return rows.map((r) => ({
    keyId: r.key_id,
    algorithm: r.algorithm,
    publicKey: r.public_key,
    registeredAt: r.registered_at.toISOString(),
    predecessorKeyId: r.predecessor_key_id,
    successionSignature: r.succession_signature?.toString('base64') ?? null,
  }));
}

/**
 * The keys a verifier may accept, starting from one it trusts (the configured or pinned key): a key is trusted
 * when its id is the hash of its public key and a trusted successor signed the succession. A key merely listed
 * in the database (where whoever forges checkpoints could add one) is not.
 */
export function trustedKeys(
  anchor: { keyId: string; algorithm: SigningAlgorithm; publicKey: string },
  keys: PublishedKey[],
) {
  const byId = new Map(keys.filter((k) => keyIdOf(k.publicKey) === k.keyId).map((k) => [k.keyId, k]));
  const trusted = new Map<string, { algorithm: SigningAlgorithm; publicKey: string }>();
  trusted.set(anchor.keyId, { algorithm: anchor.algorithm, publicKey: anchor.publicKey });
  let current = byId.get(anchor.keyId);
  while (current?.predecessorKeyId && current.successionSignature && !trusted.has(current.predecessorKeyId)) {
    const predecessor = byId.get(current.predecessorKeyId);
    const endorsed =
      predecessor !== undefined &&
      verifySignature(
        current.algorithm,
        current.publicKey,
        keySuccessionText(predecessor.keyId, current.keyId),
        Buffer.from(current.successionSignature, 'base64'),
      );
    if (!endorsed) break;
    trusted.set(predecessor.keyId, { algorithm: predecessor.algorithm, publicKey: predecessor.publicKey });
    current = predecessor;
  }
  return trusted;
}
