import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { REPAIR_APPLICATION, repairDecisionDocument, type RepairContext } from '@credence/credit-repair';
import { renderDecisionPdf, type DecisionDocument } from '@credence/documents';
import { noticeOfLoaded, OBJECTION, type ObjectionContext } from '@credence/objections';
import { beijingDateOf, Env, type Sql } from '@credence/shared';
import { CaseEngine, SYSTEM_ACTOR, type LoadedCase } from '@credence/workflow';
import type { DeliveryMessage, OutboxRow } from './outbox-row';

/** What happened, per topic, in the receiver's words (DOMAIN §3, §5; the objection codes follow the record). */
export const HAPPENED: Record<string, { code: string; label: { zh: string; en: string } }> = {
  'credit-repair.approved': {
    code: 'repaired',
    label: { zh: '信用修复完成，停止公示', en: 'Repaired: stop publishing' },
  },
  'credit-repair.revoked': {
    code: 're-published',
    label: { zh: '撤销信用修复，恢复公示', en: 'Repair revoked: publish again' },
  },
  'commitment.revoke-linked-decision': {
    code: 'commitment-broken',
    label: {
      zh: '违反信用承诺，撤销依承诺作出的决定',
      en: 'Commitment broken: revoke the decision relying on it',
    },
  },
  'objection.mark-set': {
    code: 'mark-set',
    label: { zh: '信用信息异议处理中，予以标注', en: 'Objection under way: mark the record' },
  },
  'objection.corrected': {
    code: 'corrected',
    label: { zh: '经异议处理，信用信息已更正', en: 'Corrected after an objection' },
  },
  'objection.removed': {
    code: 'removed',
    label: { zh: '经异议处理，信用信息已删除，停止公示', en: 'Removed after an objection: stop publishing' },
  },
  'objection.mark-cleared': {
    code: 'mark-cleared',
    label: { zh: '异议处理结束，取消异议标注', en: 'Objection ended: clear the mark' },
  },
  'grade.re-evaluation-requested': {
    code: 'grade-re-evaluation',
    label: { zh: '信用评价须重新评定', en: 'The credit grade is to be re-evaluated' },
  },
  'audit.checkpoint': {
    code: 'checkpoint-sealed',
    label: { zh: '审计账本检查点已签署', en: 'An audit ledger checkpoint was signed' },
  },
};

interface CaseFacts {
  type: string;
  subject_code: string;
  subject_name: string;
  authority_code: string;
  authority_name: string | null;
}

/** A decision document as the download and the message's hash give it. */
export interface DecisionFile {
  pdf: Buffer;
  sha256: string;
  fileName: string;
}

/** What a decided case adds to its message: the case number, the record it concerns and the decision in force. */
interface DecisionFacts {
  caseNumber: string | null | undefined;
  record: RecordFacts | null;
  decision: {
    documentNumber: string;
    made: { at: string; legalBasis: string | null; reasons: string[] };
    /** The SHA-256 of the decision's document; null when it has none to download. */
    sha256: string | null;
  } | null;
}

interface RecordFacts {
  id: string;
  decision_number: string;
  decision_date: string;
  kind: string;
  severity: string;
  field: string;
  subject_code: string;
  subject_name: string;
  authority_code: string;
  authority_name: string | null;
}

/**
 * Composes the message of an outbox row once, at its first claim; the relay stores it, so every retry sends the
 * same body under the same id. A decision's document is rendered as it stood at the decision (the case folded up to
 * the row's instant), and its SHA-256 is what the applicant's download of that decision gives.
 */
@Injectable()
export class DeliveryMessages {
  constructor(
    private readonly engine: CaseEngine,
    private readonly env: Env,
  ) {}

  async compose(row: OutboxRow, sql: Sql): Promise<DeliveryMessage> {
    const happened = HAPPENED[row.topic] ?? {
      code: row.topic,
      label: { zh: row.topic, en: row.topic },
    };
    const caseFacts = row.case_id ? await this.caseFacts(row.case_id, sql) : null;
    const payload = row.payload;
    const base: DeliveryMessage = {
      messageId: row.id,
      topic: row.topic,
      platform: row.platform_code ?? '',
      happened,
      occurredAt: row.created_at.toISOString(),
      date: beijingDateOf(row.created_at),
      case: caseFacts ? { id: row.case_id!, type: caseFacts.type, number: caseNumberIn(payload) } : null,
      subject: caseFacts ? { code: caseFacts.subject_code, name: caseFacts.subject_name } : null,
      authority: caseFacts ? { code: caseFacts.authority_code, name: caseFacts.authority_name } : null,
      record: null,
      decision: null,
      details: payload,
    };
    if (caseFacts?.type === REPAIR_APPLICATION && row.topic.startsWith('credit-repair.'))
      return this.withRepairDecision(base, row, sql);
    if (caseFacts?.type === OBJECTION && row.topic.startsWith('objection.'))
      return this.withObjectionDecision(base, row, sql);
    return base;
  }

  /** The decision document a message links to, as it stood at the message's decision; null when it has none. */
  async document(row: OutboxRow, sql: Sql): Promise<DecisionFile | null> {
    if (row.case_id && row.topic.startsWith('objection.')) {
      const notice = await this.objectionNoticeAt(row, sql);
      if (!notice) return null;
      const pdf = await renderDecisionPdf(notice);
      return { pdf, sha256: sha256Of(pdf), fileName: `${notice.title.zh}-${notice.documentNumber}.pdf` };
    }
    if (!row.case_id || !row.topic.startsWith('credit-repair.')) return null;
    const context = await this.repairContextAt(row, sql);
    if (!context) return null;
    const document = repairDecisionDocument(context);
    const pdf = await renderDecisionPdf(document);
    return { pdf, sha256: sha256Of(pdf), fileName: `${document.documentNumber}-${document.title.zh}.pdf` };
  }

  private async withRepairDecision(
    base: DeliveryMessage,
    row: OutboxRow,
    sql: Sql,
  ): Promise<DeliveryMessage> {
    const context = await this.repairContextAt(row, sql);
    const decision = context ? (context.revocation ?? context.decision) : null;
    const record = context?.record ? await this.recordFacts(context.record.id, sql) : null;
    const document = await this.document(row, sql);
    return this.withDecision(base, row, {
      caseNumber: context?.caseNumber,
      record,
      decision:
        decision && context
          ? {
              documentNumber: context.caseNumber ?? context.caseId,
              made: decision,
              sha256: document?.sha256 ?? null,
            }
          : null,
    });
  }

  /**
   * An objection's message: the record as its finding authority registered it, and — once answered — the answer or
   * appeal decision in force when the row was written, with the notice (告知书) the subject received. The mark set at
   * acceptance and a withdrawal carry no decision.
   */
  private async withObjectionDecision(
    base: DeliveryMessage,
    row: OutboxRow,
    sql: Sql,
  ): Promise<DeliveryMessage> {
    const loaded = await this.objectionAt(row, sql);
    const context = loaded?.snapshot.context as ObjectionContext | undefined;
    const record = context?.record ? await this.recordFacts(context.record.id, sql) : null;
    const withdrawn = row.payload.outcome === 'withdrawn';
    const decided = row.topic !== 'objection.mark-set' && !withdrawn;
    const answer = decided ? (context?.appealDecision ?? context?.answer ?? null) : null;
    const notice = answer && loaded ? noticeOfLoaded(loaded) : null;
    const pdf = notice ? await renderDecisionPdf(notice) : null;
    return this.withDecision(base, row, {
      caseNumber: context?.caseNumber,
      record,
      decision:
        answer && context
          ? {
              documentNumber: notice?.documentNumber ?? context.caseNumber ?? context.caseId,
              made: answer,
              sha256: pdf ? sha256Of(pdf) : null,
            }
          : null,
    });
  }

  /**
   * The part both decided case types add to the base message. The record's subject and finding authority replace the
   * case's: an application or objection concerns that same subject, but the case's authority is the deciding one.
   */
  private withDecision(base: DeliveryMessage, row: OutboxRow, facts: DecisionFacts): DeliveryMessage {
    const { record, decision } = facts;
    return {
      ...base,
      case: base.case ? { ...base.case, number: facts.caseNumber ?? base.case.number } : null,
      subject: record ? { code: record.subject_code, name: record.subject_name } : base.subject,
      authority: record ? { code: record.authority_code, name: record.authority_name } : base.authority,
      record: record
        ? {
            id: record.id,
            decisionNumber: record.decision_number,
            decisionDate: record.decision_date,
            kind: record.kind,
            severity: record.severity,
            field: record.field,
          }
        : null,
      decision: decision
        ? {
            documentNumber: decision.documentNumber,
            date: beijingDateOf(new Date(decision.made.at)),
            legalBasis: decision.made.legalBasis,
            reasons: decision.made.reasons,
            document: decision.sha256
              ? {
                  sha256: decision.sha256,
                  url: `${this.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/v1/deliveries/${row.id}/document`,
                }
              : null,
          }
        : null,
    };
  }

  /** The objection folded up to the row's instant: its answer and notice as they were then. */
  private async objectionAt(row: OutboxRow, sql: Sql): Promise<LoadedCase | null> {
    return this.engine
      .load(OBJECTION, row.case_id!, SYSTEM_ACTOR, { until: row.created_at }, sql)
      .catch(() => null);
  }

  private async objectionNoticeAt(row: OutboxRow, sql: Sql): Promise<DecisionDocument | null> {
    if (row.topic === 'objection.mark-set' || row.payload.outcome === 'withdrawn') return null;
    const loaded = await this.objectionAt(row, sql);
    return loaded ? noticeOfLoaded(loaded) : null;
  }

  /** The application as it was when the row was written: an approval's message keeps the approval's document. */
  private async repairContextAt(row: OutboxRow, sql: Sql): Promise<RepairContext | null> {
    const loaded = await this.engine
      .load(REPAIR_APPLICATION, row.case_id!, SYSTEM_ACTOR, { until: row.created_at }, sql)
      .catch(() => null);
    const context = loaded?.snapshot.context as RepairContext | undefined;
    if (!context?.decision) return null;
    return row.topic === 'credit-repair.approved' ? { ...context, revocation: null } : context;
  }

  private async caseFacts(caseId: string, sql: Sql): Promise<CaseFacts | null> {
    const { rows } = await sql.query<CaseFacts>(
      `SELECT c.type, c.subject_code, c.subject_name, c.authority_code, a.name_zh AS authority_name
         FROM cases c LEFT JOIN authorities a ON a.code = c.authority_code WHERE c.id = $1`,
      [caseId],
    );
    return rows[0] ?? null;
  }

  private async recordFacts(recordId: string, sql: Sql): Promise<RecordFacts | null> {
    const { rows } = await sql.query<RecordFacts>(
      `SELECT r.id::text, r.decision_number, to_char(r.decision_date, 'YYYY-MM-DD') AS decision_date, r.kind,
              r.severity, r.field, r.subject_code, r.subject_name, r.authority_code, a.name_zh AS authority_name
         FROM credit_records r LEFT JOIN authorities a ON a.code = r.authority_code WHERE r.id = $1`,
      [recordId],
    );
    return rows[0] ?? null;
  }
}

function sha256Of(pdf: Buffer): string {
  return createHash('sha256').update(pdf).digest('hex');
}

/** The case number a writer put in the payload, under any of the names the workflows use. */
function caseNumberIn(payload: Record<string, unknown>): string | null {
  for (const key of ['caseNumber', 'commitmentCaseNumber']) {
    const value = payload[key];
    if (typeof value === 'string') return value;
  }
  const commitment = payload.commitment as { caseNumber?: unknown } | undefined;
  return typeof commitment?.caseNumber === 'string' ? commitment.caseNumber : null;
}
