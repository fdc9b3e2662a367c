import type { BilingualText } from '@credence/shared';
import type { RecordedEvent } from '@credence/event-store';

/**
 * A statutory clock of a case, as its events tell it. The due date is a fact recorded when it was computed (with
 * the calendar version), so a replay never needs the calendar and an auditor sees the date the parties were told.
 */
export interface ClockState {
  name: string;
  limitKey: string;
  limitId: string;
  label: BilingualText;
  legalBasis: BilingualText;
  status: 'running' | 'paused' | 'stopped';
  startedAt: string;
  /** Counting resumes after this date … */
  anchorDate: string;
  /** … for this many working days (the limit, less what was used before a pause, plus extensions). */
  daysFromAnchor: number;
  /** The limit plus every extension. */
  workingDays: number;
  dueDate: string | null;
  dueAt: string | null;
  provisional: boolean;
  calendarVersion: string;
  pausedAt: string | null;
  /** Working days left when paused. */
  remainingAtPause: number | null;
  extensions: { workingDays: number; reason: BilingualText | string; at: string }[];
  dueSoon: boolean;
  overdue: boolean;
  stoppedAt: string | null;
  outcome: 'met' | 'late' | null;
}

/** Clock events are the engine's own: written beside the machine's events, folded here, never by the machine. */
export const CLOCK_EVENT_TYPES = [
  'ClockStarted',
  'ClockPaused',
  'ClockResumed',
  'ClockExtended',
  'ClockRecomputed',
  'ClockDueSoon',
  'ClockElapsed',
  'ClockStopped',
] as const;
export type ClockEventType = (typeof CLOCK_EVENT_TYPES)[number];

const CLOCK_EVENTS = new Set<string>(CLOCK_EVENT_TYPES);

export function isClockEvent(type: string): type is ClockEventType {
  return CLOCK_EVENTS.has(type);
}

/** The due date as last computed, carried by the events that (re)compute it. */
export interface DueFields {
  dueDate: string;
  dueAt: string;
  provisional: boolean;
  calendarVersion: string;
}

export interface ClockEvent {
  type: ClockEventType;
  data: { clock: string } & Record<string, unknown>;
}

/** What clock events carry (each type uses its part). */
interface ClockEventData extends Partial<DueFields> {
  clock: string;
  limit?: { key: string; id: string; workingDays: number; label: BilingualText; legalBasis: BilingualText };
  startedAt?: string;
  anchorDate?: string;
  pausedAt?: string;
  remainingWorkingDays?: number;
  workingDays?: number;
  reason?: BilingualText | string;
  at?: string;
  stoppedAt?: string;
  outcome?: 'met' | 'late';
}

/** Applies one clock event; pure, so the same events always give the same clocks. */
export function applyClockEvent(clocks: Map<string, ClockState>, event: ClockEvent): void {
  const d = event.data as ClockEventData;
  if (event.type === 'ClockStarted') {
    clocks.set(d.clock, started(d));
    return;
  }
  const clock = clocks.get(d.clock);
  if (!clock) return;
  switch (event.type) {
    case 'ClockPaused':
      Object.assign(clock, {
        status: 'paused',
        pausedAt: d.pausedAt,
        remainingAtPause: d.remainingWorkingDays,
        dueDate: null,
        dueAt: null,
        dueSoon: false,
      });
      break;
    case 'ClockResumed':
      Object.assign(clock, {
        status: 'running',
        pausedAt: null,
        remainingAtPause: null,
        anchorDate: d.anchorDate,
        daysFromAnchor: d.remainingWorkingDays,
        ...due(d),
      });
      break;
    case 'ClockExtended': {
      const days = d.workingDays ?? 0;
      clock.extensions.push({ workingDays: days, reason: d.reason ?? '', at: d.at ?? '' });
      clock.workingDays += days;
      if (clock.status === 'paused') clock.remainingAtPause = (clock.remainingAtPause ?? 0) + days;
      else
        Object.assign(clock, {
          daysFromAnchor: clock.daysFromAnchor + days,
          dueSoon: false,
          overdue: false,
          ...due(d),
        });
      break;
    }
    case 'ClockRecomputed':
      Object.assign(clock, due(d));
      break;
    case 'ClockDueSoon':
      clock.dueSoon = true;
      break;
    case 'ClockElapsed':
      clock.overdue = true;
      break;
    case 'ClockStopped':
      Object.assign(clock, { status: 'stopped', stoppedAt: d.stoppedAt, outcome: d.outcome });
      break;
  }
}

function started(d: ClockEventData): ClockState {
  const limit = d.limit!;
  return {
    name: d.clock,
    limitKey: limit.key,
    limitId: limit.id,
    label: limit.label,
    legalBasis: limit.legalBasis,
    status: 'running',
    startedAt: d.startedAt!,
    anchorDate: d.anchorDate!,
    daysFromAnchor: limit.workingDays,
    workingDays: limit.workingDays,
    dueDate: d.dueDate!,
    dueAt: d.dueAt!,
    provisional: d.provisional!,
    calendarVersion: d.calendarVersion!,
    pausedAt: null,
    remainingAtPause: null,
    extensions: [],
    dueSoon: false,
    overdue: false,
    stoppedAt: null,
    outcome: null,
  };
}

function due(d: ClockEventData): Partial<ClockState> {
  if (d.dueDate === undefined) return {};
  return {
    dueDate: d.dueDate,
    dueAt: d.dueAt,
    provisional: d.provisional,
    calendarVersion: d.calendarVersion,
  };
}

export function foldClocks(events: Pick<RecordedEvent, 'type' | 'data'>[]): Map<string, ClockState> {
  const clocks = new Map<string, ClockState>();
  for (const event of events) {
    if (isClockEvent(event.type)) applyClockEvent(clocks, event as ClockEvent);
  }
  return clocks;
}
