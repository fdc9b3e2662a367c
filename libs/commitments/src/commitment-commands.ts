import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordField } from '@credence/credit-records';
import { Clock, isUuid, uuidv7 } from '@credence/shared';
import {
  CaseEngine,
  CaseNumbers,
  type LoadedCase,
  type RequestOrigin,
  type WorkflowActor,
} from '@credence/workflow';
import { COMMITMENT, COMMITMENT_ACTIONS, type CommitmentAction } from './commitment.case-type';
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
  type BreachGround,
  type CheckMethod,
  type CommitmentAuthority,
  type CommitmentSubject,
  type CommitmentType,
  type LinkKind,
  type PromiseItem,
  type StandardPromise,
} from './domain/commitment';
import type { CommitmentContext } from './domain/commitment.machine';

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

/** What an action may carry; each action's request class at the edge says which fields it needs. */
export interface CommitmentActionInput {
  reason?: string;
  opinion?: string;
  linked?: LinkedDecisionInput;
  materials?: { fileId: string; item: string }[];
  method?: CheckMethod;
  description?: string;
  findings?: string;
  ground?: BreachGround;
  legalBasis?: string;
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

export class CommitmentActionCommand extends Command<LoadedCase> {
  constructor(
    readonly caseId: string,
    readonly action: CommitmentAction,
    readonly input: CommitmentActionInput,
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

const STAFF = new Set(['officer', 'senior_reviewer']);
const linkedOf = (input: LinkedDecisionInput | null | undefined) =>
  input
    ? { kind: input.kind, reference: input.reference.trim(), description: input.description?.trim() || null }
    : null;

/** A repair commitment links to a repair application (by its case id), nothing else. */
function checkLink(type: CommitmentType, linked: LinkedDecisionInput | null | undefined): void {
  if (!linked) return;
  if (type === 'repair' && linked.kind !== 'repair_application')
    throw new CommitmentContentError(
      'LINK_NOT_APPLICABLE',
      '信用修复承诺只能关联信用修复申请',
      'A repair commitment links to a repair application only',
    );
  if (linked.kind === 'repair_application' && !isUuid(linked.reference.trim()))
    throw new CommitmentContentError(
      'LINK_REFERENCE_INVALID',
      '关联的信用修复申请应以案件 id 标识',
      'A linked repair application is named by its case id',
    );
}

/**
 * Signs a commitment: the subject for itself, or staff of the authority recording a signed letter. Checks the
 * content rules of its type, and for 告知承诺 and 容缺 that the subject may use the track (coded 422 naming every
 * reason); numbers it (CN-<authority>-<year>-<serial>) and records the grade snapshot it was decided on.
 */
@CommandHandler(SignCommitmentCommand)
export class SignCommitmentHandler implements ICommandHandler<SignCommitmentCommand> {
  constructor(
    private readonly engine: CaseEngine,
    private readonly facts: CommitmentFacts,
    private readonly numbers: CaseNumbers,
    private readonly clock: Clock,
  ) {}

  async execute({ input, actor, origin }: SignCommitmentCommand): Promise<LoadedCase> {
    const subject = await this.subject(input, actor);
    const authority = await this.authority(input, actor);
    if (STAFF.has(actor.role) && (await this.facts.isRelated(actor.id, subject.code)))
      throw new RelatedStaffError(subject.code);
    const matter = input.matter?.trim() || null;
    this.checkContent(input, matter);
    let evidence: Record<string, unknown> = {};
    if (isFastTrack(input.type)) {
      const decision = await this.facts.fastTrack(subject.code, authority, matter);
      const track = decision.answer.tracks[input.type];
      if (!track.allowed)
        throw new FastTrackNotAllowedError(input.type, track.reasons, decision.answer.snapshot);
      evidence = fastTrackEvidence(decision, input.type);
    }
    const year = Number(this.facts.today().slice(0, 4));
    return this.engine.execute({
      caseType: COMMITMENT,
      caseId: uuidv7(this.clock.now()),
      eventType: COMMITMENT_ACTIONS.sign,
      create: true,
      data: {
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
    });
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

/**
 * Every action on a commitment: gathers the facts the action stands on (eligibility again when the authority relies
 * on a fast-track promise, the check period, the files' digests, 回避), then lets the engine decide. The facts are
 * computed on the version just read, so the command carries that version: a concurrent change makes it a 409.
 */
@CommandHandler(CommitmentActionCommand)
export class CommitmentActionHandler implements ICommandHandler<CommitmentActionCommand> {
  constructor(
    private readonly engine: CaseEngine,
    private readonly facts: CommitmentFacts,
  ) {}

  async execute(command: CommitmentActionCommand): Promise<LoadedCase> {
    const loaded = await this.engine.load(COMMITMENT, command.caseId, command.actor);
    const context = loaded.snapshot.context as CommitmentContext;
    if (
      STAFF.has(command.actor.role) &&
      (await this.facts.isRelated(command.actor.id, context.subject!.code))
    )
      throw new RelatedStaffError(context.subject!.code);
    // Facts are gathered only for an action the actor may take now; otherwise the engine says why not.
    const available = this.engine
      .availableActions(loaded, command.actor)
      .some((a) => a.action === command.action);
    return this.engine.execute({
      caseType: COMMITMENT,
      caseId: command.caseId,
      eventType: COMMITMENT_ACTIONS[command.action],
      data: available ? await this.dataFor(command, context) : {},
      actor: command.actor,
      origin: command.origin,
      expectedVersion: command.expectedVersion ?? loaded.version,
    });
  }

  private async dataFor(
    { action, input, actor }: CommitmentActionCommand,
    c: CommitmentContext,
  ): Promise<Record<string, unknown>> {
    switch (action) {
      case 'withdraw':
        return {
          reason: input.reason ?? null,
          reasons: input.reason ? [input.reason] : [],
          outcome: 'withdrawn',
        };
      case 'take-effect':
        return this.takingEffect(input, c);
      case 'supply-materials':
        return this.supply(input, actor, c);
      case 'start-check':
        return { method: input.method, description: input.description ?? null, outcome: 'checking' };
      case 'record-fulfilment':
        return {
          findings: input.findings,
          reasons: [input.findings],
          legalBasis: input.legalBasis ?? null,
          materials: c.supplied.map((m) => ({ id: m.id, sha256: m.sha256 })),
          outcome: 'fulfilled',
        };
      case 'record-breach':
        return {
          ground: input.ground,
          findings: input.findings,
          reasons: [input.findings],
          reasonCodes: [input.ground],
          legalBasis: input.legalBasis ?? null,
          materials: c.supplied.map((m) => ({ id: m.id, sha256: m.sha256 })),
          outcome: 'breached',
          consequences: breachConsequences(c),
        };
      default:
        return action satisfies never;
    }
  }

  /** The authority relies on the promise: a fast-track subject must still be eligible; the check falls due. */
  private async takingEffect(input: CommitmentActionInput, c: CommitmentContext) {
    let evidence: Record<string, unknown> = {};
    if (isFastTrack(c.type!)) {
      const decision = await this.facts.fastTrack(c.subject!.code, c.authority!, c.matter);
      const track = decision.answer.tracks[c.type];
      if (!track.allowed) throw new FastTrackNotAllowedError(c.type, track.reasons, decision.answer.snapshot);
      evidence = fastTrackEvidence(decision, c.type);
    }
    checkLink(c.type!, input.linked);
    const due = await this.facts.checkDue(c.type!, c.promisedBy, c.authority!.path, c.matter);
    // Nothing can rely on a 容缺 promise whose date has already passed.
    if (c.type === 'missing_materials' && this.facts.now().toISOString() >= due.checkDue.at)
      throw new CommitmentContentError(
        'PROMISED_DATE_PASSED',
        `补交期限${c.promisedBy}已过`,
        `The promised date ${c.promisedBy} has passed`,
        { promisedBy: c.promisedBy },
      );
    return {
      ...due,
      ...evidence,
      opinion: input.opinion ?? null,
      ...(input.linked ? { linked: linkedOf(input.linked) } : {}),
      outcome: 'in_force',
    };
  }

  /** 容缺: each file stands for a promised item; only before the promised date has passed. */
  private async supply(input: CommitmentActionInput, actor: WorkflowActor, c: CommitmentContext) {
    const delivered = input.materials ?? [];
    const unknown = delivered.map((d) => d.item.trim()).filter((item) => !c.promisedMaterials.includes(item));
    if (unknown.length > 0)
      throw new CommitmentContentError(
        'UNKNOWN_PROMISED_ITEM',
        `不是承诺补交的材料：${unknown.join('、')}`,
        `Not among the promised materials: ${unknown.join(', ')}`,
        { unknown, promised: c.promisedMaterials },
      );
    if (c.checkDue && this.facts.now().toISOString() >= c.checkDue.at)
      throw new CommitmentContentError(
        'PROMISED_DATE_PASSED',
        `补交期限${c.checkDue.date}已过`,
        `The promised date ${c.checkDue.date} has passed`,
        { promisedBy: c.checkDue.date },
      );
    const materials = await this.facts.materials(
      delivered.map((d) => ({ fileId: d.fileId, item: d.item.trim() })),
      actor,
    );
    const outstanding = c.promisedMaterials.filter(
      (item) => ![...c.supplied, ...materials].some((m) => m.item === item),
    );
    return { materials, outstanding, outcome: outstanding.length === 0 ? 'fulfilled' : 'materials_supplied' };
  }
}

/** What a breach brings about (DOMAIN §5), stated in the breach event; the reactions carry it out. */
export function breachConsequences(c: CommitmentContext): Record<string, unknown> {
  return {
    breachRecord: { kind: 'other', decisionNumber: breachDecisionNumber(c.caseNumber!) },
    revokeLinkedDecision: c.linked,
    fastTrackEligibilityLost: {
      tracks: ['approval_substitution', 'missing_materials'],
      until: {
        zh: '该违诺失信信息修复或公示期满',
        en: 'the breach record is repaired or its publicity ends',
      },
    },
    gradeReEvaluation: true,
  };
}

/** The 违诺 record's decision number, derived from the commitment's case number (unique per authority). */
export function breachDecisionNumber(caseNumber: string): string {
  return `违诺〔${caseNumber}〕`;
}
