import { eventTexts as texts, eventText as textOf, actorStep as step } from '@credence/workflow';
import type {
  Answer,
  AppealAuthorityChoice,
  AppealDecision,
  AttachedMaterial,
  ClosureReason,
  CorrectionPlan,
  ObjectedRecord,
  ObjectionContext,
  ObjectionGround,
  ObjectionOutcome,
  SupplementRequest,
  Withdrawal,
} from './objection';
import type { ObjectionArgs, ObjectionEvent } from './objection.guards';

// How the objection's events change its context: the pieces `objectionMachine` assigns.

const materialsOf = (event: ObjectionEvent): AttachedMaterial[] =>
  (event.data.materials as AttachedMaterial[] | undefined) ?? [];

export const answerOf = (event: ObjectionEvent): Answer => ({
  ...step(event),
  outcome: event.data.outcome as ObjectionOutcome,
  reasons: texts(event.data.reasons),
  legalBasis: textOf(event.data.legalBasis) ?? '',
  correction: (event.data.correction as CorrectionPlan | null | undefined) ?? null,
  note: textOf(event.data.note),
});

/** First-round staff steps: whoever takes one may not decide the appeal. */
export const handled = (context: ObjectionContext, event: ObjectionEvent) =>
  context.handledBy.includes(event.actor.id) ? context.handledBy : [...context.handledBy, event.actor.id];

export const closed = (reason: ClosureReason, event: ObjectionEvent) => ({
  closure: { reason, at: event.at },
});

const openRequest = (context: ObjectionContext): SupplementRequest | undefined =>
  context.supplementRequests.find((r) => r.answeredAt === null && !r.lapsed);

export const settleRequest = (
  context: ObjectionContext,
  settled: Partial<SupplementRequest>,
): SupplementRequest[] =>
  context.supplementRequests.map((r) => (r === openRequest(context) ? { ...r, ...settled } : r));

export const withdrawal = (event: ObjectionEvent, stage: Withdrawal['stage']): Withdrawal => ({
  by: event.actor.id,
  at: event.at,
  reason: textOf(event.data.reason),
  stage,
});

export function requestOf(event: ObjectionEvent, stage: SupplementRequest['stage']): SupplementRequest {
  return {
    ...step(event),
    stage,
    items: texts(event.data.items),
    reasons: texts(event.data.reasons),
    answeredAt: null,
    lapsed: false,
  };
}

export function supplemented({ context, event }: ObjectionArgs): Partial<ObjectionContext> {
  return {
    materials: [...context.materials, ...materialsOf(event)],
    supplementRequests: settleRequest(context, { answeredAt: event.at }),
  };
}

/** The filing: the record objected to, the subject's statement and commitment; the record's authority handles it. */
export function filed(event: ObjectionEvent): Partial<ObjectionContext> {
  const record = event.data.record as ObjectedRecord;
  return {
    caseNumber: textOf(event.data.caseNumber),
    record,
    ground: event.data.ground as ObjectionGround,
    statement: textOf(event.data.statement) ?? '',
    repairApplicationId: textOf(event.data.repairApplicationId),
    commitment: {
      content: textOf((event.data.commitment as { content?: unknown } | undefined)?.content) ?? '',
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
export function appealed({ context, event }: ObjectionArgs): Partial<ObjectionContext> {
  const choice = event.data.appealAuthority as AppealAuthorityChoice;
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
export function appealDecisionOf(context: ObjectionContext, event: ObjectionEvent): AppealDecision {
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
