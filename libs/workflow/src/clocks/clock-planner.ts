import type { AnyMachineSnapshot } from 'xstate';
import { beijingDateOf, type BilingualText } from '@credence/shared';
import type { StatutoryTimeSnapshot, WorkingCalendar } from '@credence/working-calendar';
import type { Effect } from '../machine-runtime';
import { applyClockEvent, type ClockEvent, type ClockState, type DueFields } from './clock-state';

/** A clock a state runs: started when the state is entered, stopped when it is left. */
export interface ClockDeclaration {
  name: string;
  /** The time-limit key (e.g. `repair.acceptance`): the working days come from the limit in force, never code. */
  limit: string;
  /** The machine event recorded when the limit runs out (escalate, close …); without one the case is only flagged overdue. */
  onElapsed?: string;
}

/** The part of state meta that drives clocks. */
export interface ClockMeta {
  clocks?: ClockDeclaration[];
  /** Clocks that stand still while the case is in this state (补正: the applicant holds the case). */
  pausesClocks?: string[];
}

/** Machine action that extends a running clock, with the reason the applicant is told. */
export interface ExtendClockParams {
  clock: string;
  /** A time-limit key for the length (e.g. `repair.extension`), or … */
  limit?: string;
  /** … an explicit number of working days. */
  workingDays?: number;
  reason: BilingualText | string;
}

export interface ClockPlan {
  events: ClockEvent[];
  timers: Effect[];
  /** Every clock after the plan, for the read model. */
  clocks: Map<string, ClockState>;
  changed: Set<string>;
  /** When a clock turns "due soon" (null when it has no due date or the margin is 0), for the read model. */
  dueSoonAt(clock: ClockState): Date | null;
}

export const timerName = (clock: string, threshold: 'due-soon' | 'elapsed') => `clock:${clock}:${threshold}`;

export function parseTimerName(name: string): { clock: string; threshold: 'due-soon' | 'elapsed' } | null {
  const match = /^clock:(.+):(due-soon|elapsed)$/.exec(name);
  return match ? { clock: match[1], threshold: match[2] as 'due-soon' | 'elapsed' } : null;
}

/** A clock threshold timer firing, as the timer worker hands it over (`ClockDueSoon` / `ClockElapsed`). */
export function clockThresholdOf(command: {
  eventType: string;
  data: Record<string, unknown>;
}): { clock: string; threshold: 'due-soon' | 'elapsed' } | null {
  if (command.eventType !== 'ClockDueSoon' && command.eventType !== 'ClockElapsed') return null;
  return typeof command.data.timer === 'string' ? parseTimerName(command.data.timer) : null;
}

function metaOf(snapshot: AnyMachineSnapshot | null): ClockMeta[] {
  if (!snapshot || snapshot.status !== 'active') return [];
  return Object.values(snapshot.getMeta() as Record<string, ClockMeta | undefined>).filter((m) => !!m);
}

export function declaredClocks(snapshot: AnyMachineSnapshot | null): Map<string, ClockDeclaration> {
  return new Map(metaOf(snapshot).flatMap((m) => (m.clocks ?? []).map((c) => [c.name, c] as const)));
}

function pausedClocks(snapshot: AnyMachineSnapshot | null): Set<string> {
  return new Set(metaOf(snapshot).flatMap((m) => m.pausesClocks ?? []));
}

/**
 * Plans one command's clock changes from the states left and entered: stop, start, resume, pause, then the
 * extensions the machine asked for. Pure: the calendar and limits are handed in, the result is events and timers.
 */
export class ClockPlanner {
  private readonly plan: ClockPlan;
  private readonly today: string;
  private readonly calendar: WorkingCalendar;

  constructor(
    clocks: Map<string, ClockState>,
    private readonly time: StatutoryTimeSnapshot,
    private readonly authorityCode: string,
    private readonly now: Date,
  ) {
    this.plan = {
      events: [],
      timers: [],
      clocks: new Map([...clocks].map(([k, v]) => [k, structuredClone(v)])),
      changed: new Set(),
      dueSoonAt: (clock) => this.dueSoonAt(clock),
    };
    this.today = beijingDateOf(now);
    this.calendar = time.calendarFor(authorityCode);
  }

  /** No clock changes: an event that leaves the machine where it was (a workbench operation). */
  unchanged(): ClockPlan {
    return this.plan;
  }

  transition(prev: AnyMachineSnapshot | null, next: AnyMachineSnapshot, effects: Effect[]): ClockPlan {
    const before = declaredClocks(prev);
    const after = declaredClocks(next);
    const pausedBefore = pausedClocks(prev);
    const pausedAfter = pausedClocks(next);
    for (const name of before.keys()) if (!after.has(name)) this.stop(name);
    for (const [name, declaration] of after)
      if (!before.has(name) || !this.isOpen(name)) this.start(declaration);
    for (const name of pausedBefore) if (!pausedAfter.has(name)) this.resume(name);
    for (const name of pausedAfter)
      if (!pausedBefore.has(name) || this.status(name) === 'running') this.pause(name);
    for (const effect of effects) if (effect.type === 'extendClock') this.extend(effect.params);
    return this.plan;
  }

  /**
   * A threshold timer fired: record it once. Pending timers are replaced whenever the due date moves, so a timer
   * that still fires for a clock no longer running (or already flagged) is stale and records nothing.
   */
  threshold(name: string, threshold: 'due-soon' | 'elapsed'): ClockPlan | null {
    const clock = this.plan.clocks.get(name);
    if (!clock || clock.status !== 'running' || !clock.dueDate || !clock.dueAt) return null;
    if (threshold === 'due-soon') {
      if (clock.dueSoon || clock.overdue) return null;
      const left = this.calendar.remainingWorkingDays(this.today, clock.dueDate).value;
      this.record({
        type: 'ClockDueSoon',
        data: { clock: name, dueDate: clock.dueDate, dueAt: clock.dueAt, remainingWorkingDays: left },
      });
    } else {
      if (clock.overdue || this.now.toISOString() < clock.dueAt) return null;
      this.record({
        type: 'ClockElapsed',
        data: { clock: name, dueDate: clock.dueDate, dueAt: clock.dueAt },
      });
    }
    return this.plan;
  }

  /** Recomputes running provisional deadlines against the current calendar (a year was loaded). */
  recompute(): ClockPlan {
    for (const clock of this.plan.clocks.values()) {
      if (clock.status !== 'running' || !clock.provisional) continue;
      const fresh = this.dueFrom(clock.anchorDate, clock.daysFromAnchor);
      if (fresh.dueDate === clock.dueDate && fresh.provisional === clock.provisional) continue;
      this.record({
        type: 'ClockRecomputed',
        data: { clock: clock.name, previousDueDate: clock.dueDate, ...fresh },
      });
      this.arm(clock.name);
    }
    return this.plan;
  }

  private start(declaration: ClockDeclaration): void {
    const limit = this.time.limit(declaration.limit, this.authorityCode, this.today);
    this.record({
      type: 'ClockStarted',
      data: {
        clock: declaration.name,
        limit: {
          key: limit.key,
          id: limit.id,
          workingDays: limit.workingDays,
          label: limit.label,
          legalBasis: limit.legalBasis,
        },
        startedAt: this.now.toISOString(),
        // The day of receipt is not counted (DOMAIN.md §7): counting starts after today.
        anchorDate: this.today,
        ...this.dueFrom(this.today, limit.workingDays),
      },
    });
    this.arm(declaration.name);
  }

  private stop(name: string): void {
    const clock = this.plan.clocks.get(name);
    if (!clock || clock.status === 'stopped') return;
    const late = clock.status === 'running' && clock.dueAt !== null && this.now.toISOString() >= clock.dueAt;
    this.record({
      type: 'ClockStopped',
      data: { clock: name, stoppedAt: this.now.toISOString(), outcome: late ? 'late' : 'met' },
    });
    this.disarm(name);
  }

  private pause(name: string): void {
    const clock = this.plan.clocks.get(name);
    if (!clock || clock.status !== 'running') return;
    // Working days after today up to the due date: today was used, the rest is owed when the case comes back.
    const left = Math.max(0, this.calendar.workingDaysBetween(this.today, clock.dueDate!).value);
    this.record({
      type: 'ClockPaused',
      data: { clock: name, pausedAt: this.now.toISOString(), remainingWorkingDays: left },
    });
    this.disarm(name);
  }

  private resume(name: string): void {
    const clock = this.plan.clocks.get(name);
    if (!clock || clock.status !== 'paused') return;
    const remaining = clock.remainingAtPause ?? 0;
    this.record({
      type: 'ClockResumed',
      data: {
        clock: name,
        resumedAt: this.now.toISOString(),
        anchorDate: this.today,
        remainingWorkingDays: remaining,
        ...this.dueFrom(this.today, remaining),
      },
    });
    this.arm(name);
  }

  private extend(params: ExtendClockParams): void {
    const clock = this.plan.clocks.get(params.clock);
    if (!clock || clock.status === 'stopped') return;
    const days =
      params.workingDays ?? this.time.limit(params.limit ?? '', this.authorityCode, this.today).workingDays;
    const due = clock.status === 'running' ? this.dueFrom(clock.anchorDate, clock.daysFromAnchor + days) : {};
    this.record({
      type: 'ClockExtended',
      data: {
        clock: params.clock,
        workingDays: days,
        reason: params.reason,
        at: this.now.toISOString(),
        ...due,
      },
    });
    if (clock.status === 'running') this.arm(params.clock);
  }

  private dueFrom(anchorDate: string, workingDays: number): DueFields {
    const deadline = this.calendar.deadlineFrom(anchorDate, workingDays);
    return {
      dueDate: deadline.dueDate,
      dueAt: deadline.dueAt.toISOString(),
      provisional: deadline.provisional,
      calendarVersion: this.calendar.version,
    };
  }

  /** Timers for both thresholds of the clock's current due date (replacing any pending ones). */
  private arm(name: string): void {
    const clock = this.plan.clocks.get(name)!;
    this.plan.timers.push({
      type: 'scheduleTimer',
      params: { name: timerName(name, 'elapsed'), event: 'ClockElapsed', dueAt: clock.dueAt! },
    });
    const dueSoonAt = this.dueSoonAt(clock);
    if (!dueSoonAt) return;
    const at = dueSoonAt < this.now ? this.now : dueSoonAt;
    this.plan.timers.push({
      type: 'scheduleTimer',
      params: { name: timerName(name, 'due-soon'), event: 'ClockDueSoon', dueAt: at.toISOString() },
    });
  }

  private dueSoonAt(clock: ClockState): Date | null {
    const margin = this.time.limit('reminder.due-soon', this.authorityCode, this.today).workingDays;
    return clock.dueDate && margin > 0 ? this.calendar.dueSoonAt(clock.dueDate, margin) : null;
  }

  private disarm(name: string): void {
    this.plan.timers.push(
      { type: 'cancelTimer', params: { name: timerName(name, 'elapsed') } },
      { type: 'cancelTimer', params: { name: timerName(name, 'due-soon') } },
    );
  }

  private isOpen(name: string): boolean {
    const status = this.status(name);
    return status === 'running' || status === 'paused';
  }

  private status(name: string): ClockState['status'] | undefined {
    return this.plan.clocks.get(name)?.status;
  }

  private record(event: ClockEvent): void {
    applyClockEvent(this.plan.clocks, event);
    this.plan.events.push(event);
    this.plan.changed.add(event.data.clock);
  }
}
