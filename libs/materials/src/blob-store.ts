import type { Readable } from 'node:stream';
import type { Sql } from '@credence/shared';

/** Lowercase hex SHA-256: the only key a blob store accepts (it also names files, so nothing else may pass). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256.slice(0, 80)}`);
}

/**
 * Where the bytes of materials live, keyed by their SHA-256 (content-addressed): the same bytes are kept once,
 * however many uploads carry them, and a key can only ever name one content. An object store (S3, OSS, MinIO)
 * plugs in by implementing these three methods.
 */
export abstract class BlobStore {
  /**
   * Keeps `content` under `sha256` (the caller computed it from `content`); nothing happens when the key is
   * already kept. `tx` is the transaction that will also write the file row: a store inside PostgreSQL writes
   * in it, any other store ignores it (a blob whose row never commits is harmless, and reused by the next upload
   * of the same bytes).
   */
  abstract put(sha256: string, content: Buffer, tx?: Sql): Promise<void>;

  /** The bytes, as a buffer or a stream; null when nothing is kept under the key. */
  abstract get(sha256: string): Promise<Buffer | Readable | null>;

  abstract has(sha256: string, tx?: Sql): Promise<boolean>;
}
