import { Injectable } from '@nestjs/common';
import { Clock, Database, type BilingualText } from '@credence/shared';
import { visibilityFilter, type ActorScope } from '@credence/identity';
import { roleLabel } from './labels';
import { authorityPathOf, isUuid } from './names';

/** Filters of the decision search; every one optional, combined with AND, always within the auditor's scope. */
export interface DecisionFilter {
  /** Subject code (USCC or ID number) of the case. */
  subject?: string;
  /** Authority code: its cases and those of the authorities under it. */
  authority?: string;
  /** Account id or username of who acted, or `system`. */
  actor?: string;
  /** Action name (`shield`) or event type (`CreditRecordShielded`). */
  action?: string;
  /** The step's outcome (see TrailStep.outcome). */
  outcome?: string;
  from?: Date;
  to?: Date;
  /**
   * Steps of cases that are overdue: a statutory clock elapsed and not yet stopped, or stopped late. Reads the
   * `case_clocks` rows the engine keeps; a case without clocks is never overdue.
   */
  overdue?: boolean;
  caseType?: string;
}

export interface DecisionRow {
  eventId: string;
  globalPosition: number;
  caseId: string;
  caseType: string;
  streamVersion: number;
  eventType: string;
  action: string | null;
  actionLabel: BilingualText;
  stateBefore: BilingualText | null;
  stateAfter: BilingualText | null;
  outcome: string | null;
  actor: {
    id: string;
    name: string | null;
    role: string;
    roleLabel: BilingualText;
    authorityCode: string | null;
  };
  authorityCode: string;
  subjectCode: string;
  subjectName: string;
  title: string;
  ruleSet: string | null;
  reasons: string | null;
  opinion: string | null;
  legalBasis: string | null;
  correlationId: string | null;
  eventHash: string;
  recordedAt: string;
}

export interface DecisionPage {
  items: DecisionRow[];
  page: number;
  pageSize: number;
  /** Matching steps, counted up to COUNT_CAP; `totalIsExact` false beyond it. */
  total: number;
  totalIsExact: boolean;
}

/** Counting a whole subtree's history on every page would cost more than the page: the count stops here. */
export const COUNT_CAP = 10_000;
/** Rows per round trip while streaming an export (keyset pagination, constant memory). */
const EXPORT_CHUNK = 1000;

interface Row {
  event_id: string;
  global_position: string;
  case_id: string;
  case_type: string;
  stream_version: number;
  event_type: string;
  action: string | null;
  action_label_zh: string;
  action_label_en: string;
  state_before_zh: string | null;
  state_before_en: string | null;
  state_after_zh: string | null;
  state_after_en: string | null;
  outcome: string | null;
  actor_id: string;
  actor_name: string | null;
  actor_role: string;
  actor_authority: string | null;
  authority_code: string;
  subject_code: string;
  subject_name: string;
  title: string;
  rule_set: string | null;
  reasons: string | null;
  opinion: string | null;
  legal_basis: string | null;
  correlation_id: string | null;
  event_hash: Buffer;
  recorded_at: Date;
}

const SELECT = `SELECT d.event_id, d.global_position, d.case_id, d.case_type, d.stream_version, d.event_type, d.action,
  d.action_label_zh, d.action_label_en, d.state_before_zh, d.state_before_en, d.state_after_zh, d.state_after_en,
  d.outcome, d.actor_id, d.actor_name, d.actor_role, d.actor_authority, d.authority_code, d.subject_code,
  d.subject_name, d.title, d.rule_set, d.reasons, d.opinion, d.legal_basis, d.correlation_id, d.event_hash,
  d.recorded_at FROM audit_decisions d`;

function toDecision(r: Row): DecisionRow {
  const label = (zh: string | null, en: string | null) => (zh === null ? null : { zh, en: en ?? zh });
  return {
    eventId: r.event_id,
    globalPosition: Number(r.global_position),
    caseId: r.case_id,
    caseType: r.case_type,
    streamVersion: r.stream_version,
    eventType: r.event_type,
    action: r.action,
    actionLabel: { zh: r.action_label_zh, en: r.action_label_en },
    stateBefore: label(r.state_before_zh, r.state_before_en),
    stateAfter: label(r.state_after_zh, r.state_after_en),
    outcome: r.outcome,
    actor: {
      id: r.actor_id,
      name: r.actor_name,
      role: r.actor_role,
      roleLabel: roleLabel(r.actor_role),
      authorityCode: r.actor_authority,
    },
    authorityCode: r.authority_code,
    subjectCode: r.subject_code,
    subjectName: r.subject_name,
    title: r.title,
    ruleSet: r.rule_set,
    reasons: r.reasons,
    opinion: r.opinion,
    legalBasis: r.legal_basis,
    correlationId: r.correlation_id,
    eventHash: r.event_hash.toString('hex'),
    recordedAt: r.recorded_at.toISOString(),
  };
}

interface Where {
  sql: string;
  params: unknown[];
  /** False when a filter names something that does not exist (an unknown authority or username): no rows. */
  possible: boolean;
}

/** Search over the `audit_decisions` read model, filtered in SQL by the auditor's subtree (the policy's filter). */
@Injectable()
export class DecisionSearch {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async search(
    filter: DecisionFilter,
    page: number,
    pageSize: number,
    actor: ActorScope,
  ): Promise<DecisionPage> {
    const where = await this.where(filter, actor);
    if (!where.possible) return { items: [], page, pageSize, total: 0, totalIsExact: true };
    const [{ rows }, counted] = await Promise.all([
      this.db.query<Row>(
        `${SELECT} WHERE ${where.sql} ORDER BY d.recorded_at DESC, d.global_position DESC
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        where.params,
      ),
      this.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM audit_decisions d WHERE ${where.sql} LIMIT ${COUNT_CAP + 1}) x`,
        where.params,
      ),
    ]);
    const n = Number(counted.rows[0].n);
    return {
      items: rows.map(toDecision),
      page,
      pageSize,
      total: Math.min(n, COUNT_CAP),
      totalIsExact: n <= COUNT_CAP,
    };
  }

  /** How many steps match, counting at most `cap + 1` (to refuse an export that is too large before streaming). */
  async countUpTo(filter: DecisionFilter, cap: number, actor: ActorScope): Promise<number> {
    const where = await this.where(filter, actor);
    if (!where.possible) return 0;
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM audit_decisions d WHERE ${where.sql} LIMIT ${cap + 1}) x`,
      where.params,
    );
    return Number(rows[0].n);
  }

  /** Every matching step, newest first, in chunks (keyset pagination: constant memory, no OFFSET rescans). */
  async *all(filter: DecisionFilter, actor: ActorScope): AsyncGenerator<DecisionRow> {
    const where = await this.where(filter, actor);
    if (!where.possible) return;
    let after: { at: Date; position: string } | null = null;
    for (;;) {
      const params = [...where.params];
      let keyset = '';
      if (after) {
        params.push(after.at, after.position);
        keyset = ` AND (d.recorded_at, d.global_position) < ($${params.length - 1}, $${params.length}::bigint)`;
      }
      const { rows } = await this.db.query<Row>(
        `${SELECT} WHERE ${where.sql}${keyset} ORDER BY d.recorded_at DESC, d.global_position DESC LIMIT ${EXPORT_CHUNK}`,
        params,
      );
      for (const row of rows) yield toDecision(row);
      if (rows.length < EXPORT_CHUNK) return;
      const last = rows[rows.length - 1];
      after = { at: last.recorded_at, position: last.global_position };
    }
  }

  private async where(filter: DecisionFilter, actor: ActorScope): Promise<Where> {
    const params: unknown[] = [];
    const clauses: string[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      let text = sql;
      for (const value of values) {
        params.push(value);
        text = text.replace('?', `$${params.length}`);
      }
      clauses.push(text);
    };
    if (filter.subject) add('d.subject_code = ?', filter.subject);
    if (filter.caseType) add('d.case_type = ?', filter.caseType);
    if (filter.action) add('(d.action = ? OR d.event_type = ?)', filter.action, filter.action);
    if (filter.outcome) add('d.outcome = ?', filter.outcome);
    if (filter.from) add('d.recorded_at >= ?', filter.from);
    if (filter.to) add('d.recorded_at < ?', filter.to);
    if (filter.authority) {
      // Resolved first so the prefix is a constant the text_pattern_ops index can range over.
      const path = await authorityPathOf(this.db, filter.authority);
      if (!path) return { sql: 'FALSE', params: [], possible: false };
      add('(d.authority_path = ? OR d.authority_path LIKE ?)', path, `${path}/%`);
    }
    if (filter.actor) {
      const id = await this.actorIdOf(filter.actor);
      if (!id) return { sql: 'FALSE', params: [], possible: false };
      add('d.actor_id = ?', id);
    }
    if (filter.overdue !== undefined) {
      params.push(this.clock.now());
      const overdue = `EXISTS (SELECT 1 FROM case_clocks k WHERE k.case_id = d.case_id
        AND (k.overdue OR k.outcome = 'late' OR (k.status = 'running' AND k.due_at <= $${params.length})))`;
      clauses.push(filter.overdue ? overdue : `NOT ${overdue}`);
    }
    const visible = visibilityFilter(actor, 'd', params.length);
    params.push(...visible.params);
    clauses.push(visible.sql);
    return { sql: clauses.join(' AND '), params, possible: true };
  }

  private async actorIdOf(actor: string): Promise<string | null> {
    if (actor === 'system' || isUuid(actor)) return actor;
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT id::text AS id FROM accounts WHERE lower(username) = lower($1)',
      [actor],
    );
    return rows[0]?.id ?? null;
  }
}
