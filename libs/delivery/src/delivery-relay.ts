import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, Database, Env } from '@credence/shared';
import { retryDelayMs } from './backoff';
import { DeliveryMessages } from './delivery-messages';
import { DeliveryMetrics } from './delivery-metrics';
import type { DeliveryMessage, OutboxRow } from './outbox-row';
import { DeliveryPlatforms, type PlatformWithSecret } from './platforms';
import { signature } from './signature';
import { DeliveryTransports } from './transports/delivery-transports';
import type { DeliveryOutcome } from './transports/transport';

/**
 * The claim (ADR 0025): due pending rows of one platform, in schedule order, each the oldest undelivered row of its
 * case for that platform (a revocation never overtakes the approval it revokes). Served by `outbox_due`; the order
 * check by `outbox_case`. Claiming moves `next_attempt_at` to the end of the lease and counts the attempt, in
 * the claim's own short transaction: the delivery happens after it commits.
 */
export const CLAIM_SQL = `
WITH due AS (
  SELECT o.id FROM outbox o
   WHERE o.platform_code = $1 AND o.status = 'pending' AND o.next_attempt_at <= $2
     AND NOT EXISTS (
       SELECT 1 FROM outbox e
        WHERE e.case_id = o.case_id AND e.platform_code = o.platform_code AND e.status IN ('pending', 'dead')
          AND e.seq < o.seq)
   ORDER BY o.next_attempt_at
   LIMIT $3
   FOR UPDATE OF o SKIP LOCKED)
UPDATE outbox o SET next_attempt_at = $4, lease_token = $5, attempts = o.attempts + 1, last_attempt_at = $2
  FROM due WHERE o.id = due.id
RETURNING o.*`;

/** Rows claimed per platform per pass, delivered concurrently. */
export const CLAIM_BATCH = 16;

export interface RelayPassResult {
  claimed: number;
  delivered: number;
  failed: number;
  deadLettered: number;
}

/**
 * Delivers outbox rows to their platforms at least once (ADR 0025). A row's id is its message id on every attempt
 * (the receiver dedupes on it); its body is composed once and stored before the first send. A worker killed after
 * its claim leaves the row to the next worker when the lease runs out: the same id again, never a new one.
 * Failures back off exponentially with jitter; after DELIVERY_MAX_ATTEMPTS the row is dead-lettered for an operator
 * (and holds back the later rows of its case). Rows of unregistered platforms, or of a transport this process
 * cannot use, are never claimed: they stay pending, visibly (DeliveryQueries says why).
 */
@Injectable()
export class DeliveryRelay {
  private readonly logger = new Logger(DeliveryRelay.name);
  readonly worker = `${hostname()}:${process.pid}`;
  /** Tests fix the jitter; the product draws it. */
  random: () => number = Math.random;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly platforms: DeliveryPlatforms,
    private readonly messages: DeliveryMessages,
    private readonly transports: DeliveryTransports,
    private readonly metrics: DeliveryMetrics,
  ) {}

  /** One pass over every registered platform this process can serve. */
  async deliverDue(batch = CLAIM_BATCH): Promise<RelayPassResult> {
    const total: RelayPassResult = { claimed: 0, delivered: 0, failed: 0, deadLettered: 0 };
    for (const view of await this.platforms.list()) {
      if (!this.transports.for(view.transport).available()) continue;
      const platform = await this.platforms.withSecret(view.code);
      if (!platform) continue;
      const rows = await this.claim(platform.code, batch);
      total.claimed += rows.length;
      const outcomes = await Promise.all(rows.map((row) => this.deliverOne(platform, row)));
      for (const o of outcomes) total[o]++;
    }
    return total;
  }

  /** Claims up to `limit` due rows of a platform under a fresh lease. */
  async claim(platformCode: string, limit: number): Promise<OutboxRow[]> {
    const now = this.clock.now();
    const leaseEnd = new Date(now.getTime() + this.env.DELIVERY_LEASE_MS);
    const { rows } = await this.db.query<OutboxRow>(CLAIM_SQL, [
      platformCode,
      now,
      limit,
      leaseEnd,
      randomUUID(),
    ]);
    return rows;
  }

  private async deliverOne(
    platform: PlatformWithSecret,
    row: OutboxRow,
  ): Promise<'delivered' | 'failed' | 'deadLettered'> {
    let outcome: DeliveryOutcome;
    const started = performance.now(); // a duration, not business time
    try {
      const message = await this.frozenMessage(row);
      const body = JSON.stringify(message);
      const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
      outcome = await this.transports.for(platform.transport).deliver({
        messageId: row.id,
        platform,
        body,
        timestamp,
        signature: signature(platform.secret, timestamp, body),
      });
    } catch (error) {
      // Composing the message failed (a defect, or the database): an attempt like any other, retried later.
      this.logger.error({ err: error, messageId: row.id }, 'message could not be composed');
      outcome = { received: false, detail: `not sent: ${(error as Error).message}`.slice(0, 300) };
    }
    return this.record(platform, row, outcome, Math.round(performance.now() - started));
  }

  /** The row's message: stored at the first attempt; a concurrent first attempt keeps whichever was stored first. */
  private async frozenMessage(row: OutboxRow): Promise<DeliveryMessage> {
    if (row.message) return row.message;
    const composed = await this.messages.compose(row, this.db);
    const { rows } = await this.db.query<{ message: DeliveryMessage }>(
      `UPDATE outbox SET message = coalesce(message, $2::jsonb) WHERE id = $1 RETURNING message`,
      [row.id, JSON.stringify(composed)],
    );
    return rows[0]?.message ?? composed;
  }

  /** Records the attempt (append-only) and moves the row on; a stale lease only records. */
  private async record(
    platform: PlatformWithSecret,
    row: OutboxRow,
    outcome: DeliveryOutcome,
    durationMs: number,
  ): Promise<'delivered' | 'failed' | 'deadLettered'> {
    const now = this.clock.now();
    const dead = !outcome.received && row.attempts >= this.env.DELIVERY_MAX_ATTEMPTS;
    const result = outcome.received ? 'delivered' : dead ? 'deadLettered' : 'failed';
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO delivery_attempts (message_id, case_id, platform_code, kind, attempt, outcome, http_status, detail,
                                        duration_ms, worker, recorded_at)
         VALUES ($1, $2, $3, 'attempt', $4, $5, $6, $7, $8, $9, $10)`,
        [
          row.id,
          row.case_id,
          platform.code,
          row.attempts,
          outcome.received ? 'received' : dead ? 'dead-lettered' : 'failed',
          outcome.httpStatus ?? null,
          outcome.detail,
          durationMs,
          this.worker,
          now,
        ],
      );
      if (outcome.received) {
        // Received counts even if the lease ran out meanwhile: the receiver has the message under this id.
        await tx.query(
          `UPDATE outbox SET status = 'delivered', delivered_at = $2, lease_token = NULL, last_error = NULL
            WHERE id = $1 AND status = 'pending'`,
          [row.id, now],
        );
      } else if (dead) {
        await tx.query(
          `UPDATE outbox SET status = 'dead', dead_lettered_at = $2, lease_token = NULL, last_error = $3
            WHERE id = $1 AND status = 'pending' AND lease_token = $4`,
          [row.id, now, outcome.detail, row.lease_token],
        );
      } else {
        const delay = retryDelayMs(
          row.attempts,
          this.env.DELIVERY_BACKOFF_BASE_MS,
          this.env.DELIVERY_BACKOFF_MAX_MS,
          this.random,
        );
        await tx.query(
          `UPDATE outbox SET next_attempt_at = $2, lease_token = NULL, last_error = $3
            WHERE id = $1 AND status = 'pending' AND lease_token = $4`,
          [row.id, new Date(now.getTime() + delay), outcome.detail, row.lease_token],
        );
      }
    });
    this.metrics.attempted(platform.code, result);
    if (!outcome.received)
      this.logger.warn(
        { messageId: row.id, platform: platform.code, attempt: row.attempts, detail: outcome.detail, dead },
        dead ? 'delivery dead-lettered' : 'delivery failed; will retry',
      );
    return result;
  }
}
