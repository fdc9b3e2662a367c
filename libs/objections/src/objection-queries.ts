import { Injectable } from '@nestjs/common';
import { Clock, Database, SqlWhere } from '@credence/shared';
import { DecisionTrails, type DecisionTrail } from '@credence/audit';
import { STATUS_LABELS, type PublicStatus } from '@credence/credit-records';
import { decisionContentDigest, renderDecisionPdf, type DecisionDocument } from '@credence/documents';
import { visibilityFilter, type ActorScope } from '@credence/identity';
import {
  CaseEngine,
  CaseViews,
  type CaseView,
  type LoadedCase,
  type WorkflowActor,
} from '@credence/workflow';
import {
  GROUND_LABELS,
  OUTCOME_LABELS,
  type ObjectionContext,
  type ObjectionGround,
} from './domain/objection';
import { OBJECTION } from './objection.case-type';
import { NoNoticeYetError } from './objection.errors';
import { appealWindowFirstDue, objectionNotice } from './objection-notice';

/** The record objected to, as it stands now. */
export interface RecordNow {
  id: string;
  decisionNumber: string;
  kind: string;
  facts: string;
  legalBasis: string | null;
  subjectName: string;
  publicStatus: PublicStatus;
  publicStatusLabel: { zh: string; en: string };
  objectionMarked: boolean;
  contentVersion: number;
}

export interface ObjectionView extends CaseView {
  caseNumber: string;
  /** The record objected to, now (its status, mark and content version). */
  recordNow: RecordNow | null;
  /** The appeal window: when it closes, and whether an appeal is still possible. */
  appealWindow: { closesOn: string | null; closesAt: string | null; open: boolean } | null;
  /** The notice of the latest answer, when there is one. */
  notice: { kind: string; title: { zh: string; en: string }; href: string } | null;
  /** Every step with who, when, why and under what (DecisionTrails). */
  trail: DecisionTrail;
}

export const OBJECTION_STAGES = [
  'admission',
  'verification',
  'answered',
  'appeal',
  'notAccepted',
  'withdrawn',
  'lapsed',
  'closed',
  'appealDecided',
] as const;
export type ObjectionStage = (typeof OBJECTION_STAGES)[number];

export interface ObjectionFilter {
  state?: ObjectionStage;
  ground?: ObjectionGround;
  recordId?: string;
  subjectCode?: string;
  open?: boolean;
  /** Cases whose nearest running deadline is due soon or past. */
  due?: 'soon' | 'overdue';
  page: number;
  pageSize: number;
}

interface ListRow {
  id: string;
  case_number: string;
  record_id: string;
  record_decision_number: string;
  subject_code: string;
  subject_name: string;
  finding_authority_code: string;
  authority_code: string;
  ground: ObjectionGround;
  state: string;
  state_label_zh: string;
  state_label_en: string;
  open: boolean;
  outcome: keyof typeof OUTCOME_LABELS | null;
  appealed: boolean;
  appeal_decision: string | null;
  filed_at: Date;
  answered_at: Date | null;
  closed_at: Date | null;
  version: number;
  due_at: Date | null;
  due_soon_at: Date | null;
  due_clock: string | null;
  total: string;
}

@Injectable()
export class ObjectionQueries {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly engine: CaseEngine,
    private readonly views: CaseViews,
    private readonly trails: DecisionTrails,
  ) {}

  async get(id: string, actor: WorkflowActor): Promise<ObjectionView> {
    return this.viewOf(await this.engine.load(OBJECTION, id, actor), actor);
  }

  async viewOf(loaded: LoadedCase, actor: WorkflowActor): Promise<ObjectionView> {
    const context = loaded.snapshot.context as ObjectionContext;
    const [view, trail, recordNow] = await Promise.all([
      this.views.of(loaded, actor),
      this.trails.trailOfLoaded(loaded),
      this.recordNow(context.record?.id ?? null),
    ]);
    const window = loaded.clocks.get('appealWindow') ?? null;
    const notice = objectionNotice(context, appealWindowFirstDue(loaded));
    return {
      ...view,
      caseNumber: context.caseNumber ?? '',
      recordNow,
      appealWindow: window
        ? {
            closesOn: window.dueDate,
            closesAt: window.dueAt,
            open:
              window.status === 'running' &&
              window.dueAt !== null &&
              this.clock.now().toISOString() < window.dueAt,
          }
        : null,
      notice: notice
        ? { kind: notice.kind, title: notice.title, href: `/api/v1/objections/${loaded.caseId}/notice.pdf` }
        : null,
      trail,
    };
  }

  /** The notice of the latest answer as a PDF (404 while there is none), with the digest of its content. */
  async notice(
    id: string,
    actor: WorkflowActor,
  ): Promise<{ pdf: Buffer; document: DecisionDocument; digest: string; fileName: string }> {
    const loaded = await this.engine.load(OBJECTION, id, actor);
    const document = objectionNotice(
      loaded.snapshot.context as ObjectionContext,
      appealWindowFirstDue(loaded),
    );
    if (!document) throw new NoNoticeYetError();
    return {
      pdf: await renderDecisionPdf(document),
      document,
      digest: decisionContentDigest(document),
      fileName: `${document.title.zh}-${document.documentNumber}.pdf`,
    };
  }

  /** Objections the actor may see (applicants: their subject's; staff: their authority's; auditors: their subtree). */
  async list(
    filter: ObjectionFilter,
    actor: ActorScope,
  ): Promise<{ items: Record<string, unknown>[]; total: number; page: number; pageSize: number }> {
    const where = new SqlWhere();
    if (filter.state) where.add('o.state = ?', filter.state);
    if (filter.ground) where.add('o.ground = ?', filter.ground);
    if (filter.recordId) where.add('o.record_id = ?::uuid', filter.recordId);
    if (filter.subjectCode) where.add('o.subject_code = ?', filter.subjectCode);
    if (filter.open !== undefined) where.add('o.open = ?', filter.open);
    // Read against now from the stored instants, like the work queues (not from the worker's flags).
    if (filter.due === 'overdue') where.add('k.due_at <= ?::timestamptz', this.clock.now());
    if (filter.due === 'soon')
      where.add('k.due_soon_at <= ?::timestamptz AND k.due_at > ?::timestamptz', this.clock.now());
    where.raw(visibilityFilter(actor, 'o', where.params.length));
    const { rows } = await this.db.query<ListRow>(
      `SELECT o.id, o.case_number, o.record_id, o.record_decision_number, o.subject_code, o.subject_name,
              o.finding_authority_code, o.authority_code, o.ground, o.state, o.state_label_zh, o.state_label_en, o.open,
              o.outcome, o.appealed, o.appeal_decision, o.filed_at, o.answered_at, o.closed_at, o.version,
              k.due_at, k.due_soon_at, k.name AS due_clock, count(*) OVER () AS total
         FROM objections o
         LEFT JOIN LATERAL (SELECT name, due_at, due_soon_at FROM case_clocks
                             WHERE case_id = o.id AND status = 'running' ORDER BY due_at LIMIT 1) k ON true
        WHERE ${where.sql}
        ORDER BY o.open DESC, k.due_at NULLS LAST, o.filed_at DESC, o.id
        LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      where.params,
    );
    const now = this.clock.now();
    return {
      items: rows.map((r) => ({
        id: r.id,
        caseNumber: r.case_number,
        recordId: r.record_id,
        recordDecisionNumber: r.record_decision_number,
        subject: { code: r.subject_code, name: r.subject_name },
        findingAuthorityCode: r.finding_authority_code,
        authorityCode: r.authority_code,
        ground: r.ground,
        groundLabel: GROUND_LABELS[r.ground],
        state: r.state,
        stateLabel: { zh: r.state_label_zh, en: r.state_label_en },
        open: r.open,
        outcome: r.outcome,
        outcomeLabel: r.outcome ? OUTCOME_LABELS[r.outcome] : null,
        appealed: r.appealed,
        appealDecision: r.appeal_decision,
        filedAt: r.filed_at.toISOString(),
        answeredAt: r.answered_at?.toISOString() ?? null,
        closedAt: r.closed_at?.toISOString() ?? null,
        version: r.version,
        due: r.due_at
          ? {
              clock: r.due_clock,
              dueAt: r.due_at.toISOString(),
              overdue: r.due_at <= now,
              dueSoon: r.due_soon_at !== null && r.due_soon_at <= now && r.due_at > now,
            }
          : null,
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  private async recordNow(id: string | null): Promise<RecordNow | null> {
    if (!id) return null;
    const { rows } = await this.db.query<{
      decision_number: string;
      kind: string;
      facts: string;
      legal_basis: string | null;
      subject_name: string;
      status: PublicStatus;
      objection_marked: boolean;
      content_version: number;
    }>(
      `SELECT decision_number, kind, facts, legal_basis, subject_name, status, objection_marked, content_version
         FROM credit_records WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id,
      decisionNumber: r.decision_number,
      kind: r.kind,
      facts: r.facts,
      legalBasis: r.legal_basis,
      subjectName: r.subject_name,
      publicStatus: r.status,
      publicStatusLabel: STATUS_LABELS[r.status],
      objectionMarked: r.objection_marked,
      contentVersion: r.content_version,
    };
  }
}
