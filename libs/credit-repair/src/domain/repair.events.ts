import type { DecisionFacts } from '@credence/audit';
import type { DownstreamPlatform } from '@credence/authority-policies';
import {
  catalogueTypes,
  type CaseReturnedEvent,
  type CatalogueEvent,
  type ClockElapsedData,
  type EventOf,
  type MachineEventOf,
  type RecordedPolicy,
} from '@credence/workflow';
import type {
  AttachedMaterial,
  RecordSummary,
  RepairCommitment,
  RevocationGround,
} from './repair-application';

/**
 * The event catalogue of a repair application: every event its machine takes, with the data it carries as stored
 * (written by the action handlers and the reactions). Decision events carry the audit trail's decision facts at the
 * top level (reasons, reason codes, opinion, legal basis, reviewed materials, outcome).
 */

/** The conditions to apply checked when filing and again at submission, as the facts read them. */
export type EligibilityChecked = Record<string, unknown>;

/** Text from the applicant or the officer: one reason per entry (理由). */
interface Reasons {
  reasons?: string[];
}

export type RepairApplicationCreated = CatalogueEvent<
  'RepairApplicationCreated',
  {
    /** The record as it stood when the application was made. */
    record: RecordSummary;
    materials?: AttachedMaterial[];
    /** The commitment signed with the application (Order 36 requires one before submission). */
    commitment?: RepairCommitment | null;
    eligibility?: EligibilityChecked;
  }
>;

export type RepairDraftUpdated = CatalogueEvent<
  'RepairDraftUpdated',
  {
    materials?: AttachedMaterial[];
    /** A commitment signed anew in the draft; the one it replaces lapses (`replacesCommitment`). */
    commitment?: RepairCommitment;
    replacesCommitment?: string | null;
  }
>;

export type RepairApplicationSubmitted = CatalogueEvent<
  'RepairApplicationSubmitted',
  DecisionFacts & {
    caseNumber: string;
    /** Decided from the record and the authority's setting: the decision needs a second reviewer. */
    fourEyes: boolean;
    fourEyesPolicy?: RecordedPolicy;
    eligibility?: EligibilityChecked;
    /** The commitment as it stood at submission (published). */
    commitment?: RepairCommitment & { state: string };
  }
>;

export type RepairApplicationWithdrawn = CatalogueEvent<'RepairApplicationWithdrawn', Reasons>;

export type RepairApplicationAccepted = CatalogueEvent<'RepairApplicationAccepted', DecisionFacts>;

/** 不予受理 and 不予修复: coded reasons from REFUSAL_REASON_CODES, the legal basis, the materials reviewed. */
export type RepairApplicationRefused = CatalogueEvent<'RepairApplicationRefused', DecisionFacts>;
export type RepairRejected = CatalogueEvent<'RepairRejected', DecisionFacts>;

export type RepairSupplementRequested = CatalogueEvent<
  'RepairSupplementRequested',
  Reasons & {
    /** Everything missing, listed at once (一次性告知). */
    items?: string[];
  }
>;

export type RepairSupplementProvided = CatalogueEvent<
  'RepairSupplementProvided',
  Reasons & { materials?: AttachedMaterial[] }
>;

export type RepairSupplementWindowElapsed = CatalogueEvent<'RepairSupplementWindowElapsed', ClockElapsedData>;

export type RepairReviewExtended = CatalogueEvent<'RepairReviewExtended', Reasons>;

export type RepairRecommended = CatalogueEvent<
  'RepairRecommended',
  DecisionFacts & { recommendation: 'approve' | 'reject' }
>;

export type RepairApproved = CatalogueEvent<
  'RepairApproved',
  DecisionFacts & {
    /** The platforms told of the repair (执行反馈), as the authority's setting named them. */
    downstream?: DownstreamPlatform[];
    downstreamPolicy?: RecordedPolicy<DownstreamPlatform[]>;
  }
>;

export type RepairApprovalRevoked = CatalogueEvent<
  'RepairApprovalRevoked',
  DecisionFacts & {
    ground: RevocationGround;
    /** The ban on applying again (months, until), as the authority's setting gave it. */
    banMonths?: number;
    banUntil?: string | null;
    banPolicy?: RecordedPolicy<number>;
    /** The broken commitment a revocation on ground `commitment_broken` follows. */
    commitment?: { caseId: string; caseNumber: string; breachEventId: string };
  }
>;

/** Every event of a repair application. */
export type RepairEvent =
  | RepairApplicationCreated
  | RepairDraftUpdated
  | RepairApplicationSubmitted
  | RepairApplicationWithdrawn
  | RepairApplicationAccepted
  | RepairApplicationRefused
  | RepairSupplementRequested
  | RepairSupplementProvided
  | RepairSupplementWindowElapsed
  | RepairReviewExtended
  | RepairRecommended
  | RepairApproved
  | RepairRejected
  | RepairApprovalRevoked
  | CaseReturnedEvent;

export type RepairEventType = RepairEvent['type'];

/** Every type of the catalogue (the machine's spec holds them to the events its machine takes). */
export const REPAIR_EVENT_TYPES = catalogueTypes<RepairEventType>({
  RepairApplicationCreated: true,
  RepairDraftUpdated: true,
  RepairApplicationSubmitted: true,
  RepairApplicationWithdrawn: true,
  RepairApplicationAccepted: true,
  RepairApplicationRefused: true,
  RepairSupplementRequested: true,
  RepairSupplementProvided: true,
  RepairSupplementWindowElapsed: true,
  RepairReviewExtended: true,
  RepairRecommended: true,
  RepairApproved: true,
  RepairRejected: true,
  RepairApprovalRevoked: true,
  CaseReturned: true,
});

/** The events as the repair machine receives them (with actor and time). */
export type RepairMachineEvent = MachineEventOf<RepairEvent>;

/** The machine event of one type (or several). */
export type RepairMachineEventOf<T extends RepairEventType> = MachineEventOf<EventOf<RepairEvent, T>>;
