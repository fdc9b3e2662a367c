import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Clock, Database, Env, metricsRegistry, uuidv7, SqlWhere } from '@credence/shared';
import { visibilityFilter, type ActorScope } from '@credence/identity';
import { isUuid } from './names';

/** Kinds of reads the log records; later workflows add theirs (e.g. `material`). */
export type AccessKind =
  | 'case'
  | 'case-history'
  | 'credit-record'
  | 'material'
  | 'audit-trail'
  | 'audit-as-of'
  | 'audit-export'
  | 'platform-history'
  | (string & {});

/** One read of sensitive data. */
export interface AccessEntry {
  actor: { id: string; role: string; authorityCode: string | null };
  kind: AccessKind;
  /** What was read: a case or record id, a material id, an export's file name. */
  resourceId: string;
  /** The case the thing belongs to: its authority and subject are taken from the case row when not given. */
  caseId?: string | null;
  authorityCode?: string | null;
  /** Authority path of the thing read: auditors of that authority (and above) see the entry. */
  authorityPath?: string | null;
  subjectCode?: string | null;
  correlationId?: string | null;
  ip?: string | null;
  /** E.g. an export's filters. */
  detail?: Record<string, unknown> | null;
}

export interface AccessLogRow {
  id: string;
  readAt: string;
  actor: { id: string; name: string | null; role: string; authorityCode: string | null };
  kind: string;
  resourceId: string;
  caseId: string | null;
  authorityCode: string | null;
  subjectCode: string | null;
  correlationId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export interface AccessLogFilter {
  /** Account id or username of the reader. */
  actor?: string;
  /** Subject code whose data was read, or the id of the thing read. */
  subject?: string;
  from?: Date;
  to?: Date;
}

/** Entries held in memory at most; beyond it new entries are dropped and counted (never unbounded memory). */
export const ACCESS_LOG_BUFFER_LIMIT = 10_000;
/** A full batch is written at once rather than waiting for the timer. */
const BATCH = 500;

const dropped = new Counter({
  name: 'credence_access_log_dropped_total',
  help: 'Access-log entries lost: buffer full, or a batch the database refused',
  registers: [metricsRegistry],
});

// Batched through one jsonb parameter; the case row supplies authority and subject when the reader did not.
const INSERT = `
INSERT INTO access_log (id, read_at, actor_id, actor_role, actor_authority, kind, resource_id, case_id, authority_code,
                        authority_path, subject_code, correlation_id, ip, detail)
SELECT x.id, x.read_at, x.actor_id, x.actor_role, x.actor_authority, x.kind, x.resource_id, x.case_id,
       COALESCE(x.authority_code, c.authority_code), COALESCE(x.authority_path, c.authority_path),
       COALESCE(x.subject_code, c.subject_code), x.correlation_id, x.ip, x.detail
  FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, read_at timestamptz, actor_id text, actor_role text,
         actor_authority text, kind text, resource_id text, case_id uuid, authority_code text, authority_path text,
         subject_code text, correlation_id text, ip text, detail jsonb)
  LEFT JOIN cases c ON c.id = x.case_id`;

/**
 * The append-only log of who read what. With ACCESS_LOG_FLUSH_MS > 0 (default 1000) a read only queues its entry
 * and a timer writes the queue in one statement per second (and at shutdown): the read pays no round trip, and a
 * crash loses at most the last second of entries (ADR 0011). With 0 each read writes its entry before it answers.
 */
@Injectable()
export class AccessLog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccessLog.name);
  private buffer: Record<string, unknown>[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    if (this.env.ACCESS_LOG_FLUSH_MS > 0) {
      this.timer = setInterval(() => void this.flush(), this.env.ACCESS_LOG_FLUSH_MS);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async record(entry: AccessEntry): Promise<void> {
    const row = this.rowOf(entry);
    if (this.env.ACCESS_LOG_FLUSH_MS === 0) {
      await this.db.query(INSERT, [JSON.stringify([row])]);
      return;
    }
    if (this.buffer.length >= ACCESS_LOG_BUFFER_LIMIT) {
      dropped.inc();
      return;
    }
    this.buffer.push(row);
    if (this.buffer.length >= BATCH) void this.flush();
  }

  /** Writes what is queued; one flush at a time, so batches land in order. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeQueued());
    return this.flushing;
  }

  private async writeQueued(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, BATCH);
      try {
        await this.db.query(INSERT, [JSON.stringify(batch)]);
      } catch (error) {
        dropped.inc(batch.length);
        this.logger.error({ err: error, entries: batch.length }, 'access log batch lost');
        return;
      }
    }
  }

  private rowOf(e: AccessEntry): Record<string, unknown> {
    return {
      id: uuidv7(),
      read_at: this.clock.now().toISOString(),
      actor_id: e.actor.id,
      actor_role: e.actor.role,
      actor_authority: e.actor.authorityCode,
      kind: e.kind,
      resource_id: e.resourceId,
      case_id: e.caseId && isUuid(e.caseId) ? e.caseId : null,
      authority_code: e.authorityCode ?? null,
      authority_path: e.authorityPath ?? null,
      subject_code: e.subjectCode ?? null,
      correlation_id: e.correlationId ?? null,
      ip: e.ip ?? null,
      detail: e.detail ?? null,
    };
  }

  /** Entries about things within the reader's scope (their authority path), newest first. */
  async search(
    filter: AccessLogFilter,
    page: number,
    pageSize: number,
    reader: ActorScope,
  ): Promise<{ items: AccessLogRow[]; page: number; pageSize: number }> {
    const where = new SqlWhere();
    if (filter.actor) {
      if (isUuid(filter.actor)) where.add('l.actor_id = ?', filter.actor);
      else
        where.add(
          'l.actor_id = (SELECT id::text FROM accounts WHERE lower(username) = lower(?))',
          filter.actor,
        );
    }
    if (filter.subject) where.add('(l.subject_code = ? OR l.resource_id = ?)', filter.subject);
    if (filter.from) where.add('l.read_at >= ?', filter.from);
    if (filter.to) where.add('l.read_at < ?', filter.to);
    where.raw(visibilityFilter(reader, 'l', where.params.length));
    const { rows } = await this.db.query<{
      id: string;
      read_at: Date;
      actor_id: string;
      actor_name: string | null;
      actor_role: string;
      actor_authority: string | null;
      kind: string;
      resource_id: string;
      case_id: string | null;
      authority_code: string | null;
      subject_code: string | null;
      correlation_id: string | null;
      ip: string | null;
      detail: Record<string, unknown> | null;
    }>(
      `SELECT l.*, a.display_name AS actor_name FROM access_log l
         LEFT JOIN accounts a ON a.id::text = l.actor_id
        WHERE ${where.sql}
        ORDER BY l.read_at DESC, l.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      where.params,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        readAt: r.read_at.toISOString(),
        actor: { id: r.actor_id, name: r.actor_name, role: r.actor_role, authorityCode: r.actor_authority },
        kind: r.kind,
        resourceId: r.resource_id,
        caseId: r.case_id,
        authorityCode: r.authority_code,
        subjectCode: r.subject_code,
        correlationId: r.correlation_id,
        ip: r.ip,
        detail: r.detail,
      })),
      page,
      pageSize,
    };
  }
}
