import type { Database, Sql } from '@credence/shared';
import type { RecordedEvent } from './event';
import { SELECT_COLUMNS, toRecordedEvent, type EventRow } from './event-store';

export type SubscriptionHandler = (events: RecordedEvent[], tx: Sql) => Promise<void>;

export interface SubscriptionOptions {
  /** Most events handed to the handler per poll. */
  batchSize?: number;
  /** Only events of these stream types (the `<category>` of `<category>-<id>`); all when omitted. */
  streamTypes?: string[];
}

export interface SubscriptionCheckpoint {
  transactionId: string;
  globalPosition: number;
}

// Ordering by the sequence alone loses events: a lower global_position can commit after a higher one was read.
// Reading in (transaction_id, global_position) order and only below the xmin horizon (every transaction older
// than it has finished) means nothing can still appear behind the checkpoint (eventstore-anchors §4).
// ORDER BY names the table's columns: the bare name would bind to the text alias in SELECT_COLUMNS and sort
// '1001' before '986'.
const BATCH_SQL = `
SELECT ${SELECT_COLUMNS}
  FROM events
 WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
   AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
   AND ($4::text[] IS NULL OR stream_type = ANY($4::text[]))
 ORDER BY events.transaction_id, events.global_position
 LIMIT $3`;

/**
 * A named, checkpointed reader of the global event order. One poll handles one batch and advances the
 * checkpoint in the same transaction, so a handler writing read models through `tx` is exactly-once relative
 * to the checkpoint. The checkpoint row is locked with SKIP LOCKED: a second process polling the same
 * subscription at the same time gets 0 instead of handling the batch twice.
 */
export class Subscription {
  private readonly batchSize: number;
  private readonly streamTypes: string[] | null;
  private created = false;

  constructor(
    private readonly db: Database,
    readonly name: string,
    private readonly handler: SubscriptionHandler,
    options: SubscriptionOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.streamTypes = options.streamTypes?.length ? options.streamTypes : null;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new RangeError('batchSize must be ≥ 1');
  }

  /** Handles at most one batch; returns how many events were handled (0: nothing new, or another poller holds it). */
  async pollOnce(): Promise<number> {
    await this.ensureCheckpointRow();
    return this.db.transaction(async (tx) => {
      const { rows: locked } = await tx.query<{ transaction_id: string; global_position: string }>(
        `SELECT transaction_id::text AS transaction_id, global_position FROM subscription_checkpoints
          WHERE name = $1 FOR UPDATE SKIP LOCKED`,
        [this.name],
      );
      if (locked.length === 0) return 0;
      const { rows } = await tx.query<EventRow>(BATCH_SQL, [
        locked[0].transaction_id,
        locked[0].global_position,
        this.batchSize,
        this.streamTypes,
      ]);
      if (rows.length === 0) return 0;
      const events = rows.map(toRecordedEvent);
      await this.handler(events, tx);
      const last = rows[rows.length - 1];
      await tx.query(
        `UPDATE subscription_checkpoints SET transaction_id = $2::xid8, global_position = $3, updated_at = now()
          WHERE name = $1`,
        [this.name, last.transaction_id, last.global_position],
      );
      return events.length;
    });
  }

  /** Polls until a poll handles nothing; returns the total handled. For catch-up, tests and the CLI. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.pollOnce(); n > 0; n = await this.pollOnce()) total += n;
    return total;
  }

  /**
   * Like drain, but an event an older open transaction still holds below the horizon is waited for (up to `waitMs`)
   * rather than left for the next poll. For tests and catch-up; workers poll.
   */
  async drainHeldBack(waitMs: number): Promise<number> {
    const deadline = Date.now() + waitMs;
    let total = 0;
    for (;;) {
      total += await this.drain();
      if (!(await this.hasPending()) || Date.now() > deadline) return total;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Whether committed events wait beyond the checkpoint, including those a poll may not take yet because an older
   * transaction is still open (the horizon). For catch-up loops that must not stop early.
   */
  async hasPending(): Promise<boolean> {
    const { rows } = await this.db.query(
      `SELECT 1 FROM events e, subscription_checkpoints c
        WHERE c.name = $1 AND (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
          AND ($2::text[] IS NULL OR e.stream_type = ANY($2::text[]))
        LIMIT 1`,
      [this.name, this.streamTypes],
    );
    return rows.length > 0;
  }

  async checkpoint(): Promise<SubscriptionCheckpoint> {
    const { rows } = await this.db.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_id, global_position FROM subscription_checkpoints WHERE name = $1`,
      [this.name],
    );
    return rows.length === 0
      ? { transactionId: '0', globalPosition: 0 }
      : { transactionId: rows[0].transaction_id, globalPosition: Number(rows[0].global_position) };
  }

  // Created outside the batch transaction so that the row lock, not an insert race, decides who polls.
  private async ensureCheckpointRow(): Promise<void> {
    if (this.created) return;
    await this.db.query(
      `INSERT INTO subscription_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
      [this.name],
    );
    this.created = true;
  }
}
