import { Injectable } from '@nestjs/common';
import { Database, type Sql } from '@credence/shared';
import { isClockEvent } from '@credence/workflow';
import { Subscription, type RecordedEvent } from '@credence/event-store';
import { applyEvent, type CaseOwner } from './statistics-writes';

/** The checkpoint name of the projector in `subscription_checkpoints`. */
export const STATISTICS_SUBSCRIPTION = 'statistics';
/** Events per projection batch (one transaction with its checkpoint). */
export const STATISTICS_BATCH = 500;

interface StreamGuard {
  stream_id: string;
  version: number;
  last_event_type: string | null;
}

/**
 * Keeps the statistics read model (docs/statistics.md) by following the event store: a checkpointed Subscription,
 * the batch and its checkpoint in one transaction. Each stream's applied version is kept beside the rows, so an
 * event already applied is skipped: re-projecting a batch changes nothing. Ownership is the case row's, written in
 * the event's own append statement (as for the audit decisions).
 */
@Injectable()
export class StatisticsProjector {
  readonly subscription: Subscription;

  constructor(db: Database) {
    this.subscription = new Subscription(
      db,
      STATISTICS_SUBSCRIPTION,
      (events, tx) => this.project(events, tx),
      {
        batchSize: STATISTICS_BATCH,
      },
    );
  }

  /** Handles one batch; 0 when there is nothing new (or another process holds the checkpoint). */
  pollOnce(): Promise<number> {
    return this.subscription.pollOnce();
  }

  /**
   * Polls until nothing new is left, waiting (up to `waitMs`) for events an older open transaction anywhere in the
   * cluster still holds behind the horizon: a catch-up must not stop early (tests, and reads right after a write).
   */
  catchUp(waitMs = 30_000): Promise<number> {
    return this.subscription.drainHeldBack(waitMs);
  }

  /** Applies events through `tx`; exposed so a test can replay a batch the checkpoint has passed. */
  async project(events: RecordedEvent[], tx: Sql): Promise<void> {
    const streams = [...new Set(events.map((e) => e.streamId))];
    const { rows: cases } = await tx.query<CaseOwner & { stream_id: string }>(
      `SELECT stream_id, id::text AS id, type, authority_code, authority_path, subject_code, title
         FROM cases WHERE stream_id = ANY($1::text[])`,
      [streams],
    );
    const owners = new Map(cases.map((c) => [c.stream_id, c]));
    const { rows: guards } = await tx.query<StreamGuard>(
      `SELECT stream_id, version, last_event_type FROM statistics_streams WHERE stream_id = ANY($1::text[])
          FOR UPDATE`,
      [streams],
    );
    const applied = new Map(guards.map((g) => [g.stream_id, g]));
    for (const e of events) {
      const owner = owners.get(e.streamId);
      if (!owner) continue; // not a case stream
      const guard = applied.get(e.streamId) ?? { stream_id: e.streamId, version: 0, last_event_type: null };
      if (e.streamVersion <= guard.version) continue; // applied before
      await applyEvent(tx, e, owner, guard.last_event_type);
      guard.version = e.streamVersion;
      if (!isClockEvent(e.type)) guard.last_event_type = e.type;
      applied.set(e.streamId, guard);
    }
    const touched = [...applied.values()].filter((g) => owners.has(g.stream_id));
    if (touched.length === 0) return;
    await tx.query(
      `INSERT INTO statistics_streams (stream_id, version, last_event_type)
       SELECT stream_id, version, last_event_type
         FROM jsonb_to_recordset($1::jsonb) AS x(stream_id text, version integer, last_event_type text)
       ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, last_event_type = EXCLUDED.last_event_type`,
      [JSON.stringify(touched)],
    );
  }
}
