/** An outbox row as the relay, the receipts and the views read it. */
export interface OutboxRow {
  id: string;
  case_id: string | null;
  event_id: string | null;
  topic: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  created_at: Date;
  platform_code: string | null;
  authority_code: string | null;
  next_attempt_at: Date | null;
  lease_token: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  dead_lettered_at: Date | null;
  message: DeliveryMessage | null;
  sync_due_at: Date | null;
  receipt_at: Date | null;
  receipt_reason: string | null;
  last_error: string | null;
}

/**
 * pending → delivered (a 2xx, or the stream's ack) → confirmed | refused (the platform's receipt, 执行反馈);
 * pending → dead after DELIVERY_MAX_ATTEMPTS failures, until an operator retries it (back to pending).
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'confirmed' | 'refused' | 'dead';

/** What the receiver gets (docs/integration.md): enough to act on without calling back. */
export interface DeliveryMessage {
  messageId: string;
  topic: string;
  platform: string;
  happened: { code: string; label: { zh: string; en: string } };
  occurredAt: string;
  /** The Beijing calendar date of `occurredAt`. */
  date: string;
  case: { id: string; type: string; number: string | null } | null;
  subject: { code: string; name: string | null } | null;
  authority: { code: string; name: string | null } | null;
  record: {
    id: string;
    decisionNumber: string;
    decisionDate: string;
    kind: string;
    severity: string;
    field: string;
  } | null;
  decision: {
    documentNumber: string;
    date: string;
    legalBasis: string | null;
    reasons: string[];
    document: { sha256: string; url: string } | null;
  } | null;
  details: Record<string, unknown>;
}
