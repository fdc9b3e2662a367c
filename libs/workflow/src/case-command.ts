import type { AnyMachineSnapshot } from 'xstate';
import type { RecordedEvent } from '@credence/event-store';
import type { WorkflowActor } from './case-event';
import type { CaseOwnership, CaseTypeDefinition } from './case-type';
import type { ClockState } from './clocks/clock-state';
import type { TimerView } from './case-records';
import type { Holding } from './workbench/holding';
import type { Effect } from './machine-runtime';

export interface RequestOrigin {
  correlationId: string;
  causationId?: string | null;
  idempotencyKey?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface CaseCommand {
  caseType: string;
  caseId: string;
  /** The machine event type to record, e.g. `CreditRecordShielded`. */
  eventType: string;
  data: Record<string, unknown>;
  actor: WorkflowActor;
  origin: RequestOrigin;
  /** From If-Match: the version the client saw. Without it a lost race is re-decided once on fresh state. */
  expectedVersion?: number;
  /** Opens a new case: its stream must not exist. */
  create?: boolean;
  /** Rule-set version the decision was made under, recorded in the event's metadata. */
  ruleSet?: string | null;
  /**
   * The case as the caller just loaded it to gather the command's facts. Used instead of reading the stream again
   * when `expectedVersion` is its version; the append's version and hash checks still refuse a stale one.
   */
  loaded?: LoadedCase;
  /** Outbox rows to write beside the event (a return re-arms reminders for its new holder). */
  effects?: Effect[];
}

export interface LoadedCase {
  definition: CaseTypeDefinition;
  caseId: string;
  streamId: string;
  snapshot: AnyMachineSnapshot;
  version: number;
  ownership: CaseOwnership;
  events: RecordedEvent[];
  /** The case's statutory clocks, folded from its clock events. */
  clocks: Map<string, ClockState>;
  /** Who holds the case's current step (claim, transfer, delegation, co-signers), folded from its events. */
  holding: Holding;
  /**
   * The case's pending timers when they are known without a read: the command that created it scheduled all of
   * them. Absent otherwise (the view reads them).
   */
  pendingTimers?: TimerView[];
}

export function streamIdOf(caseType: string, caseId: string): string {
  return `${caseType}-${caseId}`;
}
