import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseEngine, type LoadedCase, type RequestOrigin, type WorkflowActor } from '@credence/workflow';
import { COMMITMENT, COMMITMENT_ACTIONS, type CommitmentAction } from './commitment.case-type';
import { checkLink, linkedOf, STAFF } from './commitment-command-rules';
import { CommitmentContentError, FastTrackNotAllowedError, RelatedStaffError } from './commitment.errors';
import { CommitmentFacts, fastTrackEvidence } from './commitment-facts';
import { isFastTrack, type BreachGround, type CheckMethod } from './domain/commitment';
import type { CommitmentContext } from './domain/commitment.machine';
import type { LinkedDecisionInput } from './sign-commitment';

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
