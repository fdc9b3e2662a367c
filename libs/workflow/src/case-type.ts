import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { BilingualText, SqlWrite } from '@credence/shared';
import type { MachineEvent, WorkflowActor } from './case-event';
import type { CatalogueEvent } from './event-catalogue';
import type { AnyRefusalCatalogue } from './refusals/refusal';
import type { ActionTable } from './actions/action-table';

/** Where a case belongs: decides who sees it (policy) and whose queue it is in. */
export interface CaseOwnership {
  authorityCode: string;
  authorityPath: string;
  subjectCode: string;
  subjectName: string;
  /** A short human title for lists, e.g. the decision number. */
  title: string;
}

/**
 * What one command changes, handed to the case type's inline projection (which runs in the append statement); the
 * event is typed by the workflow's catalogue (`CaseChange<RepairEvent>`).
 */
export interface CaseChange<TEvent extends CatalogueEvent = CatalogueEvent> {
  caseId: string;
  streamId: string;
  snapshot: AnyMachineSnapshot;
  ownership: CaseOwnership;
  /** The case's version once the event is appended. */
  version: number;
  event: { eventId: string } & TEvent;
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
  /**
   * The actions on an existing case (`<workflow>.actions.ts`): per action its event, facts and transaction; run by
   * the one pipeline (CaseActionCommand). Creation stays with the workflow's own command.
   */
  actionTable?: ActionTable<never>;
  /**
   * Every guard the machine names → the refusal that explains it (`<workflow>.refusals.ts` beside the machine): what
   * is wrong and what would make the action possible. The engine answers a refused action with it.
   */
  refusals: AnyRefusalCatalogue;
  ownershipOf(context: unknown): CaseOwnership;
  /** The type-specific part of the case view. */
  viewOf?(context: unknown): Record<string, unknown>;
  /** Inline read-model writes, run in the same statement as the append (see SqlWrite). */
  project?(change: CaseChange): SqlWrite[];
  /** Candidate events per state, for model-based tests and diagrams of who may do what. */
  modelEvents?(snapshot: AnyMachineSnapshot): MachineEvent[];
}

/** Decides who may see a case; bound to the identity policy by the application. */
export abstract class CaseAccessPolicy {
  abstract canSee(actor: WorkflowActor, ownership: CaseOwnership): boolean;
}
