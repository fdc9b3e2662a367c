import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { HashAlgorithm, RecordedEvent } from './event';

/** Both SM3 (GB/T 32905, the national standard, default) and SHA-256 give 32 bytes. */
export const GENESIS_HASH = Buffer.alloc(32);

/** The fields a hash covers: everything an auditor relies on, in a form that survives jsonb. */
export interface HashedFields {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: Date;
}

/**
 * RFC 8785 (JCS) canonical JSON of the event. jsonb does not keep key order or bytes, so the hash is taken over
 * the canonical form of the parsed value, never over stored text.
 */
export function canonicalEvent(fields: HashedFields): string {
  return canonicalJson({
    streamId: fields.streamId,
    streamVersion: fields.streamVersion,
    eventId: fields.eventId,
    type: fields.type,
    schemaVersion: fields.schemaVersion,
    data: fields.data,
    metadata: fields.metadata,
    recordedAt: fields.recordedAt.toISOString(),
  });
}

/** hash_n = H(hash_{n-1} ‖ canonical(event_n)), per stream. */
export function chainHash(algorithm: HashAlgorithm, prevHash: Buffer, fields: HashedFields): Buffer {
  return createHash(algorithm).update(prevHash).update(canonicalEvent(fields), 'utf8').digest();
}

export function recomputeHash(event: RecordedEvent): Buffer {
  return chainHash(event.hashAlgorithm, event.prevHash, event);
}
