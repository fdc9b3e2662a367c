import type { DecisionFacts } from '@credence/audit';
import type { RecordField, Severity } from '@credence/credit-records';
import {
  catalogueTypes,
  type CaseReturnedEvent,
  type CatalogueEvent,
  type EventOf,
  type MachineEventOf,
  type RecordedPolicy,
  type TimerFiredData,
} from '@credence/workflow';
import type {
  BreachGround,
  CheckMethod,
  CommitmentAuthority,
  CommitmentSubject,
  CommitmentType,
  FastTrack,
  LapseReason,
  LinkedDecision,
  PromiseItem,
  SuppliedMaterial,
} from './commitment';
import type { CheckDue } from './commitment.context';
import type { FastTrackReason, GradeSnapshot } from './fast-track';

/**
 * The event catalogue of a credit commitment: every event its machine takes, with the data it carries as stored
 * (written by the signing and action handlers, the repair link and the breach reaction). Decision events carry the
 * audit trail's decision facts at the top level.
 */

/** A fast-track subject's eligibility as the handler read it (告知承诺, 容缺), with what it read it from. */
export interface FastTrackEvidence {
  eligibility?: { track: FastTrack; allowed: boolean; reasons: FastTrackReason[] };
  deadlineReductionPercent?: number;
  gradeSnapshot?: GradeSnapshot;
  fastTrackPolicy?: RecordedPolicy;
}

/** What the signing event carries, checked by the handler and recorded whole. */
export interface SignedData extends FastTrackEvidence {
  caseNumber: string;
  type: CommitmentType;
  subject: CommitmentSubject;
  authority: CommitmentAuthority;
  matter: string | null;
  field: RecordField;
  items: PromiseItem[];
  promisedMaterials: string[];
  promisedBy: string | null;
  linked: LinkedDecision | null;
  consentToPublish: boolean;
  outcome?: string;
}

export type CommitmentSigned = CatalogueEvent<'CommitmentSigned', SignedData>;

export type CommitmentTookEffect = CatalogueEvent<
  'CommitmentTookEffect',
  FastTrackEvidence & {
    /** When the check falls due: from the promised date (容缺) or the authority's check period. */
    checkDue: CheckDue | null;
    checkDays?: number | null;
    checkDaysPolicy?: RecordedPolicy | null;
    opinion: string | null;
    /** The decision relying on the promise, when the authority names it on taking effect. */
    linked?: LinkedDecision | null;
    /** A repair commitment takes effect with the approval of its application. */
    repairCaseId?: string;
    outcome?: string;
  }
>;

export type CommitmentWithdrawn = CatalogueEvent<
  'CommitmentWithdrawn',
  { reason: string | null; reasons?: string[]; outcome?: string }
>;

export type CommitmentLapsed = CatalogueEvent<
  'CommitmentLapsed',
  { reason: LapseReason; repairCaseId?: string; outcome?: string }
>;

export type FulfilmentCheckStarted = CatalogueEvent<
  'FulfilmentCheckStarted',
  { method: CheckMethod; description: string | null; outcome?: string }
>;

export type PromisedMaterialsSupplied = CatalogueEvent<
  'PromisedMaterialsSupplied',
  { materials: SuppliedMaterial[]; outstanding?: string[]; outcome?: string }
>;

export type CommitmentFulfilled = CatalogueEvent<'CommitmentFulfilled', DecisionFacts & { findings: string }>;

export type CommitmentBreached = CatalogueEvent<
  'CommitmentBreached',
  DecisionFacts & {
    ground: BreachGround;
    findings: string;
    /** What the breach brings about, stated for the record; the breach reaction carries it out. */
    consequences?: Record<string, unknown>;
  }
>;

/** The durable timer of the due date (容缺: the promised date passed; otherwise the check is overdue). */
export type PromisedMaterialsOverdue = CatalogueEvent<'PromisedMaterialsOverdue', TimerFiredData>;
export type FulfilmentCheckOverdue = CatalogueEvent<'FulfilmentCheckOverdue', TimerFiredData>;

/** Every consequence of a breach names it (once per kind). */
interface BreachNamed {
  breachEventId: string;
  commitmentCaseNumber: string | null;
  outcome?: string;
}

export type BreachRecordRegistered = CatalogueEvent<
  'BreachRecordRegistered',
  BreachNamed & {
    recordId: string;
    decisionNumber: string;
    severity: Severity;
    severityPolicy?: RecordedPolicy<Severity>;
    created?: boolean;
  }
>;

export type BreachRecordRefused = CatalogueEvent<
  'BreachRecordRefused',
  BreachNamed & { decisionNumber: string; code: string; message: string }
>;

export type LinkedDecisionRevocationRequested = CatalogueEvent<
  'LinkedDecisionRevocationRequested',
  BreachNamed & {
    linked: LinkedDecision;
    breach: {
      ground: BreachGround | null;
      findings: string | null;
      legalBasis: string | null;
      automatic: boolean;
    };
    /** An external licence: the notice is in the outbox under this topic. */
    outboxTopic?: string;
  }
>;

export type GradeReEvaluationRequested = CatalogueEvent<
  'GradeReEvaluationRequested',
  BreachNamed & { outboxTopic: string }
>;

/** Every event of a commitment. */
export type CommitmentEvent =
  | CommitmentSigned
  | CommitmentTookEffect
  | CommitmentWithdrawn
  | CommitmentLapsed
  | FulfilmentCheckStarted
  | PromisedMaterialsSupplied
  | CommitmentFulfilled
  | CommitmentBreached
  | PromisedMaterialsOverdue
  | FulfilmentCheckOverdue
  | BreachRecordRegistered
  | BreachRecordRefused
  | LinkedDecisionRevocationRequested
  | GradeReEvaluationRequested
  | CaseReturnedEvent;

export type CommitmentEventType = CommitmentEvent['type'];

/** Every type of the catalogue (the machine's spec holds them to the events its machine takes). */
export const COMMITMENT_EVENT_TYPES = catalogueTypes<CommitmentEventType>({
  CommitmentSigned: true,
  CommitmentTookEffect: true,
  CommitmentWithdrawn: true,
  CommitmentLapsed: true,
  FulfilmentCheckStarted: true,
  PromisedMaterialsSupplied: true,
  CommitmentFulfilled: true,
  CommitmentBreached: true,
  PromisedMaterialsOverdue: true,
  FulfilmentCheckOverdue: true,
  BreachRecordRegistered: true,
  BreachRecordRefused: true,
  LinkedDecisionRevocationRequested: true,
  GradeReEvaluationRequested: true,
  CaseReturned: true,
});

/** The events as the commitment machine receives them (with actor and time). */
export type CommitmentMachineEvent = MachineEventOf<CommitmentEvent>;

export type CommitmentMachineEventOf<T extends CommitmentEventType> = MachineEventOf<
  EventOf<CommitmentEvent, T>
>;
