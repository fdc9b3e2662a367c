import { Injectable } from '@nestjs/common';
import { Clock, Database, type BilingualText } from '@credence/shared';
import type { WorkflowActor } from '../case-event';

export type DeadlineFilter = 'running' | 'due-soon' | 'overdue' | 'paused';

export interface DeadlineItem {
  caseId: string;
  caseType: string;
  title: string;
  subjectCode: string;
  authorityCode: string;
  stateLabel: BilingualText;
  clock: string;
  kind: string;
  label: BilingualText;
  status: 'running' | 'paused';
  dueDate: string | null;
  dueAt: string | null;
  remainingWorkingDaysAtPause: number | null;
  provisional: boolean;
  dueSoon: boolean;
  overdue: boolean;
}

// "Due soon" and "overdue" are read against now from the stored instants, not from the worker's flags. `running` and
// `paused` do not use now ($1): the query states its type itself, else PostgreSQL cannot type the unused parameter
// ("could not determine data type of parameter $1", a 500 for the default filter).
const FILTERS: Record<DeadlineFilter, string> = {
  running: `k.status = 'running'`,
  paused: `k.status = 'paused'`,
  'due-soon': `k.status = 'running' AND k.due_soon_at <= $1 AND k.due_at > $1`,
  overdue: `k.status = 'running' AND k.due_at <= $1`,
};

/**
 * Open deadlines for supervision (督办): staff see their authority and the authorities under it, auditors their
 * subtree, admins all. Served by the partial index on open clocks ordered by due instant.
 */
@Injectable()
export class Deadlines {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** `authority` narrows to one authority and those under it (a segment of the authority path). */
  async list(
    actor: WorkflowActor,
    query: { status: DeadlineFilter; authority?: string; caseType?: string; page: number; pageSize: number },
  ): Promise<{ items: DeadlineItem[]; total: number }> {
    if (actor.role === 'applicant' || actor.role === 'system') return { items: [], total: 0 };
    if (actor.role !== 'admin' && actor.authorityPath === null) return { items: [], total: 0 };
    const scope = actor.role === 'admin' ? null : actor.authorityPath;
    const { rows } = await this.db.query<DeadlineRow>(
      `SELECT k.case_id, k.case_type, c.title, c.subject_code, k.authority_code, c.state_label_zh, c.state_label_en,
              k.name, k.limit_key, k.label_zh, k.label_en, k.status, to_char(k.due_date, 'YYYY-MM-DD') AS due_date,
              k.due_at, k.remaining_days, k.provisional, k.due_soon_at, count(*) OVER () AS total
         FROM case_clocks k JOIN cases c ON c.id = k.case_id
        WHERE $1::timestamptz IS NOT NULL AND ${FILTERS[query.status]}
          AND ($2::text IS NULL OR k.authority_path = $2::text OR k.authority_path LIKE $2::text || '/%')
          AND ($3::text IS NULL OR '/' || k.authority_path || '/' LIKE '%/' || $3::text || '/%')
          AND ($4::text IS NULL OR k.case_type = $4::text)
        ORDER BY k.due_at NULLS LAST, k.case_id, k.name
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      [this.clock.now(), scope, query.authority ?? null, query.caseType ?? null],
    );
    const now = this.clock.now();
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        caseId: r.case_id,
        caseType: r.case_type,
        title: r.title,
        subjectCode: r.subject_code,
        authorityCode: r.authority_code,
        stateLabel: { zh: r.state_label_zh, en: r.state_label_en },
        clock: r.name,
        kind: r.limit_key,
        label: { zh: r.label_zh, en: r.label_en },
        status: r.status,
        dueDate: r.due_date,
        dueAt: r.due_at?.toISOString() ?? null,
        remainingWorkingDaysAtPause: r.remaining_days,
        provisional: r.provisional,
        overdue: r.status === 'running' && r.due_at !== null && r.due_at <= now,
        dueSoon:
          r.status === 'running' &&
          r.due_soon_at !== null &&
          r.due_soon_at <= now &&
          r.due_at !== null &&
          r.due_at > now,
      })),
    };
  }
}

interface DeadlineRow {
  case_id: string;
  case_type: string;
  title: string;
  subject_code: string;
  authority_code: string;
  state_label_zh: string;
  state_label_en: string;
  name: string;
  limit_key: string;
  label_zh: string;
  label_en: string;
  status: 'running' | 'paused';
  due_date: string | null;
  due_at: Date | null;
  remaining_days: number | null;
  provisional: boolean;
  due_soon_at: Date | null;
  total: string;
}
