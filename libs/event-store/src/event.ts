/** Who did it, on whose behalf, why and under what — carried by every event. */
export interface EventMetadata {
  actorId: string;
  actorRole: string;
  /** GB/T 2260 code of the authority the actor acted for, if any. */
  authorityCode?: string | null;
  correlationId: string;
  causationId?: string | null;
  idempotencyKey?: string | null;
  origin?: { ip?: string; userAgent?: string } | null;
  machine?: { id: string; version: string } | null;
  ruleSet?: string | null;
  [extra: string]: unknown;
}

export interface NewEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  schemaVersion?: number;
  eventId?: string;
}

export interface RecordedEvent {
  globalPosition: number;
  transactionId: string;
  streamId: string;
  streamVersion: number;
  streamType: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recordedAt: Date;
  hashAlgorithm: HashAlgorithm;
  prevHash: Buffer;
  hash: Buffer;
}

export type HashAlgorithm = 'sm3' | 'sha256';

/** Stream ids are `<category>-<id>`; the category names the stream type. */
export function streamTypeOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}
