import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordField } from '@credence/credit-records';
import { Clock, type Sql, uuidv7 } from '@credence/shared';
import {
  CaseEngine,
  CaseNumbers,
  type LoadedCase,
  type RequestOrigin,
  type WorkflowActor,
} from '@credence/workflow';
import { COMMITMENT, COMMITMENT_ACTIONS } from './commitment.case-type';
import { checkLink, linkedOf, STAFF } from './commitment-command-rules';
import {
  CommitmentContentError,
  FastTrackNotAllowedError,
  NotYourAuthorityError,
  OwnSubjectOnlyError,
  RelatedStaffError,
} from './commitment.errors';
import { CommitmentFacts, fastTrackEvidence } from './commitment-facts';
import {
  defaultPromises,
  isFastTrack,
  PUBLICATION_REQUIRED,
  STANDARD_PROMISE_CODES,
  STANDARD_PROMISES,
  type CommitmentAuthority,
  type CommitmentSubject,
  type CommitmentType,
  type LinkKind,
  type PromiseItem,
  type StandardPromise,
} from './domain/commitment';

export interface LinkedDecisionInput {
  kind: LinkKind;
  reference: string;
  description?: string | null;
}

export interface SignCommitmentInput {
  type: CommitmentType;
  /** The authority the commitment is made to: applicants name it; staff record for their own. */
  authorityCode?: string;
  /** Staff recording a signed letter name the subject; an applicant signs for its own. */
  subject?: CommitmentSubject;
  matter?: string | null;
  field?: RecordField;
  /** Standard promises made (`defaultPromises(type)` when omitted). */
  standardPromises?: StandardPromise[];
  /** Matter-specific promises, in the subject's words. */
  specificPromises?: string[];
  /** 容缺: the materials promised and the date they are due. */
  promisedMaterials?: string[];
  promisedBy?: string | null;
  linked?: LinkedDecisionInput | null;
  consentToPublish: boolean;
}

export class SignCommitmentCommand extends Command<LoadedCase> {
  constructor(
    readonly input: SignCommitmentInput,
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/**
 * Signs a commitment: the subject for itself, or staff of the authority recording a signed letter. Checks the
 * content rules of its type, and for 告知承诺 and 容缺 that the subject may use the track (coded 422 naming every
 * reason); numbers it (CN-<authority>-<year>-<serial>) and records the grade snapshot it was decided on. In the
 * caller's transaction when given one (a repair application and its commitment are made together).
 */
@Injectable()
export class CommitmentSigner {
  constructor(
    private readonly engine: CaseEngine,
    private readonly facts: CommitmentFacts,
    private readonly numbers: CaseNumbers,
    private readonly clock: Clock,
  ) {}

  async sign(
    input: SignCommitmentInput,
    actor: WorkflowActor,
    origin: RequestOrigin,
    tx?: Sql,
  ): Promise<LoadedCase> {
    const [subject, authority] = await Promise.all([
      this.subject(input, actor),
      this.authority(input, actor),
    ]);
    if (STAFF.has(actor.role) && (await this.facts.isRelated(actor.id, subject.code)))
      throw new RelatedStaffError(subject.code);
    const matter = input.matter?.trim() || null;
    this.checkContent(input, matter);
    // A repair commitment is signed by the repair workflow for the application it is creating in `tx` (the API
    // refuses the type); any other link to a repair application names one the caller must own.
    if (input.linked?.kind === 'repair_application' && input.type !== 'repair')
      await this.facts.requireOwnApplication(input.linked.reference.trim(), subject, authority, tx);
    let evidence: Record<string, unknown> = {};
    if (isFastTrack(input.type)) {
      const decision = await this.facts.fastTrack(subject.code, authority, matter);
      const track = decision.answer.tracks[input.type];
      if (!track.allowed)
        throw new FastTrackNotAllowedError(input.type, track.reasons, decision.answer.snapshot);
      evidence = fastTrackEvidence(decision, input.type);
    }
    const year = Number(this.facts.today().slice(0, 4));
    return this.engine.execute(
      {
        caseType: COMMITMENT,
        caseId: uuidv7(this.clock.now()),
        eventType: COMMITMENT_ACTIONS.sign,
        create: true,
        data: {
          // Taken outside the caller's transaction: holding the counter's row lock would serialise every filing.
          caseNumber: await this.numbers.next('CN', authority.code, year),
          type: input.type,
          subject,
          authority,
          matter,
          field: input.field ?? 'other',
          items: itemsOf(input),
          promisedMaterials:
            input.type === 'missing_materials' ? input.promisedMaterials!.map((m) => m.trim()) : [],
          promisedBy: input.type === 'missing_materials' ? input.promisedBy : null,
          linked: linkedOf(input.linked),
          consentToPublish: input.consentToPublish,
          ...evidence,
          outcome: 'signed',
        },
        actor,
        origin,
      },
      tx,
    );
  }

  private async subject(input: SignCommitmentInput, actor: WorkflowActor): Promise<CommitmentSubject> {
    if (actor.role === 'applicant') {
      if (input.subject && input.subject.code !== actor.subjectCode) throw new OwnSubjectOnlyError();
      return this.facts.subjectOf(actor);
    }
    if (!input.subject)
      throw new CommitmentContentError(
        'SUBJECT_REQUIRED',
        '登记信用承诺须注明承诺主体',
        'Name the subject whose signed commitment you record',
      );
    return { type: input.subject.type, code: input.subject.code, name: input.subject.name.trim() };
  }

  private async authority(input: SignCommitmentInput, actor: WorkflowActor): Promise<CommitmentAuthority> {
    if (STAFF.has(actor.role)) {
      if (input.authorityCode && input.authorityCode !== actor.authorityCode)
        throw new NotYourAuthorityError(input.authorityCode);
      return this.facts.authority(actor.authorityCode!);
    }
    if (!input.authorityCode)
      throw new CommitmentContentError(
        'AUTHORITY_REQUIRED',
        '请注明承诺所向的单位',
        'Name the authority the commitment is made to',
      );
    return this.facts.authority(input.authorityCode);
  }

  /** The rules of each type's content, each refusal coded (COMMITMENT.<RULE>, 422). */
  private checkContent(input: SignCommitmentInput, matter: string | null): void {
    const today = this.facts.today();
    if (isFastTrack(input.type) && matter === null)
      throw new CommitmentContentError(
        'MATTER_REQUIRED',
        '告知承诺与容缺受理须注明办理事项',
        'Approval substitution and acceptance with materials missing name the matter',
      );
    if (PUBLICATION_REQUIRED.includes(input.type) && !input.consentToPublish)
      throw new CommitmentContentError(
        'CONSENT_REQUIRED',
        '此类信用承诺应当公开作出，须同意公示',
        'This kind of commitment is public: consent to publication is required',
        { type: input.type },
      );
    if (input.type === 'missing_materials') {
      if (!input.promisedMaterials?.length || !input.promisedBy)
        throw new CommitmentContentError(
          'PROMISED_MATERIALS_REQUIRED',
          '容缺受理承诺须列明容缺材料及补交期限',
          'A 容缺 commitment names the missing materials and the date they are due',
        );
      if (input.promisedBy < today)
        throw new CommitmentContentError(
          'PROMISED_DATE_PASSED',
          `补交期限${input.promisedBy}已过`,
          `The promised date ${input.promisedBy} has passed`,
          { promisedBy: input.promisedBy, today },
        );
      if (new Set(input.promisedMaterials.map((m) => m.trim())).size !== input.promisedMaterials.length)
        throw new CommitmentContentError(
          'PROMISED_MATERIALS_REPEATED',
          '容缺材料名称重复',
          'A missing material is named twice',
        );
    } else if (input.promisedMaterials?.length || input.promisedBy) {
      throw new CommitmentContentError(
        'PROMISED_MATERIALS_NOT_APPLICABLE',
        '只有容缺受理承诺列明容缺材料和补交期限',
        'Only a 容缺 commitment names missing materials and a date',
      );
    }
    checkLink(input.type, input.linked);
    if (itemsOf(input).length === 0)
      throw new CommitmentContentError(
        'PROMISES_REQUIRED',
        '承诺内容不能为空',
        'A commitment promises something',
      );
  }
}

/**
 * Signs a commitment through the API. A repair commitment is made within its repair application (the repair
 * workflow signs it through `RepairCommitments`), so it is refused here with a pointer to the application.
 */
@CommandHandler(SignCommitmentCommand)
export class SignCommitmentHandler implements ICommandHandler<SignCommitmentCommand> {
  constructor(private readonly signer: CommitmentSigner) {}

  execute({ input, actor, origin }: SignCommitmentCommand): Promise<LoadedCase> {
    if (input.type === 'repair')
      throw new CommitmentContentError(
        'REPAIR_COMMITMENT_IN_APPLICATION',
        '信用修复承诺在信用修复申请中作出（POST /api/v1/repair-applications）',
        'A repair commitment is made within the repair application (POST /api/v1/repair-applications)',
      );
    return this.signer.sign(input, actor, origin);
  }
}

function itemsOf(input: SignCommitmentInput): PromiseItem[] {
  const standard = input.standardPromises ?? defaultPromises(input.type);
  return [
    ...STANDARD_PROMISE_CODES.filter((code) => standard.includes(code)).map((code) => ({
      code,
      text: STANDARD_PROMISES[code].zh,
    })),
    ...(input.specificPromises ?? []).map((text) => ({ code: 'specific' as const, text: text.trim() })),
  ];
}
