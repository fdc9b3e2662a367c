import type { Database, BilingualText } from '@credence/shared';
import type { StatutoryTimeSnapshot } from '@credence/working-calendar';
import { nearestClockViews } from './clocks/clock-views';

/**
 * A case waiting for staff, from the machines' state meta (`workItem.roles`) that the engine copies to the case row;
 * the queue (WorkQueue) adds who holds it.
 */
export interface WorkItem {
  caseId: string;
  type: string;
  state: string[];
  stateLabel: BilingualText;
  title: string;
  subjectCode: string;
  subjectName: string;
  authorityCode: string;
  version: number;
  updatedAt: string;
  /** The nearest open deadline of the case, if a clock runs. */
  due: WorkItemDue | null;
}

/** A row's nearest open deadline, in the words of the case page's clock (ClockView). */
export interface WorkItemDue {
  dueAt: string;
  /** The Beijing date the limit runs out at the end of. */
  dueDate: string | null;
  provisional: boolean;
  dueSoon: boolean;
  overdue: boolean;
  /** Working days left, today included unless it is the uncounted start day (0 once overdue). */
  remainingWorkingDays: number | null;
  /** Working days past the due date (0 when not overdue). */
  overdueWorkingDays: number;
}

/** The columns a list query reads of a case's nearest running clock (`case_clocks`). */
export interface DueColumns {
  id: string;
  authority_code: string;
  due_at: Date | null;
  due_soon_at: Date | null;
  provisional: boolean | null;
}

/**
 * The due of each listed row: the flags from the columns the filters read (so "due soon" lists what it flags), the
 * days counted by the same clock view as the case page's (clockViewsOf), never a second count.
 */
export async function duesOf(
  db: Database,
  time: StatutoryTimeSnapshot,
  now: Date,
  rows: DueColumns[],
): Promise<Map<string, WorkItemDue>> {
  const timed = rows.filter((r) => r.due_at !== null);
  const clocks = await nearestClockViews(
    db,
    time,
    now,
    timed.map((r) => ({ caseId: r.id, authorityCode: r.authority_code })),
  );
  return new Map(
    timed.map((r) => {
      const clock = clocks.get(r.id);
      const due: WorkItemDue = {
        dueAt: r.due_at!.toISOString(),
        dueDate: clock?.dueDate ?? null,
        provisional: r.provisional ?? false,
        overdue: r.due_at! <= now,
        dueSoon: r.due_soon_at !== null && r.due_soon_at <= now && r.due_at! > now,
        remainingWorkingDays: clock?.remainingWorkingDays ?? null,
        overdueWorkingDays: clock?.overdueWorkingDays ?? 0,
      };
      return [r.id, due];
    }),
  );
}
