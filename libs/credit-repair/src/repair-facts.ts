import { PolicyService } from '@credence/identity';
import { Injectable } from '@nestjs/common';
import { addCalendarMonths, beijingDateOf, Clock, Database, NotFoundError } from '@credence/shared';
import { AuthorityPolicies, type AppliedPolicy } from '@credence/authority-policies';
import type { PublicStatus, RecordKind, Severity } from '@credence/credit-records';
import { FileStore } from '@credence/materials';
import type { WorkflowActor } from '@credence/workflow';
import { eligibilityRefusals, type EligibilityRefusal } from './domain/eligibility';
import type {
  AttachedMaterial,
  MaterialCategory,
  RecordSummary,
  RevocationGround,
} from './domain/repair-application';

interface RecordRow {
  id: string;
  subject_code: string;
  subject_type: string;
  subject_name: string;
  kind: RecordKind;
  severity: Severity;
  field: string;
  decision_number: string;
  decision_date: string;
  authority_code: string;
  authority_path: string;
  authority_name: string;
  repairable_from: string;
  rule_set_code: string | null;
  status: PublicStatus;
}

/**
 * The conditions of the subject's earlier applications, in one round trip: another open application for the record
 * (other than `$2`), the latest ban after a revocation, and the approved repairs in order (for the repeat limits).
 */
const CONDITIONS_SQL = `
SELECT (SELECT json_build_object('id', id::text, 'caseNumber', case_number) FROM repair_applications
          WHERE record_id = $1::uuid AND open AND ($2::uuid IS NULL OR id <> $2::uuid) LIMIT 1) AS open,
       (SELECT json_build_object('until', to_char(ban_until, 'YYYY-MM-DD'), 'caseNumber', case_number)
          FROM repair_applications WHERE subject_code = $3 AND outcome = 'revoked' AND ban_until IS NOT NULL
          ORDER BY ban_until DESC LIMIT 1) AS ban,
       (SELECT COALESCE(json_agg(json_build_object(
                 'decidedOn', to_char(decided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), 'kind', record_kind)
                 ORDER BY decided_at), '[]')
          FROM repair_applications WHERE subject_code = $3 AND outcome = 'approved') AS approvals`;

interface ConditionsRow {
  open: { id: string; caseNumber: string | null } | null;
  ban: { until: string; caseNumber: string | null } | null;
  approvals: { decidedOn: string; kind: RecordKind }[];
}

/** The record as an application quotes it, with its current public status for the eligibility rules. */
export interface RecordFacts {
  summary: RecordSummary;
  status: PublicStatus;
}

/**
 * The facts a repair decision needs from outside its own stream — the record, past applications, the authority's
 * settings, the applicant's files, declared relations — read here so that the machine can stay pure. What was read
 * goes into the event, so an auditor sees the facts the decision stood on.
 */
@Injectable()
export class RepairFacts {
  constructor(
    private readonly related: PolicyService,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly policies: AuthorityPolicies,
    private readonly files: FileStore,
  ) {}

  today(): string {
    return beijingDateOf(this.clock.now());
  }

  /** The subject's own record; anyone else's is reported as absent (404), never as forbidden. */
  async recordOfApplicant(recordId: string, actor: WorkflowActor): Promise<RecordFacts> {
    const record = await this.record(recordId);
    if (!record || actor.role !== 'applicant' || record.summary.subject.code !== actor.subjectCode)
      throw new NotFoundError({ zh: '信用记录', en: 'Credit record' }, { recordId });
    return record;
  }

  async record(recordId: string): Promise<RecordFacts | null> {
    const { rows } = await this.db.query<RecordRow>(
      `SELECT r.id::text, r.subject_code, r.subject_type, r.subject_name, r.kind, r.severity, r.field, r.decision_number,
              to_char(r.decision_date, 'YYYY-MM-DD') AS decision_date, r.authority_code, r.authority_path,
              COALESCE(a.name_zh, r.authority_code) AS authority_name,
              to_char(r.repairable_from, 'YYYY-MM-DD') AS repairable_from, r.rule_set_code, r.status
         FROM credit_records r LEFT JOIN authorities a ON a.code = r.authority_code
        WHERE r.id = $1::uuid`,
      [recordId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      status: row.status,
      summary: {
        id: row.id,
        decisionNumber: row.decision_number,
        decisionDate: row.decision_date,
        kind: row.kind,
        severity: row.severity,
        field: row.field,
        authorityCode: row.authority_code,
        authorityPath: row.authority_path,
        authorityName: row.authority_name,
        subject: { type: row.subject_type as never, code: row.subject_code, name: row.subject_name },
        repairableFrom: row.repairable_from,
        ruleSet: row.rule_set_code,
      },
    };
  }

  /** Every unmet condition to apply, with the facts checked (recorded in the event when none is unmet). */
  async eligibility(
    record: RecordFacts,
    exceptCaseId: string | null,
  ): Promise<{ refusals: EligibilityRefusal[]; checked: Record<string, unknown> }> {
    const today = this.today();
    const subject = record.summary.subject.code;
    const [{ rows }, repeat] = await Promise.all([
      this.db.query<ConditionsRow>(CONDITIONS_SQL, [record.summary.id, exceptCaseId, subject]),
      this.policies.get('repair.repeat-limits', record.summary.authorityPath, today),
    ]);
    const { open, ban, approvals } = rows[0];
    const refusals = eligibilityRefusals({
      today,
      record: {
        status: record.status,
        kind: record.summary.kind,
        repairableFrom: record.summary.repairableFrom,
      },
      openApplication: open,
      ban,
      repeatLimits: repeat.value,
      approvals,
    });
    return {
      refusals,
      checked: {
        on: today,
        recordStatus: record.status,
        repairableFrom: record.summary.repairableFrom,
        repeatLimits: applied(repeat),
      },
    };
  }

  /** The applicant's files as the case records them: each with the digest of its bytes. */
  async materials(
    attached: { fileId: string; category: MaterialCategory }[],
    actor: WorkflowActor,
  ): Promise<AttachedMaterial[]> {
    const files = await this.files.attach(
      attached.map((a) => a.fileId),
      actor,
      this.clock.now(),
    );
    return files.map((file, i) => ({ ...file, category: attached[i].category }));
  }

  /** 回避: has the staff member declared a relation to the subject? */
  isRelated(accountId: string, subjectCode: string): Promise<boolean> {
    return this.related.isRelated(accountId, subjectCode);
  }

  /**
   * What a revocation (撤销修复) records: its ground and reasons, and the ban on new applications counted from the
   * revocation (`repair.revocation-ban-months`, default 36, with the setting row it came from).
   */
  async revocation(
    authorityPath: string,
    input: { ground: RevocationGround; reasons: string[]; legalBasis: string | null | undefined },
  ): Promise<Record<string, unknown>> {
    const ban = await this.policy('repair.revocation-ban-months', authorityPath);
    return {
      ground: input.ground,
      reasons: input.reasons,
      legalBasis: input.legalBasis,
      outcome: 'revoked',
      banMonths: ban.value,
      banUntil: ban.value > 0 ? addCalendarMonths(this.today(), ban.value) : null,
      banPolicy: applied(ban),
    };
  }

  policy<K extends 'repair.four-eyes' | 'repair.revocation-ban-months' | 'repair.downstream-platforms'>(
    key: K,
    authorityPath: string,
  ): Promise<AppliedPolicy<K>> {
    return this.policies.get(key, authorityPath, this.today());
  }
}

/** A policy as recorded in an event: its value and the setting row it came from. */
export function applied(policy: AppliedPolicy): Record<string, unknown> {
  return {
    key: policy.key,
    value: policy.value,
    settingId: policy.settingId,
    authorityCode: policy.authorityCode,
    effectiveFrom: policy.effectiveFrom,
  };
}
