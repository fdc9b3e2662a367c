import type { BilingualText } from '@credence/shared';
import { roleLabel } from './labels';
import type { TrailStep } from './trail-steps';

/**
 * A delivery's record in a case's audit trail (ADR 0025): an attempt to send a result to a platform with the
 * platform's answer, the platform's receipt (执行反馈), or an operator's retry of the delivery (incident). These are
 * rows of the append-only `delivery_attempts` and `incident_retries` tables, not events of the case's hash chain:
 * `source` says so, and they carry no chain link.
 */
export interface DeliveryTrailStep {
  source: 'delivery';
  kind: 'attempt' | 'receipt' | 'retry';
  recordedAt: string;
  /** The relay's worker for an attempt, the platform for a receipt, the operator for a retry. */
  actor: TrailStep['actor'];
  actionLabel: BilingualText;
  /** The message id the platform dedupes on (the outbox row's id). */
  messageId: string;
  topic: string | null;
  /** What the message told the platform, in its words (null before the message was first composed). */
  happened: BilingualText | null;
  platform: { code: string; name: string | null };
  /** Attempt number (1 for the first send); null for receipts and retries. */
  attempt: number | null;
  /** `received` `failed` `dead-lettered` (attempts), `done` `refused` (receipts), `requeued` `not_retryable` (retries). */
  outcome: string;
  outcomeLabel: BilingualText;
  httpStatus: number | null;
  /** Why an attempt failed, or why a retry was not carried out. */
  error: string | null;
  /** The platform's reason given with its receipt. */
  reason: string | null;
  durationMs: number | null;
  /** The statutory limit for the platform's confirmation (3 working days, 国办发〔2025〕22号), when it was set. */
  syncDueAt: string | null;
  /** Receipts: whether it came after the limit; null for other steps and when no limit was set. */
  late: boolean | null;
}

/** One row of the delivery records of a case, as DeliveryTrail reads it. */
export interface DeliveryRecordRow {
  kind: 'attempt' | 'receipt' | 'retry';
  message_id: string;
  topic: string | null;
  happened: BilingualText | null;
  platform_code: string;
  platform_name: string | null;
  attempt: number | null;
  outcome: string;
  http_status: number | null;
  detail: string | null;
  duration_ms: number | null;
  actor_id: string | null;
  actor_role: string | null;
  actor_authority: string | null;
  recorded_at: Date;
  sync_due_at: Date | null;
}

export const DELIVERY_OUTCOME_LABELS: Record<string, BilingualText> = {
  received: { zh: '已送达', en: 'received' },
  failed: { zh: '失败', en: 'failed' },
  'dead-lettered': { zh: '失败，转入死信', en: 'failed, dead-lettered' },
  done: { zh: '已执行', en: 'done' },
  refused: { zh: '拒绝执行', en: 'refused' },
  requeued: { zh: '已重新排队推送', en: 'queued again' },
  not_retryable: { zh: '未重试', en: 'not retried' },
};

const PLATFORM_ROLE: BilingualText = { zh: '接收平台', en: 'Receiving platform' };
const RELAY_ACTOR = 'delivery-relay';

function outcomeLabel(outcome: string): BilingualText {
  return DELIVERY_OUTCOME_LABELS[outcome] ?? { zh: outcome, en: outcome };
}

function isLate(row: DeliveryRecordRow): boolean | null {
  if (row.kind !== 'receipt' || !row.sync_due_at) return null;
  // The same rule that stops the sync clock: met when the receipt came by the due instant (SyncClocks.stop).
  return row.recorded_at.getTime() > row.sync_due_at.getTime();
}

function actorOf(row: DeliveryRecordRow, platformName: string): TrailStep['actor'] {
  if (row.kind === 'receipt')
    return {
      id: row.platform_code,
      displayName: platformName,
      role: 'platform',
      roleLabel: PLATFORM_ROLE,
      authorityCode: null,
    };
  if (row.kind === 'attempt')
    return {
      id: row.actor_id ?? RELAY_ACTOR,
      displayName: null,
      role: 'system',
      roleLabel: roleLabel('system'),
      authorityCode: null,
    };
  const role = row.actor_role ?? 'admin';
  return {
    id: row.actor_id ?? '',
    displayName: null,
    role,
    roleLabel: roleLabel(role),
    authorityCode: row.actor_authority,
  };
}

function labelOf(row: DeliveryRecordRow, platform: string, late: boolean | null): BilingualText {
  const result = outcomeLabel(row.outcome);
  const what = row.happened ?? { zh: row.topic ?? '结果', en: row.topic ?? 'the result' };
  if (row.kind === 'attempt') {
    const http = row.http_status && row.outcome !== 'received' ? `（HTTP ${row.http_status}）` : '';
    const httpEn = row.http_status && row.outcome !== 'received' ? ` (HTTP ${row.http_status})` : '';
    return {
      zh: `向「${platform}」推送「${what.zh}」（第 ${row.attempt ?? '?'} 次）：${result.zh}${http}`,
      en: `Sent "${what.en}" to ${platform} (attempt ${row.attempt ?? '?'}): ${result.en}${httpEn}`,
    };
  }
  if (row.kind === 'receipt') {
    const timing =
      late === null
        ? { zh: '', en: '' }
        : late
          ? { zh: '（超过同步确认期限）', en: ' (after the confirmation limit)' }
          : { zh: '（在同步确认期限内）', en: ' (within the confirmation limit)' };
    return {
      zh: `「${platform}」执行反馈：${result.zh}${timing.zh}`,
      en: `${platform} answered: ${result.en}${timing.en}`,
    };
  }
  return {
    zh: `重试向「${platform}」的推送：${result.zh}`,
    en: `Retry of the delivery to ${platform}: ${result.en}`,
  };
}

/** A delivery record in plain words (display names of operators are filled in by the caller). */
export function deliveryStepOf(row: DeliveryRecordRow): DeliveryTrailStep {
  const platform = row.platform_name ?? row.platform_code;
  const late = isLate(row);
  return {
    source: 'delivery',
    kind: row.kind,
    recordedAt: row.recorded_at.toISOString(),
    actor: actorOf(row, platform),
    actionLabel: labelOf(row, platform, late),
    messageId: row.message_id,
    topic: row.topic,
    happened: row.happened,
    platform: { code: row.platform_code, name: row.platform_name },
    attempt: row.attempt,
    outcome: row.outcome,
    outcomeLabel: outcomeLabel(row.outcome),
    httpStatus: row.http_status,
    error: row.kind === 'receipt' ? null : row.detail,
    reason: row.kind === 'receipt' ? row.detail : null,
    durationMs: row.duration_ms,
    syncDueAt: row.kind === 'receipt' ? (row.sync_due_at?.toISOString() ?? null) : null,
    late,
  };
}

const FAILURES = new Set(['failed', 'dead-lettered', 'refused']);

/**
 * Delivery records in time order (rows come sorted by time, attempts and receipts before retries, each table in its
 * own order). Two tables share no sequence, so within one instant a retry is placed after the failures of its
 * message that it answers and before the attempts it caused.
 */
export function orderRecords(rows: DeliveryRecordRow[]): DeliveryRecordRow[] {
  const ordered = [...rows];
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].kind !== 'retry') continue;
    const retry = ordered[i];
    let at = i;
    while (at > 0) {
      const before = ordered[at - 1];
      const sameInstant = before.recorded_at.getTime() === retry.recorded_at.getTime();
      const answered = before.message_id === retry.message_id && FAILURES.has(before.outcome);
      if (!sameInstant || before.kind === 'retry' || answered) break;
      at--;
    }
    if (at < i) ordered.splice(at, 0, ...ordered.splice(i, 1));
  }
  return ordered;
}

/**
 * The case's events and its delivery records in one time order. Both lists are already in their own order; an
 * event and a record of the same instant keep the event first, since the event caused the delivery.
 */
export function interleaveByTime<E extends { recordedAt: string }, D extends { recordedAt: string }>(
  events: E[],
  deliveries: D[],
): (E | D)[] {
  const merged: (E | D)[] = [];
  let d = 0;
  for (const event of events) {
    const at = Date.parse(event.recordedAt);
    while (d < deliveries.length && Date.parse(deliveries[d].recordedAt) < at) merged.push(deliveries[d++]);
    merged.push(event);
  }
  while (d < deliveries.length) merged.push(deliveries[d++]);
  return merged;
}
