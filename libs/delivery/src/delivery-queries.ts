import { Injectable } from '@nestjs/common';
import { Clock, Database, Env } from '@credence/shared';
import type { DeliveryStatus } from './outbox-row';

export interface DeliveryAttemptView {
  kind: 'attempt' | 'receipt';
  attempt: number | null;
  outcome: string;
  httpStatus: number | null;
  detail: string | null;
  durationMs: number | null;
  recordedAt: string;
}

export interface DeliveryView {
  messageId: string;
  topic: string;
  platform: { code: string; name: string | null; registered: boolean } | null;
  status: DeliveryStatus;
  /** Why a pending row is not moving: `platform-not-registered`, `transport-unavailable`, `retrying`, `queued`. */
  waitingFor: string | null;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  deadLetteredAt: string | null;
  receiptAt: string | null;
  receiptReason: string | null;
  syncDueAt: string | null;
  overdue: boolean;
  lastError: string | null;
  history: DeliveryAttemptView[];
}

interface Row {
  id: string;
  topic: string;
  platform_code: string | null;
  platform_name: string | null;
  platform_transport: string | null;
  status: DeliveryStatus;
  attempts: number;
  created_at: Date;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  dead_lettered_at: Date | null;
  receipt_at: Date | null;
  receipt_reason: string | null;
  sync_due_at: Date | null;
  last_error: string | null;
  history: {
    kind: 'attempt' | 'receipt';
    attempt: number | null;
    outcome: string;
    http_status: number | null;
    detail: string | null;
    duration_ms: number | null;
    recorded_at: string;
  }[];
}

/**
 * Deliveries as staff, auditors and the case view see them: each row's state, why a waiting row waits, whether its
 * confirmation is overdue, and every attempt and receipt (append-only `delivery_attempts`).
 */
@Injectable()
export class DeliveryQueries {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /**
   * The deliveries a case caused, oldest first; rows of one instant (a correction and the mark's end) in the order
   * they were written, which is the order they are delivered in. The caller has checked the reader may see the case.
   */
  async forCase(caseId: string): Promise<DeliveryView[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT o.id, o.topic, o.platform_code, p.name AS platform_name, p.transport AS platform_transport, o.status,
              o.attempts, o.created_at, o.next_attempt_at, o.delivered_at, o.dead_lettered_at, o.receipt_at,
              o.receipt_reason, o.sync_due_at, o.last_error,
              coalesce((SELECT jsonb_agg(jsonb_build_object('kind', a.kind, 'attempt', a.attempt, 'outcome', a.outcome,
                                  'http_status', a.http_status, 'detail', a.detail, 'duration_ms', a.duration_ms,
                                  'recorded_at', a.recorded_at) ORDER BY a.id)
                          FROM delivery_attempts a WHERE a.message_id = o.id), '[]') AS history
         FROM outbox o LEFT JOIN delivery_platforms p ON p.code = o.platform_code
        WHERE o.case_id = $1 AND o.platform_code IS NOT NULL
        ORDER BY o.created_at, o.seq`,
      [caseId],
    );
    return rows.map((r) => this.view(r));
  }

  private view(r: Row): DeliveryView {
    const now = this.clock.now();
    const registered = r.platform_name !== null;
    let waitingFor: string | null = null;
    if (r.status === 'pending') {
      if (!registered) waitingFor = 'platform-not-registered';
      else if (r.platform_transport === 'nats' && !this.env.NATS_URL) waitingFor = 'transport-unavailable';
      else waitingFor = r.attempts > 0 ? 'retrying' : 'queued';
    }
    return {
      messageId: r.id,
      topic: r.topic,
      platform: r.platform_code ? { code: r.platform_code, name: r.platform_name, registered } : null,
      status: r.status,
      waitingFor,
      attempts: r.attempts,
      createdAt: r.created_at.toISOString(),
      nextAttemptAt: r.status === 'pending' ? (r.next_attempt_at?.toISOString() ?? null) : null,
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      deadLetteredAt: r.dead_lettered_at?.toISOString() ?? null,
      receiptAt: r.receipt_at?.toISOString() ?? null,
      receiptReason: r.receipt_reason,
      syncDueAt: r.sync_due_at?.toISOString() ?? null,
      overdue:
        ['pending', 'delivered', 'dead'].includes(r.status) && r.sync_due_at !== null && r.sync_due_at <= now,
      lastError: r.last_error,
      history: r.history.map((a) => ({
        kind: a.kind,
        attempt: a.attempt,
        outcome: a.outcome,
        httpStatus: a.http_status,
        detail: a.detail,
        durationMs: a.duration_ms,
        recordedAt: new Date(a.recorded_at).toISOString(),
      })),
    };
  }
}
