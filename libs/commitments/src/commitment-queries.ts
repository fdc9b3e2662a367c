import { Injectable } from '@nestjs/common';
import { PUBLICLY_SHOWN } from '@credence/credit-records';
import { visibilityFilter, type Actor } from '@credence/identity';
import { addDays, beijingDateOf, Clock, Database, type BilingualText, SqlWhere } from '@credence/shared';
import { UnknownAuthorityError } from './commitment.errors';
import { COMMITMENT_TYPE_LABELS, type CommitmentType, type PromiseItem } from './domain/commitment';

export interface CommitmentListFilter {
  page: number;
  pageSize: number;
  type?: CommitmentType;
  /** A state path or its prefix, e.g. `inForce` or `inForce.checking`. */
  state?: string;
  subjectCode?: string;
  outcome?: 'fulfilled' | 'breached' | 'withdrawn' | 'lapsed';
}

interface Row {
  id: string;
  case_number: string;
  type: CommitmentType;
  subject_code: string;
  subject_name: string;
  authority_code: string;
  authority_name: string;
  matter: string | null;
  state: string;
  state_label_zh: string;
  state_label_en: string;
  published: boolean;
  promised_by: string | null;
  check_due_date: string | null;
  check_overdue: boolean;
  outcome: string | null;
  outcome_at: Date | null;
  automatic: boolean;
  breach_record_id: string | null;
  breach_decision_number: string | null;
  signed_at: Date;
  in_force_at: Date | null;
  updated_at: Date;
  total?: string;
}

const COLUMNS = `c.id::text, c.case_number, c.type, c.subject_code, c.subject_name, c.authority_code, c.authority_name,
  c.matter, c.state, c.state_label_zh, c.state_label_en, c.published, to_char(c.promised_by, 'YYYY-MM-DD') AS promised_by,
  to_char(c.check_due_date, 'YYYY-MM-DD') AS check_due_date, c.check_overdue, c.outcome, c.outcome_at, c.automatic,
  c.breach_record_id::text, c.breach_decision_number, c.signed_at, c.in_force_at, c.updated_at`;

/** Public outcome labels (践诺/违诺 information is published, DOMAIN §5). */
const PUBLIC_STATUS: Record<'promised' | 'in_force' | 'fulfilled' | 'breached', BilingualText> = {
  promised: { zh: '已作出承诺', en: 'Promised' },
  in_force: { zh: '履行中', en: 'In force' },
  fulfilled: { zh: '已践诺', en: 'Kept' },
  breached: { zh: '已违诺', en: 'Broken' },
};

/**
 * Reads of the commitments read model: lists and the checks due for staff (one visibility rule, in the database),
 * breach statistics by authority and month, and the public view of published commitments and their outcomes.
 */
@Injectable()
export class CommitmentQueries {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async list(filter: CommitmentListFilter, actor: Actor) {
    const where = new SqlWhere();
    if (filter.type) where.add('c.type = ?', filter.type);
    if (filter.state) where.add(`(c.state = ? OR c.state LIKE ? || '.%')`, filter.state);
    if (filter.subjectCode) where.add('c.subject_code = ?', filter.subjectCode);
    if (filter.outcome) where.add('c.outcome = ?', filter.outcome);
    where.raw(visibilityFilter(actor, 'c', where.params.length));
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM commitments c
        WHERE ${where.sql}
        ORDER BY c.updated_at DESC, c.id
        LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      where.params,
    );
    return {
      items: rows.map((r) => this.item(r)),
      total: rows.length ? Number(rows[0].total) : 0,
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  /**
   * Commitments in force whose check falls due within `withinDays` (due soon) or has passed (overdue), earliest
   * first: the authority's 践诺核查 queue. A 容缺 commitment is listed while its materials are awaited.
   */
  async dueForChecking(actor: Actor, withinDays: number) {
    const today = beijingDateOf(this.clock.now());
    const visible = visibilityFilter(actor, 'c', 1);
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM commitments c
        WHERE c.state LIKE 'inForce.%' AND c.check_due_date <= $1::date AND ${visible.sql}
        ORDER BY c.check_due_date, c.case_number LIMIT 1000`,
      [addDays(today, withinDays), ...visible.params],
    );
    const items = rows.map((r) => this.item(r));
    return {
      today,
      withinDays,
      overdue: items.filter((i) => i.checkDueDate! < today),
      dueSoon: items.filter((i) => i.checkDueDate! >= today),
    };
  }

  /**
   * Breaches (违诺) by authority and Beijing month, with how many were automatic (容缺 dates passed) and by type and
   * ground: optionally for one authority's subtree and one month, always within what the reader may see.
   */
  async breaches(actor: Actor, filter: { authority?: string; month?: string }) {
    const params: unknown[] = [];
    const where = [`c.outcome = 'breached'`];
    if (filter.authority) {
      const { rows } = await this.db.query<{ path: string }>('SELECT path FROM authorities WHERE code = $1', [
        filter.authority,
      ]);
      if (!rows[0]) throw new UnknownAuthorityError(filter.authority);
      params.push(rows[0].path, `${rows[0].path}/%`);
      where.push(`(c.authority_path = $1 OR c.authority_path LIKE $2)`);
    }
    if (filter.month) {
      params.push(filter.month);
      where.push(`to_char(c.outcome_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $${params.length}`);
    }
    const visible = visibilityFilter(actor, 'c', params.length);
    params.push(...visible.params);
    where.push(visible.sql);
    const { rows } = await this.db.query<{
      authority_code: string;
      authority_name: string;
      month: string;
      type: CommitmentType;
      ground: string | null;
      automatic: boolean;
      count: string;
    }>(
      `SELECT c.authority_code, c.authority_name, to_char(c.outcome_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
              c.type, c.breach_ground AS ground, c.automatic, count(*) AS count
         FROM commitments c WHERE ${where.join(' AND ')}
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 3 DESC, 1`,
      params,
    );
    const groups = new Map<
      string,
      {
        authorityCode: string;
        authorityName: string;
        month: string;
        breaches: number;
        automatic: number;
        byType: Record<string, number>;
        byGround: Record<string, number>;
      }
    >();
    for (const r of rows) {
      const key = `${r.authority_code}|${r.month}`;
      const group = groups.get(key) ?? {
        authorityCode: r.authority_code,
        authorityName: r.authority_name,
        month: r.month,
        breaches: 0,
        automatic: 0,
        byType: {},
        byGround: {},
      };
      const n = Number(r.count);
      group.breaches += n;
      if (r.automatic) group.automatic += n;
      group.byType[r.type] = (group.byType[r.type] ?? 0) + n;
      const ground = r.ground ?? 'other';
      group.byGround[ground] = (group.byGround[ground] ?? 0) + n;
      groups.set(key, group);
    }
    const list = [...groups.values()];
    return {
      authority: filter.authority ?? null,
      month: filter.month ?? null,
      total: list.reduce((sum, g) => sum + g.breaches, 0),
      groups: list,
    };
  }

  /**
   * 承诺公示: the subject's published commitments with their 践诺/违诺 outcome. A breach leaves the public view with
   * its 违诺 record once that is repaired, expired or otherwise no longer shown (DOMAIN §2); withdrawn ones never show.
   */
  async publicCommitments(subjectCode: string) {
    const { rows } = await this.db.query<Row & { items: PromiseItem[]; published_at: Date | null }>(
      `SELECT ${COLUMNS}, c.items, c.published_at FROM commitments c
         LEFT JOIN credit_records r ON r.id = c.breach_record_id
        WHERE c.subject_code = $1 AND c.published
          AND (c.outcome IS DISTINCT FROM 'breached' OR c.breach_record_id IS NULL OR r.status = ANY($2::text[]))
        ORDER BY c.signed_at DESC, c.id LIMIT 500`,
      [subjectCode, PUBLICLY_SHOWN],
    );
    return rows.map((r) => {
      const status =
        r.outcome === 'fulfilled' || r.outcome === 'breached'
          ? r.outcome
          : r.state.startsWith('inForce')
            ? 'in_force'
            : 'promised';
      return {
        caseNumber: r.case_number,
        type: r.type,
        typeLabel: COMMITMENT_TYPE_LABELS[r.type],
        matter: r.matter,
        authority: { code: r.authority_code, name: r.authority_name },
        promises: r.items.map((i) => i.text),
        promisedBy: r.promised_by,
        signedOn: beijingDateOf(r.signed_at),
        publishedOn: r.published_at ? beijingDateOf(r.published_at) : null,
        status,
        statusLabel: PUBLIC_STATUS[status],
        outcomeOn: r.outcome_at && status !== 'in_force' ? beijingDateOf(r.outcome_at) : null,
        breachRecord: r.outcome === 'breached' ? { decisionNumber: r.breach_decision_number } : null,
      };
    });
  }

  /** The outbox rows a commitment's breach wrote (revocation notice, grade re-evaluation) and their delivery. */
  async deliveries(caseId: string) {
    const { rows } = await this.db.query<{
      topic: string;
      status: string;
      attempts: number;
      created_at: Date;
      delivered_at: Date | null;
      last_error: string | null;
    }>(
      `SELECT topic, status, attempts, created_at, delivered_at, last_error FROM outbox
        WHERE case_id = $1::uuid AND topic IN ('commitment.revoke-linked-decision', 'grade.re-evaluation-requested')
        ORDER BY created_at, topic`,
      [caseId],
    );
    return rows.map((r) => ({
      topic: r.topic,
      status: r.status,
      attempts: r.attempts,
      createdAt: r.created_at.toISOString(),
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      lastError: r.last_error,
    }));
  }

  private item(r: Row) {
    return {
      id: r.id,
      caseNumber: r.case_number,
      type: r.type,
      typeLabel: COMMITMENT_TYPE_LABELS[r.type],
      subjectCode: r.subject_code,
      subjectName: r.subject_name,
      authorityCode: r.authority_code,
      matter: r.matter,
      state: r.state.split(','),
      stateLabel: { zh: r.state_label_zh, en: r.state_label_en },
      published: r.published,
      promisedBy: r.promised_by,
      checkDueDate: r.check_due_date,
      checkOverdue: r.check_overdue,
      outcome: r.outcome,
      outcomeAt: r.outcome_at?.toISOString() ?? null,
      automaticOutcome: r.automatic,
      breachRecord: r.breach_record_id
        ? { id: r.breach_record_id, decisionNumber: r.breach_decision_number }
        : null,
      signedAt: r.signed_at.toISOString(),
      inForceAt: r.in_force_at?.toISOString() ?? null,
      updatedAt: r.updated_at.toISOString(),
    };
  }
}
