import { Injectable } from '@nestjs/common';
import { Database } from '@credence/shared';
import { visibilityFilter, type Actor } from '@credence/identity';
import { REPAIR_APPLICATION } from './repair.case-type';

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
  constructor(private readonly db: Database) {}

  async list(filter: RepairListFilter, actor: Actor) {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filter.state) add(`(a.state = ? OR a.state LIKE ? || '.%')`, filter.state);
    if (filter.open !== undefined) add('a.open = ?', filter.open);
    if (filter.assignee) add('a.assignee = ?', filter.assignee === 'me' ? actor.id : filter.assignee);
    if (filter.recordId) add('a.record_id = ?::uuid', filter.recordId);
    if (filter.due === 'soon') where.push('c.due_soon');
    if (filter.due === 'overdue') where.push('c.overdue');
    const visible = visibilityFilter(actor, 'a', params.length);
    params.push(...visible.params);
    where.push(visible.sql);
    const { rows } = await this.db.query<Row>(
      `SELECT a.id::text, a.case_number, a.record_id::text, a.subject_code, a.subject_name, a.authority_code, a.state,
              a.state_label_zh, a.state_label_en, a.open, a.four_eyes, a.assignee, a.outcome, a.submitted_at,
              a.decided_at, a.updated_at, COALESCE(c.due_soon, false) AS due_soon,
              COALESCE(c.overdue, false) AS overdue, count(*) OVER () AS total
         FROM repair_applications a
         LEFT JOIN LATERAL (
           SELECT bool_or(k.due_soon AND k.status <> 'stopped') AS due_soon,
                  bool_or(k.overdue AND k.status <> 'stopped') AS overdue
             FROM case_clocks k WHERE k.stream_id = '${REPAIR_APPLICATION}-' || a.id::text) c ON true
        WHERE ${where.join(' AND ')}
        ORDER BY a.updated_at DESC, a.id
        LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      params,
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
