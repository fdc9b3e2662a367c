import { createHash } from 'node:crypto';
import type { Sql } from '@credence/shared';
import type { RecordedEvent } from '@credence/event-store';

/** An id derived from the cause, so a replayed reaction writes the same outbox row (and conflicts) rather than two. */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * An outbox row a reaction writes because of `cause` (a platform to notify, a notice to send): keyed by the cause,
 * the topic and `key`, so carrying the reaction out again changes nothing. It commits with the reaction's batch.
 * `platform` names the downstream platform the relay delivers it to (ADR 0025); none: it is read in-house.
 */
export async function reactionOutbox(
  tx: Sql,
  cause: Pick<RecordedEvent, 'eventId' | 'recordedAt'>,
  caseId: string,
  topic: string,
  key: string,
  payload: Record<string, unknown>,
  platform?: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at, platform_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [
      derivedId(cause.eventId, topic, key),
      caseId,
      cause.eventId,
      topic,
      payload,
      cause.recordedAt,
      platform ?? null,
    ],
  );
}
