import type { DecisionFacts } from '@credence/audit';
import type { BilingualText } from '@credence/shared';
import {
  catalogueTypes,
  type CatalogueEvent,
  type EventOf,
  type MachineEventOf,
  type TimerFiredData,
} from '@credence/workflow';
import type { RecordContent } from './credit-record';
import type { PublicationTimeliness } from './credit-record.machine';
import type { FieldChange } from './record-correction';

/**
 * The event catalogue of a credit record: every event its machine takes, with the data it carries as stored. The
 * record is registered by its authority (or by the system for a 违诺 record) and shielded by its staff; the other
 * events follow the decisions of the repair and objection workflows (their reactions) or an administrator's hand.
 * Decision events carry the audit trail's decision facts at the top level.
 */

/** The periods a record is published for, from the rule set applied (set again when a repair is revoked). */
export interface RecordPeriods {
  ruleSet: string;
  repairableFrom: string;
  repairableAt: string;
  publicityEndsAfter: string;
  expiresAt: string;
}

/** The objection an event of the objection workflow names; absent when an administrator acts by hand. */
export interface ObjectionNamed {
  objectionCaseId?: string | null;
  caseNumber?: string | null;
}

/** The repair decision an event of the repair workflow follows. */
export interface RepairNamed {
  repairCaseId: string;
  caseNumber: string | null;
  decisionEventId: string;
}

/**
 * What a step taken by an administrator's hand carries: a reason and its legal basis. Records were once open to
 * every record action that way, and the events then recorded keep this shape.
 */
export interface ByHand {
  reason?: string;
  legalBasis?: string | null;
}

export type CreditRecordRegistered = CatalogueEvent<
  'CreditRecordRegistered',
  RecordPeriods & {
    record: RecordContent;
    /** 双公示 timeliness; absent from records registered before it was recorded. */
    publication?: PublicationTimeliness | null;
  }
>;

/** The durable timers of the record's periods. */
export type MinimumPeriodReached = CatalogueEvent<'MinimumPeriodReached', TimerFiredData>;
export type PublicityPeriodEnded = CatalogueEvent<'PublicityPeriodEnded', TimerFiredData>;

/** Shielding during bankruptcy reorganisation, and its lifting: why, and under what. */
interface Reasoned {
  /** The reasons joined with '；' (the one reason older events carry). */
  reason: string;
  reasons?: string[];
  legalBasis: string | null;
}
export type CreditRecordShielded = CatalogueEvent<'CreditRecordShielded', Reasoned>;
export type ShieldLifted = CatalogueEvent<'ShieldLifted', Reasoned>;

export type CreditRecordRepaired = CatalogueEvent<
  'CreditRecordRepaired',
  DecisionFacts & (RepairNamed | ByHand)
>;

/**
 * The record is published again, its periods restarting. Always with the periods: the publicity timer needs their
 * dates, so a revocation without them could never be recorded.
 */
export type RepairRevoked = CatalogueEvent<
  'RepairRevoked',
  DecisionFacts & RecordPeriods & ((RepairNamed & { ground: string }) | ByHand)
>;

export type CreditRecordRemoved = CatalogueEvent<
  'CreditRecordRemoved',
  DecisionFacts & ObjectionNamed & ByHand
>;

export type CreditRecordCorrected = CatalogueEvent<
  'CreditRecordCorrected',
  DecisionFacts &
    ObjectionNamed &
    ByHand & {
      /** The corrected fields' new values, and each change with its old value (none from a step by hand). */
      record?: Partial<RecordContent>;
      changes?: FieldChange[];
      /** A platform's own technical error, corrected by an administrator (not the authority's finding). */
      technicalError?: boolean;
    }
>;

export type ObjectionMarked = CatalogueEvent<'ObjectionMarked', DecisionFacts & ObjectionNamed & ByHand>;
export type ObjectionMarkCleared = CatalogueEvent<
  'ObjectionMarkCleared',
  DecisionFacts & ObjectionNamed & ByHand
>;

export type ObjectionUnverifiableNoted = CatalogueEvent<
  'ObjectionUnverifiableNoted',
  DecisionFacts &
    ObjectionNamed &
    ByHand & {
      /** The note shown with the record; a default text stands in for parts not given. */
      note?: Partial<BilingualText>;
    }
>;

/** Every event of a credit record. */
export type CreditRecordEvent =
  | CreditRecordRegistered
  | MinimumPeriodReached
  | PublicityPeriodEnded
  | CreditRecordShielded
  | ShieldLifted
  | CreditRecordRepaired
  | RepairRevoked
  | CreditRecordRemoved
  | CreditRecordCorrected
  | ObjectionMarked
  | ObjectionMarkCleared
  | ObjectionUnverifiableNoted;

export type CreditRecordEventType = CreditRecordEvent['type'];

/** Every type of the catalogue (the machine's spec holds them to the events its machine takes). */
export const CREDIT_RECORD_EVENT_TYPES = catalogueTypes<CreditRecordEventType>({
  CreditRecordRegistered: true,
  MinimumPeriodReached: true,
  PublicityPeriodEnded: true,
  CreditRecordShielded: true,
  ShieldLifted: true,
  CreditRecordRepaired: true,
  RepairRevoked: true,
  CreditRecordRemoved: true,
  CreditRecordCorrected: true,
  ObjectionMarked: true,
  ObjectionMarkCleared: true,
  ObjectionUnverifiableNoted: true,
});

/** The events as the record machine receives them (with actor and time). */
export type CreditRecordMachineEvent = MachineEventOf<CreditRecordEvent>;

export type CreditRecordMachineEventOf<T extends CreditRecordEventType> = MachineEventOf<
  EventOf<CreditRecordEvent, T>
>;
