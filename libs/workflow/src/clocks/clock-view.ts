import { addDays, beijingDateOf, type BilingualText } from '@credence/shared';
import type { WorkingCalendar } from '@credence/working-calendar';
import type { ClockState } from './clock-state';

/** A clock as every view shows it (issue: kind, started, due, remaining working days, paused, provisional). */
export interface ClockView {
  name: string;
  /** The time-limit key it runs on, e.g. `repair.acceptance`. */
  kind: string;
  label: BilingualText;
  legalBasis: BilingualText;
  status: ClockState['status'];
  paused: boolean;
  startedAt: string;
  dueDate: string | null;
  dueAt: string | null;
  /** The limit plus extensions, in working days. */
  workingDays: number;
  /** Working days left, today included unless it is the uncounted start day (null once stopped). */
  remainingWorkingDays: number | null;
  /** Working days past the due date (0 when not overdue). */
  overdueWorkingDays: number;
  provisional: boolean;
  dueSoon: boolean;
  overdue: boolean;
  pausedAt: string | null;
  extensions: ClockState['extensions'];
  stoppedAt: string | null;
  outcome: ClockState['outcome'];
}

/** Remaining and overdue are read against now, so a view is right even before the worker records a threshold. */
export function clockViewOf(
  clock: ClockState,
  calendar: WorkingCalendar,
  now: Date,
  dueSoonDays: number,
): ClockView {
  const today = beijingDateOf(now);
  const running = clock.status === 'running' && clock.dueDate !== null && clock.dueAt !== null;
  const overdue = running && now.toISOString() >= clock.dueAt!;
  // The day counting starts from (receipt, resumption) is not counted: on it, the whole limit is still ahead.
  const countFrom = today > clock.anchorDate ? today : addDays(clock.anchorDate, 1);
  const remaining = running
    ? calendar.remainingWorkingDays(countFrom, clock.dueDate!).value
    : clock.status === 'paused'
      ? clock.remainingAtPause
      : null;
  return {
    name: clock.name,
    kind: clock.limitKey,
    label: clock.label,
    legalBasis: clock.legalBasis,
    status: clock.status,
    paused: clock.status === 'paused',
    startedAt: clock.startedAt,
    dueDate: clock.dueDate,
    dueAt: clock.dueAt,
    workingDays: clock.workingDays,
    remainingWorkingDays: remaining,
    overdueWorkingDays: overdue ? Math.max(0, calendar.workingDaysBetween(clock.dueDate!, today).value) : 0,
    provisional: clock.status !== 'stopped' && clock.provisional,
    dueSoon: running && !overdue && remaining !== null && remaining <= dueSoonDays,
    overdue,
    pausedAt: clock.pausedAt,
    extensions: clock.extensions,
    stoppedAt: clock.stoppedAt,
    outcome: clock.outcome,
  };
}
