import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { BilingualText, Sql } from '@credence/shared';
import type { RecordedEvent } from '@credence/event-store';
import type { MachineEvent, WorkflowActor } from './case-event';

/** Where a case belongs: decides who sees it (policy) and whose queue it is in. */
export interface CaseOwnership {
  authorityCode: string;
  authorityPath: string;
  subjectCode: string;
  subjectName: string;
  /** A short human title for lists, e.g. the decision number. */
  title: string;
}

/** What changed in one command, handed to the case type's inline projection inside the append transaction. */
export interface CaseChange {
  caseId: string;
  streamId: string;
  snapshot: AnyMachineSnapshot;
  ownership: CaseOwnership;
  recorded: RecordedEvent[];
  at: Date;
}

/**
 * A workflow is a pure machine plus these declarations; the one engine runs them all. Adding a state or an
 * action means editing the machine, not five files.
 */
export interface CaseTypeDefinition {
  /** Stream category and case type name, e.g. `creditRecord`. */
  type: string;
  label: BilingualText;
  /** The machine new cases start on; its `version` is stored on every event. */
  machine: AnyStateMachine;
  /** Older machine versions kept while cases pinned to them are open. */
  previousMachines?: AnyStateMachine[];
  /** HTTP action name (kebab-case) → machine event type. */
  actions: Record<string, string>;
  ownershipOf(context: unknown): CaseOwnership;
  /** The type-specific part of the case view. */
  viewOf?(context: unknown): Record<string, unknown>;
  project?(tx: Sql, change: CaseChange): Promise<void>;
  /** Candidate events per state, for model-based tests and diagrams of who may do what. */
  modelEvents?(snapshot: AnyMachineSnapshot): MachineEvent[];
}

/** Decides who may see a case; bound to the identity policy by the application. */
export abstract class CaseAccessPolicy {
  abstract canSee(actor: WorkflowActor, ownership: CaseOwnership): boolean;
}
