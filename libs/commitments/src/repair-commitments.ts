import { Injectable } from '@nestjs/common';
import type { RecordField } from '@credence/credit-records';
import { Database, type Sql } from '@credence/shared';
import type { ReactionCommand, RequestOrigin, WorkflowActor } from '@credence/workflow';
import { COMMITMENT } from './commitment.case-type';
import { CommitmentFacts } from './commitment-facts';
import type { LapseReason } from './domain/commitment';
import type { CommitmentContext } from './domain/commitment.machine';
import { CommitmentSigner } from './sign-commitment';

/** The matter a repair commitment is made for: the key of its check period in `commitment.check-days`. */
export const REPAIR_MATTER = '信用修复';

/** A repair commitment as its application records it when signed: the case, and what the applicant promised. */
export interface SignedRepairCommitment {
  caseId: string;
  caseNumber: string;
  content: string;
  consentToPublish: boolean;
  signedAt: string;
}

export interface RepairCommitmentInput {
  repairCaseId: string;
  /** The record the application is about: the commitment is made to its finding authority (谁认定、谁修复). */
  record: { authorityCode: string; field: string; decisionNumber: string };
  /** The applicant's own words (信用修复承诺书), added to the standard promises of a repair commitment. */
  content: string;
  consentToPublish: boolean;
}

/**
 * The repair link (DOMAIN §3, §5): the repair workflow makes its applicant's commitment a commitment case of type
 * `repair`, linked to the application, in the application's own transaction; on the application's decision the
 * commitment takes effect (approved) or lapses (any other end). Its breach asks for the repair to be revoked
 * (`LinkedDecisionRevocationRequested`), which the repair workflow carries out.
 */
@Injectable()
export class RepairCommitments {
  constructor(
    private readonly signer: CommitmentSigner,
    private readonly facts: CommitmentFacts,
    private readonly db: Database,
  ) {}

  async sign(
    input: RepairCommitmentInput,
    actor: WorkflowActor,
    origin: RequestOrigin,
    tx: Sql,
  ): Promise<SignedRepairCommitment> {
    const signed = await this.signer.sign(
      {
        type: 'repair',
        authorityCode: input.record.authorityCode,
        matter: REPAIR_MATTER,
        field: input.record.field as RecordField, // a registered record's field is one of the registry's
        specificPromises: [input.content],
        linked: {
          kind: 'repair_application',
          reference: input.repairCaseId,
          description: `信用修复申请（${input.record.decisionNumber}）`,
        },
        consentToPublish: input.consentToPublish,
      },
      actor,
      origin,
      tx,
    );
    return {
      caseId: signed.caseId,
      caseNumber: (signed.snapshot.context as CommitmentContext).caseNumber!,
      content: input.content,
      consentToPublish: input.consentToPublish,
      signedAt: this.facts.today(),
    };
  }

  /** Where the commitment stands: `published` is the only state an application may be submitted with. */
  async stateOf(caseId: string): Promise<{ state: string; label: { zh: string; en: string } } | null> {
    const { rows } = await this.db.query<{ state: string; state_label_zh: string; state_label_en: string }>(
      'SELECT state, state_label_zh, state_label_en FROM commitments WHERE id = $1::uuid',
      [caseId],
    );
    return rows[0]
      ? { state: rows[0].state, label: { zh: rows[0].state_label_zh, en: rows[0].state_label_en } }
      : null;
  }

  /** The repair is approved: the commitment is relied on from the approval's date, its check falling due from it. */
  async takeEffect(
    commitmentCaseId: string,
    authorityPath: string,
    approvedOn: string,
    repair: { caseId: string; caseNumber: string | null },
  ): Promise<ReactionCommand> {
    const due = await this.facts.checkDue('repair', null, authorityPath, REPAIR_MATTER, approvedOn);
    return {
      caseType: COMMITMENT,
      caseId: commitmentCaseId,
      eventType: 'CommitmentTookEffect',
      data: {
        ...due,
        opinion: `信用修复申请${repair.caseNumber ?? ''}准予修复，承诺生效`,
        repairCaseId: repair.caseId,
        outcome: 'in_force',
      },
    };
  }

  /** The application ended without approval, or the draft's commitment was replaced: nothing relied on it. */
  lapse(commitmentCaseId: string, reason: LapseReason, repairCaseId: string): ReactionCommand {
    return {
      caseType: COMMITMENT,
      caseId: commitmentCaseId,
      eventType: 'CommitmentLapsed',
      data: { reason, repairCaseId, outcome: 'lapsed' },
    };
  }
}
