import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Clock, Database, Env, metricsRegistry } from '@credence/shared';
import { backoffMs } from './backoff';
import { OutwardChannels, type OutwardChannelName } from './outward-channel';

/** Messages claimed per pass; they are sent concurrently. */
export const OUTWARD_BATCH = 10;
/** A claim is another worker's again this long after it was made (its worker died mid-send). */
export const OUTWARD_LEASE_MS = 120_000;

const outwardMessages = new Counter({
  name: 'credence_outward_messages_total',
  help: 'Outward notification attempts (e-mail, SMS), by channel and outcome (sent, failed, dead)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [metricsRegistry],
});

interface ClaimedRow {
  id: string;
  channel: OutwardChannelName;
  address: string;
  subject: string;
  body: string;
  language: 'zh-CN' | 'en';
  attempts: number;
}

/**
 * Sends outward messages (e-mail, SMS) apart from the workflow: a message is a row written with its notification,
 * and nothing a case does waits for it. A pass claims due rows (FOR UPDATE SKIP LOCKED, so several workers share the
 * work), sends them outside any transaction, and records the outcome only if the claim is still its own. A failure
 * is retried with backoff; after OUTWARD_MAX_ATTEMPTS the row is a dead letter (an incident an admin may retry).
 * At least once: a worker killed between sending and recording sends again when the lease runs out, with the same
 * message id.
 */
@Injectable()
export class OutwardRelay {
  private readonly logger = new Logger(OutwardRelay.name);

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly channels: OutwardChannels,
  ) {}

  /** One batch; returns how many messages were attempted. */
  async pollOnce(): Promise<number> {
    const enabled = this.channels.enabled();
    if (enabled.length === 0) return 0;
    const token = randomUUID();
    const now = this.clock.now();
    const { rows } = await this.db.query<ClaimedRow>(
      `UPDATE outward_messages m
          SET lease_token = $1, next_attempt_at = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
         FROM (SELECT id FROM outward_messages
                WHERE status = 'pending' AND next_attempt_at <= $2 AND channel = ANY($4::text[])
                ORDER BY next_attempt_at LIMIT $5 FOR UPDATE SKIP LOCKED) due
        WHERE m.id = due.id
        RETURNING m.id, m.channel, m.address, m.subject, m.body, m.language, m.attempts`,
      [token, now, OUTWARD_LEASE_MS, enabled, OUTWARD_BATCH],
    );
    await Promise.all(rows.map((row) => this.attempt(row, token)));
    return rows.length;
  }

  /** Sends until nothing is due now; for tests and catch-up. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.pollOnce(); n > 0; n = await this.pollOnce()) total += n;
    return total;
  }

  private async attempt(row: ClaimedRow, token: string): Promise<void> {
    const channel = this.channels.get(row.channel)!;
    const attempts = row.attempts + 1;
    try {
      await channel.send(row);
    } catch (error) {
      await this.failed(row, token, attempts, error);
      return;
    }
    await this.db.query(
      `UPDATE outward_messages SET status = 'sent', attempts = $3, sent_at = $4, lease_token = NULL, last_error = NULL
        WHERE id = $1 AND lease_token = $2`,
      [row.id, token, attempts, this.clock.now()],
    );
    outwardMessages.inc({ channel: row.channel, outcome: 'sent' });
  }

  private async failed(row: ClaimedRow, token: string, attempts: number, error: unknown): Promise<void> {
    const now = this.clock.now();
    const dead = attempts >= this.env.OUTWARD_MAX_ATTEMPTS;
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const retryAt = new Date(now.getTime() + backoffMs(attempts, this.env.OUTWARD_BACKOFF_BASE_MS));
    await this.db.query(
      `UPDATE outward_messages
          SET attempts = $3, last_error = $4, lease_token = NULL,
              status = CASE WHEN $5 THEN 'dead' ELSE 'pending' END,
              dead_at = CASE WHEN $5 THEN $6::timestamptz END,
              next_attempt_at = $7
        WHERE id = $1 AND lease_token = $2`,
      [row.id, token, attempts, reason, dead, now, retryAt],
    );
    outwardMessages.inc({ channel: row.channel, outcome: dead ? 'dead' : 'failed' });
    this.logger.warn(
      { message: row.id, channel: row.channel, attempts, dead, err: reason },
      dead ? 'an outward message became a dead letter' : 'an outward message failed; it will be retried',
    );
  }
}
