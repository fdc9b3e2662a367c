import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { visibilityFilter, type Actor, type ActorScope } from '@credence/identity';
import { Clock, Database, metricsRegistry, NotFoundError, type Sql } from '@credence/shared';
import { ReactionRunner } from '@credence/workflow';
import { INCIDENT_KIND_LABELS, parseIncidentId, type IncidentKind } from './incident-kinds';

/**
 * Every incident as one row, whatever its source. A refused reaction stays an incident until a retry carries it
 * out (`incident_retries` outcome `recorded`): `reaction_refusals` is append-only, so its resolution is recorded
 * beside it.
 */
const INCIDENTS = `
SELECT 'delivery:' || o.id AS id,
       CASE o.status WHEN 'dead' THEN 'delivery_dead' WHEN 'refused' THEN 'delivery_refused'
                     ELSE 'delivery_failing' END AS kind,
       coalesce(o.platform_code, o.topic) AS channel, c.authority_code, c.authority_path, o.case_id::text AS case_id,
       c.type AS case_type, o.topic AS subject, o.attempts,
       coalesce(o.receipt_reason, o.last_error) AS error,
       coalesce(o.dead_lettered_at, o.receipt_at, o.last_attempt_at, o.created_at) AS failed_at,
       o.created_at AS since
  FROM outbox o LEFT JOIN cases c ON c.id = o.case_id
 WHERE o.status IN ('dead', 'refused') OR (o.status = 'pending' AND o.attempts > 0)
UNION ALL
SELECT 'outward:' || m.id,
       CASE m.status WHEN 'dead' THEN 'outward_dead' ELSE 'outward_failing' END,
       m.channel, m.authority_code, m.authority_path, n.case_id::text, n.case_type, m.subject, m.attempts,
       m.last_error, coalesce(m.dead_at, m.next_attempt_at), m.created_at
  FROM outward_messages m JOIN notifications n ON n.id = m.notification_id
 WHERE m.status = 'dead' OR (m.status = 'pending' AND m.attempts > 0)
UNION ALL
SELECT 'reaction:' || r.id, 'reaction_refused', r.reaction, c.authority_code, c.authority_path, c.id::text, c.type,
       r.event_type, 1, r.code || ': ' || r.message, r.refused_at, r.refused_at
  FROM reaction_refusals r LEFT JOIN cases c ON c.stream_id = r.cause_stream_id
 WHERE NOT EXISTS (SELECT 1 FROM incident_retries ir
                    WHERE ir.incident_id = 'reaction:' || r.id AND ir.outcome = 'recorded')`;

export interface IncidentFilter {
  /** Finding authority of the case concerned (GB/T 2260). */
  authority?: string;
  /** Platform code, outward channel (`email`, `sms`) or reaction name. */
  channel?: string;
  kind?: IncidentKind;
  /** Only incidents at least this many minutes old … */
  minAgeMinutes?: number;
  /** … and at most this many. */
  maxAgeMinutes?: number;
  page: number;
  pageSize: number;
}

export interface Incident {
  id: string;
  kind: IncidentKind;
  kindLabel: { zh: string; en: string };
  channel: string;
  authorityCode: string | null;
  caseId: string | null;
  caseType: string | null;
  subject: string;
  attempts: number;
  error: string | null;
  failedAt: string;
  since: string;
  ageMinutes: number;
  retries: { outcome: string; detail: string | null; actorId: string; requestedAt: string }[];
}

export type RetryOutcome = 'requeued' | 'recorded' | 'refused' | 'not_retryable';

export interface RetryResult {
  id: string;
  outcome: RetryOutcome;
  detail: string | null;
}

interface IncidentRow {
  id: string;
  kind: IncidentKind;
  channel: string;
  authority_code: string | null;
  case_id: string | null;
  case_type: string | null;
  subject: string;
  attempts: number;
  error: string | null;
  failed_at: Date;
  since: Date;
  total: string;
}

/** Open incidents by kind, read when /metrics is scraped (one grouped count). */
let countOpen: (() => Promise<Record<string, number>>) | null = null;
new Gauge({
  name: 'credence_incidents_open',
  help: 'Open incidents (failed and dead-lettered deliveries and messages, refused reactions), by kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
  async collect() {
    if (!countOpen) return;
    const counts = await countOpen().catch(() => null);
    if (!counts) return;
    for (const kind of Object.keys(INCIDENT_KIND_LABELS)) this.set({ kind }, counts[kind] ?? 0);
  },
});

/**
 * The operations view (like Camunda Operate's incidents): what did not reach its destination or its target, listed
 * and filtered within the reader's authority, and retried by an admin — each retry recorded, append-only, with who
 * asked and what came of it.
 */
@Injectable()
export class Incidents {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly reactions: ReactionRunner,
  ) {
    countOpen = async () => {
      const { rows } = await this.db.query<{ kind: string; n: number }>(
        `SELECT kind, count(*)::int AS n FROM (${INCIDENTS}) i GROUP BY kind`,
      );
      return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    };
  }

  async list(reader: ActorScope, filter: IncidentFilter): Promise<{ total: number; items: Incident[] }> {
    const now = this.clock.now();
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.authority) add((p) => `i.authority_code = ${p}`, filter.authority);
    if (filter.channel) add((p) => `i.channel = ${p}`, filter.channel);
    if (filter.kind) add((p) => `i.kind = ${p}`, filter.kind);
    if (filter.minAgeMinutes !== undefined)
      add((p) => `i.failed_at <= ${p}::timestamptz`, new Date(now.getTime() - filter.minAgeMinutes * 60_000));
    if (filter.maxAgeMinutes !== undefined)
      add((p) => `i.failed_at >= ${p}::timestamptz`, new Date(now.getTime() - filter.maxAgeMinutes * 60_000));
    const visible = visibilityFilter(reader, 'i', params.length);
    params.push(...visible.params);
    where.push(visible.sql);
    params.push(filter.pageSize, (filter.page - 1) * filter.pageSize);
    const { rows } = await this.db.query<IncidentRow>(
      `SELECT i.*, count(*) OVER () AS total FROM (${INCIDENTS}) i
        WHERE ${where.join(' AND ')}
        ORDER BY i.failed_at DESC, i.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const retries = await this.retriesOf(rows.map((r) => r.id));
    return {
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        kindLabel: INCIDENT_KIND_LABELS[r.kind],
        channel: r.channel,
        authorityCode: r.authority_code,
        caseId: r.case_id,
        caseType: r.case_type,
        subject: r.subject,
        attempts: r.attempts,
        error: r.error,
        failedAt: r.failed_at.toISOString(),
        since: r.since.toISOString(),
        ageMinutes: Math.max(0, Math.floor((now.getTime() - r.failed_at.getTime()) / 60_000)),
        retries: retries.get(r.id) ?? [],
      })),
    };
  }

  /**
   * Retries each incident the admin names. Every id must be an open incident the admin may see, or nothing is
   * retried (404 naming the first that is not): a batch is checked whole before anything changes.
   */
  async retry(ids: string[], admin: Actor): Promise<RetryResult[]> {
    const unique = [...new Set(ids)];
    const found = await this.openIncidents(unique, admin);
    const missing = unique.find((id) => !found.has(id));
    if (missing !== undefined) throw new NotFoundError({ zh: `事件 ${missing}`, en: `Incident ${missing}` });
    const results: RetryResult[] = [];
    for (const id of unique) results.push(await this.retryOne(id, found.get(id)!, admin));
    return results;
  }

  private async openIncidents(ids: string[], reader: ActorScope): Promise<Map<string, IncidentKind>> {
    if (ids.some((id) => parseIncidentId(id) === null) || ids.length === 0) return new Map();
    const visible = visibilityFilter(reader, 'i', 1);
    const { rows } = await this.db.query<{ id: string; kind: IncidentKind }>(
      `SELECT i.id, i.kind FROM (${INCIDENTS}) i WHERE i.id = ANY($1::text[]) AND ${visible.sql}`,
      [ids, ...visible.params],
    );
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  private retryOne(id: string, kind: IncidentKind, admin: Actor): Promise<RetryResult> {
    const { source, key } = parseIncidentId(id)!;
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      let result: { outcome: RetryOutcome; detail: string | null };
      if (source === 'delivery') result = await this.requeueDelivery(tx, key, now);
      else if (source === 'outward') result = await this.requeueOutward(tx, key, now);
      else result = await this.retryReaction(tx, key);
      await tx.query(
        `INSERT INTO incident_retries (incident_id, kind, outcome, detail, actor_id, actor_role, actor_authority,
                                       requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, kind, result.outcome, result.detail, admin.id, admin.role, admin.authorityCode, now],
      );
      return { id, ...result };
    });
  }

  /**
   * One more attempt, now: a dead or refused row goes back to pending; a failing row not in flight is due at once.
   * Attempts are not reset, so attempt numbers stay true; a row that fails again dead-letters again.
   */
  private async requeueDelivery(tx: Sql, id: string, now: Date) {
    const { rowCount } = await tx.query(
      `UPDATE outbox SET status = 'pending', next_attempt_at = $2, lease_token = NULL, dead_lettered_at = NULL,
                         receipt_at = NULL, receipt_reason = NULL
        WHERE id = $1 AND (status IN ('dead', 'refused') OR (status = 'pending' AND lease_token IS NULL))`,
      [id, now],
    );
    return rowCount
      ? { outcome: 'requeued' as const, detail: null }
      : { outcome: 'not_retryable' as const, detail: 'an attempt is in flight' };
  }

  private async requeueOutward(tx: Sql, id: string, now: Date) {
    const { rowCount } = await tx.query(
      `UPDATE outward_messages SET status = 'pending', next_attempt_at = $2, dead_at = NULL
        WHERE id = $1 AND (status = 'dead' OR (status = 'pending' AND lease_token IS NULL))`,
      [id, now],
    );
    return rowCount
      ? { outcome: 'requeued' as const, detail: null }
      : { outcome: 'not_retryable' as const, detail: 'an attempt is in flight' };
  }

  private async retryReaction(tx: Sql, id: string) {
    const { rows } = await tx.query<{
      reaction: string;
      cause_event_id: string;
      case_id: string;
      event_type: string;
    }>(
      `SELECT reaction, cause_event_id::text, case_id::text, event_type FROM reaction_refusals WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    const answer = await this.reactions.retryRefused(
      { reaction: r.reaction, causeEventId: r.cause_event_id, caseId: r.case_id, eventType: r.event_type },
      tx,
    );
    if (answer.outcome === 'recorded') return { outcome: 'recorded' as const, detail: null };
    return {
      outcome: answer.outcome === 'refused' ? ('refused' as const) : ('not_retryable' as const),
      detail: `${answer.code}: ${answer.message}`,
    };
  }

  private async retriesOf(ids: string[]) {
    const map = new Map<string, Incident['retries']>();
    if (ids.length === 0) return map;
    const { rows } = await this.db.query<{
      incident_id: string;
      outcome: string;
      detail: string | null;
      actor_id: string;
      requested_at: Date;
    }>(
      `SELECT incident_id, outcome, detail, actor_id::text, requested_at FROM incident_retries
        WHERE incident_id = ANY($1::text[]) ORDER BY id`,
      [ids],
    );
    for (const r of rows)
      map.set(r.incident_id, [
        ...(map.get(r.incident_id) ?? []),
        {
          outcome: r.outcome,
          detail: r.detail,
          actorId: r.actor_id,
          requestedAt: r.requested_at.toISOString(),
        },
      ]);
    return map;
  }
}
