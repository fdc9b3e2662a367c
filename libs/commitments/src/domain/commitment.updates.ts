import { eventText as textOf, actorStep as step } from '@credence/workflow';
import type { BreachGround, CheckMethod, LinkedDecision, SuppliedMaterial } from './commitment';
import {
  signedData,
  type BreachConsequence,
  type CheckDue,
  type CommitmentContext,
  type CommitmentEvent,
  type CommitmentOutcome,
  type SignedData,
} from './commitment.context';

// How the commitment's events change its context: the pieces `commitmentMachine` assigns.

/** The materials supplied so far, with those the event brings. */
export const suppliedItems = (context: CommitmentContext, event: CommitmentEvent) => [
  ...context.supplied,
  ...((event.data.materials as SuppliedMaterial[] | undefined) ?? []),
];

export const outcomeOf = (
  event: CommitmentEvent,
  result: CommitmentOutcome['result'],
  automatic: boolean,
  ground: BreachGround | null,
): CommitmentOutcome => ({
  ...step(event),
  result,
  automatic,
  ground,
  findings: textOf(event.data.findings),
  legalBasis: textOf(event.data.legalBasis),
});

export const consequenceOf = (
  event: CommitmentEvent,
  kind: BreachConsequence['kind'],
  status: BreachConsequence['status'],
): BreachConsequence => ({
  kind,
  breachEventId: event.data.breachEventId as string,
  at: event.at,
  status,
  recordId: textOf(event.data.recordId),
  decisionNumber: textOf(event.data.decisionNumber),
  linked: (event.data.linked as LinkedDecision | undefined) ?? null,
  refusal: textOf(event.data.code)
    ? { code: textOf(event.data.code)!, message: textOf(event.data.message) ?? '' }
    : null,
});

export function signed(event: CommitmentEvent): Partial<CommitmentContext> {
  const d = signedData(event) as SignedData;
  return {
    caseNumber: d.caseNumber,
    type: d.type,
    subject: d.subject,
    authority: d.authority,
    matter: d.matter ?? null,
    field: d.field ?? 'other',
    items: d.items ?? [],
    promisedMaterials: d.promisedMaterials ?? [],
    promisedBy: d.promisedBy ?? null,
    linked: d.linked ?? null,
    consentToPublish: d.consentToPublish === true,
    signed: step(event),
  };
}

export function tookEffect(context: CommitmentContext, event: CommitmentEvent): Partial<CommitmentContext> {
  return {
    inForce: { ...step(event), opinion: textOf(event.data.opinion) },
    checkDue: event.data.checkDue as CheckDue,
    linked: (event.data.linked as LinkedDecision | null | undefined) ?? context.linked,
  };
}

export function checkOf(event: CommitmentEvent) {
  return {
    ...step(event),
    method: event.data.method as CheckMethod,
    description: textOf(event.data.description),
  };
}
