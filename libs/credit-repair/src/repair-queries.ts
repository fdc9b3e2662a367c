import { Injectable } from '@nestjs/common';
import { Clock, Database, SqlWhere } from '@credence/shared';
import { visibilityFilter, type Actor } from '@credence/identity';

export interface RepairListFilter {
  page: number;
  pageSize: number;
  /** A state path or its prefix, e.g. `open` or `open.review.awaitingDecision`. */
  state?: string;
  open?: boolean;
  due?: 'soon' | 'overdue';
  /** `me` or an account id: the officer handling the case (who accepted it). */
  assignee?: string;
  recordId?: string;
}

interface Row {
  id: string;
  case_number: string | null;
  record_id: string;
  subject_code: string;
  subject_name: string;
  authority_code: string;
  state: string;
  state_label_zh: string;
  state_label_en: string;
  open: boolean;
  four_eyes: boolean;
  assignee: string | null;
  outcome: string | null;
  submitted_at: Date | null;
  decided_at: Date | null;
  updated_at: Date;
  due_soon: boolean;
  overdue: boolean;
  total: string;
}

/**
 * Lists of repair applications: an applicant's own, an authority's work queue (state, due soon, overdue,
 * assignee), an auditor's subtree — all filtered in the database by the one visibility rule.
 */
@Injectable()
export class RepairQueries {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async list(filter: RepairListFilter, actor: Actor) {
    const where = new SqlWhere();
    if (filter.state) where.add(`(a.state = ? OR a.state LIKE ? || '.%')`, filter.state);
    if (filter.open !== undefined) where.add('a.open = ?', filter.open);
    if (filter.assignee) where.add('a.assignee = ?', filter.assignee === 'me' ? actor.id : filter.assignee);
    if (filter.recordId) where.add('a.record_id = ?::uuid', filter.recordId);
    if (filter.due === 'soon') where.raw('c.due_soon');
    if (filter.due === 'overdue') where.raw('c.overdue');
    where.raw(visibilityFilter(actor, 'a', where.params.length));
    // Due soon and overdue are read against now from the clocks' stored instants (as the objection and work queues
    // do), not from the worker's flags, so the queue is right even before the worker's next pass. Paused clocks
    // (补正) cannot run out.
    const now = `$${where.params.length + 1}::timestamptz`;
    const { rows } = await this.db.query<Row>(
      `SELECT a.id::text, a.case_number, a.record_id::text, a.subject_code, a.subject_name, a.authority_code, a.state,
              a.state_label_zh, a.state_label_en, a.open, a.four_eyes, a.assignee, a.outcome, a.submitted_at,
              a.decided_at, a.updated_at, COALESCE(c.due_soon, false) AS due_soon,
              COALESCE(c.overdue, false) AS overdue, count(*) OVER () AS total
         FROM repair_applications a
         LEFT JOIN LATERAL (
           SELECT bool_or(k.due_soon_at <= ${now} AND k.due_at > ${now}) AS due_soon, bool_or(k.due_at <= ${now}) AS overdue
             FROM case_clocks k WHERE k.case_id = a.id AND k.status = 'running') c ON true
        WHERE ${where.sql}
        ORDER BY a.updated_at DESC, a.id
        LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      [...where.params, this.clock.now()],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        caseNumber: r.case_number,
        recordId: r.record_id,
        subjectCode: r.subject_code,
        subjectName: r.subject_name,
        authorityCode: r.authority_code,
        state: r.state.split(','),
        stateLabel: { zh: r.state_label_zh, en: r.state_label_en },
        open: r.open,
        fourEyes: r.four_eyes,
        assignee: r.assignee,
        outcome: r.outcome,
        dueSoon: r.due_soon,
        overdue: r.overdue,
        submittedAt: r.submitted_at?.toISOString() ?? null,
        decidedAt: r.decided_at?.toISOString() ?? null,
        updatedAt: r.updated_at.toISOString(),
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  /** The downstream platforms' rows for a decision: waiting for delivery, delivered, confirmed (执行反馈) or failed. */
  async deliveries(caseId: string) {
    const { rows } = await this.db.query<{
      topic: string;
      payload: { platform?: { code: string; name: unknown } };
      status: string;
      attempts: number;
      created_at: Date;
      delivered_at: Date | null;
      last_error: string | null;
    }>(
      `SELECT topic, payload, status, attempts, created_at, delivered_at, last_error FROM outbox
        WHERE case_id = $1::uuid AND topic LIKE 'credit-repair.%' ORDER BY created_at, topic`,
      [caseId],
    );
    return rows.map((r) => ({
      topic: r.topic,
      platform: r.payload.platform ?? null,
      status: r.status,
      attempts: r.attempts,
      createdAt: r.created_at.toISOString(),
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      lastError: r.last_error,
    }));
  }
}
