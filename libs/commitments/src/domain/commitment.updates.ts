import { eventText as textOf, actorStep as step } from '@credence/workflow';
import type { BreachGround } from './commitment';
import type { BreachConsequence, CommitmentContext, CommitmentOutcome } from './commitment.context';
import type { CommitmentMachineEvent, CommitmentMachineEventOf } from './commitment.events';

// How the commitment's events change its context: the pieces `commitmentMachine` assigns.

/** The materials supplied so far, with those the event brings (none for any other event, a probe included). */
export const suppliedItems = (context: CommitmentContext, event: CommitmentMachineEvent) => [
  ...context.supplied,
  ...((event.type === 'PromisedMaterialsSupplied' ? event.data.materials : undefined) ?? []),
];

/** The events that end a commitment kept or broken. */
type OutcomeEvent = CommitmentMachineEventOf<
  'PromisedMaterialsOverdue' | 'PromisedMaterialsSupplied' | 'CommitmentFulfilled' | 'CommitmentBreached'
>;

export const outcomeOf = (
  event: OutcomeEvent,
  result: CommitmentOutcome['result'],
  automatic: boolean,
  ground: BreachGround | null,
): CommitmentOutcome => ({
  ...step(event),
  result,
  automatic,
  ground,
  findings: 'findings' in event.data ? textOf(event.data.findings) : null,
  legalBasis: 'legalBasis' in event.data ? textOf(event.data.legalBasis) : null,
});

/** The events that record a consequence of the breach, each naming it. */
export type ConsequenceEvent = CommitmentMachineEventOf<
  | 'BreachRecordRegistered'
  | 'BreachRecordRefused'
  | 'LinkedDecisionRevocationRequested'
  | 'GradeReEvaluationRequested'
>;

export const consequenceOf = (
  event: ConsequenceEvent,
  kind: BreachConsequence['kind'],
  status: BreachConsequence['status'],
): BreachConsequence => {
  const d = event.data;
  const code = 'code' in d ? textOf(d.code) : null;
  return {
    kind,
    breachEventId: d.breachEventId,
    at: event.at,
    status,
    recordId: 'recordId' in d ? textOf(d.recordId) : null,
    decisionNumber: 'decisionNumber' in d ? textOf(d.decisionNumber) : null,
    linked: ('linked' in d ? d.linked : undefined) ?? null,
    refusal: code ? { code, message: ('message' in d ? textOf(d.message) : null) ?? '' } : null,
  };
};

export function signed(event: CommitmentMachineEventOf<'CommitmentSigned'>): Partial<CommitmentContext> {
  const d = event.data;
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

export function tookEffect(
  context: CommitmentContext,
  event: CommitmentMachineEventOf<'CommitmentTookEffect'>,
): Partial<CommitmentContext> {
  return {
    inForce: { ...step(event), opinion: textOf(event.data.opinion) },
    checkDue: event.data.checkDue,
    linked: event.data.linked ?? context.linked,
  };
}

export function checkOf(event: CommitmentMachineEventOf<'FulfilmentCheckStarted'>) {
  return {
    ...step(event),
    method: event.data.method,
    description: textOf(event.data.description),
  };
}
