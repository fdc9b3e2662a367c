import type { RecordField } from '@credence/credit-records';
import type {
  BreachGround,
  CheckMethod,
  CommitmentAuthority,
  CommitmentSubject,
  CommitmentType,
  LapseReason,
  LinkedDecision,
  PromiseItem,
  SuppliedMaterial,
} from './commitment';
import type { CommitmentMachineEvent, SignedData } from './commitment.events';

export interface StaffStep {
  by: string;
  role: string;
  at: string;
}

/** When the fulfilment check is due: a calendar date and the instant it passes (24:00 Beijing of that date). */
export interface CheckDue {
  date: string;
  at: string;
}

export interface CommitmentOutcome extends StaffStep {
  result: 'fulfilled' | 'breached';
  /** Breached by the passing of the promised date (容缺), fulfilled by the promised materials arriving. */
  automatic: boolean;
  ground: BreachGround | null;
  findings: string | null;
  legalBasis: string | null;
}

/** A consequence of the breach, recorded by the breach reaction as an event naming the breach. */
export interface BreachConsequence {
  kind: 'breach-record' | 'linked-revocation' | 'grade-re-evaluation';
  breachEventId: string;
  at: string;
  /** Registered, requested, or refused by its target (then `refusal` says why). */
  status: 'done' | 'requested' | 'refused';
  recordId?: string | null;
  decisionNumber?: string | null;
  linked?: LinkedDecision | null;
  refusal?: { code: string; message: string } | null;
}

export interface CommitmentContext {
  caseId: string;
  caseNumber: string | null;
  type: CommitmentType | null;
  subject: CommitmentSubject | null;
  authority: CommitmentAuthority | null;
  matter: string | null;
  field: RecordField;
  items: PromiseItem[];
  /** 容缺: the materials promised and the date they are due. */
  promisedMaterials: string[];
  promisedBy: string | null;
  linked: LinkedDecision | null;
  consentToPublish: boolean;
  signed: StaffStep | null;
  publishedAt: string | null;
  inForce: (StaffStep & { opinion: string | null }) | null;
  checkDue: CheckDue | null;
  checkOverdue: boolean;
  check: (StaffStep & { method: CheckMethod; description: string | null }) | null;
  supplied: SuppliedMaterial[];
  outcome: CommitmentOutcome | null;
  withdrawal: (StaffStep & { reason: string | null }) | null;
  /** A repair commitment whose application ended without approval (or was replaced): never relied on. */
  lapse: (StaffStep & { reason: LapseReason }) | null;
  consequences: BreachConsequence[];
}

/**
 * What a guard or an update reads: the case's context and the event being decided (commitment.events.ts). A probe
 * of the actions available now carries no data: guards read what they need through `signedData` and `?.`.
 */
export interface CommitmentArgs {
  context: CommitmentContext;
  event: CommitmentMachineEvent;
}

/** The signing event's data, or nothing for any other event (a probe included): what `maySign` judges. */
export const signedData = (event: CommitmentMachineEvent): Partial<SignedData> =>
  event.type === 'CommitmentSigned' ? event.data : {};
