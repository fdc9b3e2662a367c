import type { DecisionFacts } from '@credence/audit';
import {
  catalogueTypes,
  type CatalogueEvent,
  type ClockElapsedData,
  type EventOf,
  type MachineEventOf,
} from '@credence/workflow';
import type {
  AppealAuthorityChoice,
  AttachedMaterial,
  CorrectionPlan,
  ObjectedRecord,
  ObjectionGround,
  ObjectionOutcome,
  Withdrawal,
} from './objection';

/**
 * The event catalogue of an objection: every event its machine takes, with the data it carries as stored (written by
 * the filing and action handlers; the clocks' events by the engine). Decision events carry the audit trail's
 * decision facts at the top level.
 */

export type ObjectionFiled = CatalogueEvent<
  'ObjectionFiled',
  {
    caseNumber: string;
    /** The record objected to, as it stood when the objection was filed. */
    record: ObjectedRecord;
    ground: ObjectionGround;
    statement: string;
    repairApplicationId?: string | null;
    /** The subject's commitment that what it states is true (consent is part of filing). */
    commitment: { content: string; consent?: boolean };
    materials?: AttachedMaterial[];
  }
>;

export type ObjectionAccepted = CatalogueEvent<'ObjectionAccepted', DecisionFacts>;
export type ObjectionRefused = CatalogueEvent<'ObjectionRefused', DecisionFacts>;

export type SupplementRequested = CatalogueEvent<
  'SupplementRequested',
  {
    /** Everything missing, listed at once (一次性告知), and why. */
    items?: string[];
    reasons?: string[];
  }
>;

export type Supplemented = CatalogueEvent<
  'Supplemented',
  { statement?: string; materials?: AttachedMaterial[] }
>;

export type SupplementWindowElapsed = CatalogueEvent<'SupplementWindowElapsed', ClockElapsedData>;

export type VerificationExtended = CatalogueEvent<
  'VerificationExtended',
  { reason: string; reasons?: string[] }
>;

/** What an answer, or an appeal that overturns it, decides for the record. */
interface AnswerData extends DecisionFacts {
  outcome: ObjectionOutcome;
  /** The correction, field by field, when the outcome is `correct`. */
  correction?: CorrectionPlan | null;
  /** What is recorded next to the record when the objection could not be verified. */
  note?: string | null;
}

export type ObjectionAnswered = CatalogueEvent<'ObjectionAnswered', AnswerData>;

export type ObjectionWithdrawn = CatalogueEvent<
  'ObjectionWithdrawn',
  {
    /** The reasons joined with '；' (the one reason older events carry). */
    reason?: string | null;
    reasons?: string[];
    /** Where the case stood (recorded since withdrawals in the appeal were possible). */
    stage?: Withdrawal['stage'];
  }
>;

export type AppealFiled = CatalogueEvent<
  'AppealFiled',
  {
    statement: string;
    materials?: AttachedMaterial[];
    /** Who decides the appeal, as the handler chose it from the setting. */
    appealAuthority: AppealAuthorityChoice;
    window?: { dueDate: string; dueAt: string } | null;
  }
>;

export type AppealWindowElapsed = CatalogueEvent<'AppealWindowElapsed', ClockElapsedData>;

export type AppealDecided = CatalogueEvent<
  'AppealDecided',
  AnswerData & {
    decision: 'uphold' | 'overturn';
    /** The first answer's outcome, which an upheld appeal keeps. */
    answerOutcome?: ObjectionOutcome;
  }
>;

/** Every event of an objection. */
export type ObjectionEvent =
  | ObjectionFiled
  | ObjectionAccepted
  | ObjectionRefused
  | SupplementRequested
  | Supplemented
  | SupplementWindowElapsed
  | VerificationExtended
  | ObjectionAnswered
  | ObjectionWithdrawn
  | AppealFiled
  | AppealWindowElapsed
  | AppealDecided;

export type ObjectionEventType = ObjectionEvent['type'];

/** Every type of the catalogue (the machine's spec holds them to the events its machine takes). */
export const OBJECTION_EVENT_TYPES = catalogueTypes<ObjectionEventType>({
  ObjectionFiled: true,
  ObjectionAccepted: true,
  ObjectionRefused: true,
  SupplementRequested: true,
  Supplemented: true,
  SupplementWindowElapsed: true,
  VerificationExtended: true,
  ObjectionAnswered: true,
  ObjectionWithdrawn: true,
  AppealFiled: true,
  AppealWindowElapsed: true,
  AppealDecided: true,
});

/** The events as the objection machine receives them (with actor and time). */
export type ObjectionMachineEvent = MachineEventOf<ObjectionEvent>;

export type ObjectionMachineEventOf<T extends ObjectionEventType> = MachineEventOf<
  EventOf<ObjectionEvent, T>
>;
