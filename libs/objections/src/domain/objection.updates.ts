import { eventTexts as texts, eventText as textOf, actorStep as step } from '@credence/workflow';
import type {
  Answer,
  AppealDecision,
  AttachedMaterial,
  ClosureReason,
  ObjectionContext,
  SupplementRequest,
  Withdrawal,
} from './objection';
import type { ObjectionMachineEvent, ObjectionMachineEventOf } from './objection.events';
import type { ObjectionArgs } from './objection.guards';

// How the objection's events change its context: the pieces `objectionMachine` assigns.

/** The events that hand in materials. */
type WithMaterials = ObjectionMachineEventOf<'ObjectionFiled' | 'Supplemented' | 'AppealFiled'>;

const materialsOf = (event: WithMaterials): AttachedMaterial[] => event.data.materials ?? [];

export const answerOf = (event: ObjectionMachineEventOf<'ObjectionAnswered' | 'AppealDecided'>): Answer => ({
  ...step(event),
  outcome: event.data.outcome,
  reasons: texts(event.data.reasons),
  legalBasis: textOf(event.data.legalBasis) ?? '',
  correction: event.data.correction ?? null,
  note: textOf(event.data.note),
});

/** First-round staff steps: whoever takes one may not decide the appeal. */
export const handled = (context: ObjectionContext, event: ObjectionMachineEvent) =>
  context.handledBy.includes(event.actor.id) ? context.handledBy : [...context.handledBy, event.actor.id];

export const closed = (reason: ClosureReason, event: ObjectionMachineEvent) => ({
  closure: { reason, at: event.at },
});

const openRequest = (context: ObjectionContext): SupplementRequest | undefined =>
  context.supplementRequests.find((r) => r.answeredAt === null && !r.lapsed);

export const settleRequest = (
  context: ObjectionContext,
  settled: Partial<SupplementRequest>,
): SupplementRequest[] =>
  context.supplementRequests.map((r) => (r === openRequest(context) ? { ...r, ...settled } : r));

export const withdrawal = (
  event: ObjectionMachineEventOf<'ObjectionWithdrawn'>,
  stage: Withdrawal['stage'],
): Withdrawal => ({
  by: event.actor.id,
  at: event.at,
  reason: textOf(event.data.reason),
  stage,
});

export function requestOf(
  event: ObjectionMachineEventOf<'SupplementRequested'>,
  stage: SupplementRequest['stage'],
): SupplementRequest {
  return {
    ...step(event),
    stage,
    items: texts(event.data.items),
    reasons: texts(event.data.reasons),
    answeredAt: null,
    lapsed: false,
  };
}

export function supplemented({ context, event }: ObjectionArgs<'Supplemented'>): Partial<ObjectionContext> {
  return {
    materials: [...context.materials, ...materialsOf(event)],
    supplementRequests: settleRequest(context, { answeredAt: event.at }),
  };
}

/** The filing: the record objected to, the subject's statement and commitment; the record's authority handles it. */
export function filed(event: ObjectionMachineEventOf<'ObjectionFiled'>): Partial<ObjectionContext> {
  const record = event.data.record;
  return {
    caseNumber: textOf(event.data.caseNumber),
    record,
    ground: event.data.ground,
    statement: textOf(event.data.statement) ?? '',
    repairApplicationId: textOf(event.data.repairApplicationId),
    commitment: {
      content: textOf(event.data.commitment?.content) ?? '',
      consent: true as const,
      signedBy: event.actor.id,
      signedAt: event.at,
    },
    materials: materialsOf(event),
    filedBy: event.actor.id,
    filedAt: event.at,
    handling: {
      code: record.authorityCode,
      path: record.authorityPath,
      name: record.authorityName,
    },
  };
}

/** The appeal: handled from now on by the appeal's authority (chosen by the handler), its materials added. */
export function appealed({ context, event }: ObjectionArgs<'AppealFiled'>): Partial<ObjectionContext> {
  const choice = event.data.appealAuthority;
  return {
    appeal: {
      ...choice,
      by: event.actor.id,
      at: event.at,
      statement: textOf(event.data.statement) ?? '',
    },
    materials: [...context.materials, ...materialsOf(event)],
    handling: choice.authority,
  };
}

/** Upheld, the answer's outcome stands; overturned, the decision replaces the answer. */
export function appealDecisionOf(
  context: ObjectionContext,
  event: ObjectionMachineEventOf<'AppealDecided'>,
): AppealDecision {
  return event.data.decision === 'overturn'
    ? { ...answerOf(event), decision: 'overturn' }
    : {
        ...answerOf(event),
        decision: 'uphold',
        outcome: context.answer!.outcome,
        correction: null,
        note: null,
      };
}
