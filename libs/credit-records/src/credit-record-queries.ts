import { Injectable } from '@nestjs/common';
import { Database, SqlWhere } from '@credence/shared';
import { visibilityFilter, type Actor } from '@credence/identity';
import {
  CaseEngine,
  CaseViews,
  type CaseView,
  type LoadedCase,
  type WorkflowActor,
} from '@credence/workflow';
import { CREDIT_RECORD } from './credit-record.case-type';
import { STATUS_LABELS, type PublicStatus, type RecordContent } from './domain/credit-record';
import type { DisputeMark, PublicationTimeliness, RecordNote } from './domain/credit-record.machine';
import { objectionMarked, publicStatusOf } from './domain/credit-record.status';

export interface CreditRecordView extends CaseView {
  record: RecordContent;
  publicStatus: PublicStatus;
  publicStatusLabel: { zh: string; en: string };
  objectionMarked: boolean;
  ruleSet: string;
  repairableFrom: string;
  publicityEndsAfter: string;
  /** 双公示 timeliness of the registration (null for records registered before it was tracked). */
  publication: PublicationTimeliness | null;
  /** 1 as registered; each correction (an objection's, or a platform error's) adds a version. */
  contentVersion: number;
  /** The objection marking the record, while one does. */
  dispute: DisputeMark | null;
  notes: RecordNote[];
}

export interface RecordFilter {
  subjectCode?: string;
  authorityCode?: string;
  status?: PublicStatus;
  kind?: string;
  severity?: string;
  objectionMarked?: boolean;
  page: number;
  pageSize: number;
}

const LIST_COLUMNS = `id, subject_code, subject_type, subject_name, kind, severity, field, decision_number,
  to_char(decision_date, 'YYYY-MM-DD') AS decision_date, authority_code, status, objection_marked, rule_set_code,
  to_char(repairable_from, 'YYYY-MM-DD') AS repairable_from, to_char(publicity_ends_after, 'YYYY-MM-DD') AS publicity_ends_after,
  version, registered_at, updated_at`;

@Injectable()
export class CreditRecordQueries {
  constructor(
    private readonly db: Database,
    private readonly engine: CaseEngine,
    private readonly views: CaseViews,
  ) {}

  async get(id: string, actor: WorkflowActor, until?: Date): Promise<CreditRecordView> {
    return this.viewOf(await this.engine.load(CREDIT_RECORD, id, actor, { until }), actor);
  }

  async viewOf(loaded: LoadedCase, actor: WorkflowActor): Promise<CreditRecordView> {
    const view = await this.views.of(loaded, actor);
    const status = publicStatusOf(view.state);
    const data = view.data as {
      record: RecordContent;
      ruleSet: string;
      repairableFrom: string;
      publicityEndsAfter: string;
      publication: PublicationTimeliness | null;
      contentVersion: number;
      dispute: DisputeMark | null;
      notes: RecordNote[];
    };
    return {
      ...view,
      record: data.record,
      publicStatus: status,
      publicStatusLabel: STATUS_LABELS[status],
      objectionMarked: objectionMarked(view.state),
      ruleSet: data.ruleSet,
      repairableFrom: data.repairableFrom,
      publicityEndsAfter: data.publicityEndsAfter,
      publication: data.publication,
      contentVersion: data.contentVersion,
      dispute: data.dispute,
      notes: data.notes,
    };
  }

  /** Staff list, filtered in SQL by what the actor may see. */
  async list(
    filter: RecordFilter,
    actor: Actor,
  ): Promise<{ items: Record<string, unknown>[]; total: number; page: number; pageSize: number }> {
    const where = new SqlWhere();
    if (filter.subjectCode) where.add('r.subject_code = ?', filter.subjectCode);
    if (filter.authorityCode) where.add('r.authority_code = ?', filter.authorityCode);
    if (filter.status) where.add('r.status = ?', filter.status);
    if (filter.kind) where.add('r.kind = ?', filter.kind);
    if (filter.severity) where.add('r.severity = ?', filter.severity);
    if (filter.objectionMarked !== undefined) where.add('r.objection_marked = ?', filter.objectionMarked);
    where.raw(visibilityFilter(actor, 'r', where.params.length));
    const { rows } = await this.db.query<Record<string, unknown> & { total: string }>(
      `SELECT ${LIST_COLUMNS}, count(*) OVER () AS total FROM credit_records r WHERE ${where.sql}
        ORDER BY r.registered_at DESC, r.id LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      where.params,
    );
    return {
      items: rows.map(({ total: _t, ...row }) => toListItem(row)),
      total: rows.length ? Number(rows[0].total) : 0,
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  /** What the public may read about a subject: only records published now, with their objection mark. */
  async publicRecords(subjectCode: string): Promise<Record<string, unknown>[]> {
    const { rows } = await this.db.query<PublicRow>(
      `SELECT r.subject_code, r.subject_name, r.kind, r.severity, r.field, r.decision_number,
              to_char(r.decision_date, 'YYYY-MM-DD') AS decision_date, r.authority_code, a.name_zh AS authority_name,
              r.facts, r.legal_basis, r.status, r.objection_marked, r.content_version, r.notes,
              to_char(r.publicity_ends_after, 'YYYY-MM-DD') AS publicity_ends_after
         FROM credit_records r LEFT JOIN authorities a ON a.code = r.authority_code
        WHERE r.subject_code = $1 AND r.status IN ('published', 'repairable')
        ORDER BY r.decision_date DESC, r.decision_number`,
      [subjectCode],
    );
    return rows.map((r) => ({
      subjectCode: r.subject_code,
      subjectName: r.subject_name,
      kind: r.kind,
      severity: r.severity,
      field: r.field,
      decisionNumber: r.decision_number,
      decisionDate: r.decision_date,
      authorityCode: r.authority_code,
      authorityName: r.authority_name,
      facts: r.facts,
      legalBasis: r.legal_basis,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      objectionMarked: r.objection_marked,
      objectionLabel: r.objection_marked ? { zh: '异议处理中', en: 'Objection in progress' } : null,
      // 已更正: the content shown is a corrected version (an objection upheld, or a platform error put right).
      corrected: r.content_version > 1,
      correctionLabel: r.content_version > 1 ? { zh: '已更正', en: 'Corrected' } : null,
      notes: r.notes.map((n) => ({ text: n.text, at: n.at })),
      publicityEndsAfter: r.publicity_ends_after,
    }));
  }
}

interface PublicRow {
  subject_code: string;
  subject_name: string;
  kind: string;
  severity: string;
  field: string;
  decision_number: string;
  decision_date: string;
  authority_code: string;
  authority_name: string | null;
  facts: string;
  legal_basis: string | null;
  status: PublicStatus;
  objection_marked: boolean;
  content_version: number;
  notes: RecordNote[];
  publicity_ends_after: string;
}

function toListItem(row: Record<string, unknown>): Record<string, unknown> {
  return {
    id: row.id,
    subject: { code: row.subject_code, type: row.subject_type, name: row.subject_name },
    kind: row.kind,
    severity: row.severity,
    field: row.field,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    authorityCode: row.authority_code,
    publicStatus: row.status,
    publicStatusLabel: STATUS_LABELS[row.status as PublicStatus],
    objectionMarked: row.objection_marked,
    ruleSet: row.rule_set_code,
    repairableFrom: row.repairable_from,
    publicityEndsAfter: row.publicity_ends_after,
    version: row.version,
    registeredAt: (row.registered_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}
