import { actionTable, joinedReason, type ActionFactsContext } from '@credence/workflow';
import { breachConsequences } from './commitment-breach';
import { checkLink, linkedOf, STAFF } from './commitment-command-rules';
import { CommitmentContentError, FastTrackNotAllowedError, RelatedStaffError } from './commitment.errors';
import { CommitmentFacts, fastTrackEvidence } from './commitment-facts';
import { isFastTrack, type BreachGround, type CheckMethod } from './domain/commitment';
import type { CommitmentContext } from './domain/commitment.machine';
import type { LinkedDecisionInput } from './sign-commitment';

/** What an action may carry; each action's request class at the edge says which fields it needs. */
export interface CommitmentActionInput {
  reasons?: string[];
  opinion?: string;
  linked?: LinkedDecisionInput;
  materials?: { fileId: string; item: string }[];
  method?: CheckMethod;
  description?: string;
  findings?: string;
  ground?: BreachGround;
  legalBasis?: string;
}

type Facts = ActionFactsContext<CommitmentActionInput, CommitmentContext>;

const reviewed = (c: CommitmentContext) => c.supplied.map((m) => ({ id: m.id, sha256: m.sha256 }));

/** The authority relies on the promise: a fast-track subject must still be eligible; the check falls due. */
async function takingEffect({ input, context: c, use }: Facts) {
  const facts = use(CommitmentFacts);
  let evidence: Record<string, unknown> = {};
  if (isFastTrack(c.type!)) {
    const decision = await facts.fastTrack(c.subject!.code, c.authority!, c.matter);
    const track = decision.answer.tracks[c.type];
    if (!track.allowed) throw new FastTrackNotAllowedError(c.type, track.reasons, decision.answer.snapshot);
    evidence = fastTrackEvidence(decision, c.type);
  }
  checkLink(c.type!, input.linked);
  if (input.linked?.kind === 'repair_application')
    await facts.requireOwnApplication(input.linked.reference.trim(), c.subject!, c.authority!);
  const due = await facts.checkDue(c.type!, c.promisedBy, c.authority!.path, c.matter);
  // Nothing can rely on a 容缺 promise whose date has already passed.
  if (c.type === 'missing_materials' && facts.now().toISOString() >= due.checkDue.at)
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

/** 容缺: each file stands for a promised item. */
async function supply({ input, context: c, actor, use }: Facts) {
  const delivered = input.materials ?? [];
  const unknown = delivered.map((d) => d.item.trim()).filter((item) => !c.promisedMaterials.includes(item));
  if (unknown.length > 0)
    throw new CommitmentContentError(
      'UNKNOWN_PROMISED_ITEM',
      `不是承诺补交的材料：${unknown.join('、')}`,
      `Not among the promised materials: ${unknown.join(', ')}`,
      { unknown, promised: c.promisedMaterials },
    );
  // A date already passed is the machine's rule (maySupply): the action is then not available and the pipeline
  // answers with its refusal (commitment.refusals.ts, COMMITMENT.PROMISED_DATE_PASSED).
  const materials = await use(CommitmentFacts).materials(
    delivered.map((d) => ({ fileId: d.fileId, item: d.item.trim() })),
    actor,
  );
  const outstanding = c.promisedMaterials.filter(
    (item) => ![...c.supplied, ...materials].some((m) => m.item === item),
  );
  return { materials, outstanding, outcome: outstanding.length === 0 ? 'fulfilled' : 'materials_supplied' };
}

/**
 * Every action on a signed commitment: the event it records and the facts it stands on (eligibility again when the
 * authority relies on a fast-track promise, the check period, the files' digests); 回避 for staff.
 */
export const commitmentActions = actionTable<CommitmentContext>()({
  actions: {
    withdraw: {
      event: 'CommitmentWithdrawn',
      facts: ({ input }: Facts) => ({
        reason: joinedReason(input.reasons),
        reasons: input.reasons ?? [],
        outcome: 'withdrawn',
      }),
    },
    'take-effect': { event: 'CommitmentTookEffect', facts: takingEffect },
    'supply-materials': { event: 'PromisedMaterialsSupplied', facts: supply },
    'start-check': {
      event: 'FulfilmentCheckStarted',
      facts: ({ input }: Facts) => ({
        method: input.method,
        description: input.description ?? null,
        outcome: 'checking',
      }),
    },
    'record-fulfilment': {
      event: 'CommitmentFulfilled',
      facts: ({ input, context: c }: Facts) => ({
        findings: input.findings,
        reasons: [input.findings],
        legalBasis: input.legalBasis ?? null,
        materials: reviewed(c),
        outcome: 'fulfilled',
      }),
    },
    'record-breach': {
      event: 'CommitmentBreached',
      facts: ({ input, context: c }: Facts) => ({
        ground: input.ground,
        findings: input.findings,
        reasons: [input.findings],
        reasonCodes: [input.ground],
        legalBasis: input.legalBasis ?? null,
        materials: reviewed(c),
        outcome: 'breached',
        consequences: breachConsequences(c),
      }),
    },
  },
  recusal: {
    roles: STAFF,
    isRelated: ({ actorId, context, use }) => use(CommitmentFacts).isRelated(actorId, context.subject!.code),
    refusal: (c) => new RelatedStaffError(c.subject!.code, c.authority?.name),
  },
});

export type CommitmentAction = keyof typeof commitmentActions.actions;
