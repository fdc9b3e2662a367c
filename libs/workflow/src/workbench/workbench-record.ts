import type { LoadedCase, RequestOrigin } from '../case-command';
import type { CaseEngine } from '../case-engine';
import type { WorkflowActor } from '../case-event';
import type { Effect } from '../machine-runtime';
import type { WorkbenchEventData, WorkbenchEventType } from './workbench-events';

/** A workbench event an operation implies, recorded in the same append before the operation's own. */
export interface Implied<T extends WorkbenchEventType> {
  type: T;
  data: WorkbenchEventData[T];
}

/** Records a workbench event `type` (after the events the operation implies, in the same append). */
export function recordWorkbenchEvent<T extends WorkbenchEventType>(
  engine: CaseEngine,
  loaded: LoadedCase,
  actor: WorkflowActor,
  origin: RequestOrigin,
  type: T,
  data: WorkbenchEventData[T],
  effects: Effect[] = [],
  implied: Implied<WorkbenchEventType>[] = [],
): Promise<LoadedCase> {
  return engine.record(loaded, { type, data, effects }, actor, origin, undefined, implied);
}

/**
 * Reminders re-arm for the new holder: a clock already past its due-soon (or due) instant reminded the previous
 * holder, so the new one is told now, through the same outbox topic.
 */
export function rearmReminders(loaded: LoadedCase, holder: string | null): Effect[] {
  return [...loaded.clocks.values()]
    .filter((c) => c.status === 'running' && (c.dueSoon || c.overdue))
    .map((c) => ({
      type: 'emitOutbox' as const,
      params: {
        topic: c.overdue ? 'clock.overdue' : 'clock.due-soon',
        payload: { clock: c.name, dueDate: c.dueDate, dueAt: c.dueAt, holder, rearmed: true },
      },
    }));
}
