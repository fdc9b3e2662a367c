import {
  getNextTransitions,
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
} from 'xstate';
import type { BilingualText } from '@credence/shared';
import type { RecordedEvent } from '@credence/event-store';
import type { MachineEvent, Role, StateMeta, TransitionMeta, WorkflowActor } from './case-event';
import type { ExtendClockParams } from './clocks/clock-planner';
import { isClockEvent } from './clocks/clock-state';
import { HistoryNotReplayableError } from './errors';
import { isWorkbenchEvent } from './workbench/workbench-events';
import { guardName, type RawTransition } from './machine-definition';

export * from './machine-definition';

// The only file that calls xstate's runtime: machines elsewhere are declarations (xstate-recipe §1).

/**
 * The machine event a recorded event stands for: who (from metadata), what, and when (recorded time). The one place
 * stored data meets a workflow's event catalogue (`<workflow>.events.ts`): events are never rewritten, so each
 * catalogue describes its events as every version recorded them (fields added later are optional), and machines,
 * updates, projections and reactions read the data typed from here on.
 */
export function toMachineEvent(event: RecordedEvent): MachineEvent {
  const m = event.metadata;
  return {
    type: event.type,
    data: event.data,
    actor: {
      id: m.actorId,
      role: m.actorRole as Role,
      authorityCode: m.authorityCode ?? null,
      authorityPath: (m.authorityPath as string | null | undefined) ?? null,
      subjectCode: (m.actorSubjectCode as string | null | undefined) ?? null,
    },
    at: event.recordedAt.toISOString(),
  };
}

export function initialSnapshot(machine: AnyStateMachine, caseId: string): AnyMachineSnapshot {
  return initialTransition(machine, { caseId })[0];
}

/**
 * Strict fold: every stored machine event must be accepted, or the history and the machine disagree (a tripwire).
 * Clock events are the engine's, folded by foldClocks.
 */
export function fold(machine: AnyStateMachine, caseId: string, events: RecordedEvent[]): AnyMachineSnapshot {
  let snapshot = initialSnapshot(machine, caseId);
  for (const event of events) snapshot = step(machine, snapshot, event);
  return snapshot;
}

/**
 * The strict fold, calling `visit` with the machine after each event (the engine folds who holds the case's step
 * beside it, from the same pass).
 */
export function foldVisiting(
  machine: AnyStateMachine,
  caseId: string,
  events: RecordedEvent[],
  visit: (event: RecordedEvent, after: AnyMachineSnapshot) => void,
): AnyMachineSnapshot {
  let snapshot = initialSnapshot(machine, caseId);
  for (const event of events) {
    snapshot = step(machine, snapshot, event);
    visit(event, snapshot);
  }
  return snapshot;
}

/** Applies one recorded event; clock and workbench events leave the machine where it was. */
function step(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: RecordedEvent,
): AnyMachineSnapshot {
  if (isClockEvent(event.type) || isWorkbenchEvent(event.type)) return snapshot;
  const machineEvent = toMachineEvent(event);
  if (!snapshot.can(machineEvent)) {
    throw new HistoryNotReplayableError(event.streamId, event.streamVersion, event.type, stateKey(snapshot));
  }
  return transition(machine, snapshot, machineEvent)[0];
}

export type Effect =
  | { type: 'scheduleTimer'; params: { name: string; event: string; dueAt: string } }
  | { type: 'cancelTimer'; params: { name: string } }
  | { type: 'emitOutbox'; params: { topic: string; payload?: Record<string, unknown> } }
  | { type: 'extendClock'; params: ExtendClockParams };

const EFFECT_TYPES = new Set(['scheduleTimer', 'cancelTimer', 'emitOutbox', 'extendClock']);

/** Decides one event: the next snapshot and the effects (as data) to write in the same transaction. */
export function decide(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: MachineEvent,
): { accepted: false } | { accepted: true; next: AnyMachineSnapshot; effects: Effect[] } {
  if (!snapshot.can(event)) return { accepted: false };
  const [next, actions] = transition(machine, snapshot, event);
  // xstate.* built-ins (raise, assign …) are already applied inside the macrostep; only our effects remain.
  const effects = actions
    .filter((a) => EFFECT_TYPES.has(a.type))
    .map((a) => ({ type: a.type, params: a.params }) as unknown as Effect);
  return { accepted: true, next, effects };
}

/** Transitions out of the active states and their ancestors, typed as much as we read of them. */
function nextTransitions(snapshot: AnyMachineSnapshot): { eventType: string; meta?: unknown }[] {
  return getNextTransitions(snapshot) as { eventType: string; meta?: unknown }[];
}

/** Event types any transition out of the active states listens to (guards not yet evaluated). */
export function candidateEventTypes(snapshot: AnyMachineSnapshot): string[] {
  return [...new Set(nextTransitions(snapshot).map((t) => t.eventType))].filter(
    (t) => t && !t.startsWith('xstate.') && t !== '*',
  );
}

export interface AvailableTransition {
  eventType: string;
  label: BilingualText | null;
}

/** What this actor may do now: candidates whose guards pass for this actor at this time. */
export function availableTransitions(
  snapshot: AnyMachineSnapshot,
  actor: WorkflowActor,
  at: string,
): AvailableTransition[] {
  if (snapshot.status !== 'active') return [];
  const byType = new Map<string, AvailableTransition>();
  for (const t of nextTransitions(snapshot)) {
    if (!t.eventType || t.eventType.startsWith('xstate.') || byType.has(t.eventType)) continue;
    const probe: MachineEvent = { type: t.eventType, data: {}, actor, at };
    if (safeCan(snapshot, probe)) {
      byType.set(t.eventType, {
        eventType: t.eventType,
        label: (t.meta as TransitionMeta | undefined)?.label ?? null,
      });
    }
  }
  return [...byType.values()];
}

/** Whether the actor may send this event now (a guard that cannot judge an empty probe lets the command decide). */
export function safeCan(snapshot: AnyMachineSnapshot, event: MachineEvent): boolean {
  try {
    return snapshot.can(event);
  } catch {
    // A guard that needs payload fields cannot be judged from an empty probe; offer the action, let the command decide.
    return true;
  }
}

/** Active leaf states as dotted paths, e.g. `registered.publicity.published`. */
export function activeStatePaths(snapshot: AnyMachineSnapshot): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === 'string') paths.push(prefix ? `${prefix}.${value}` : value);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(snapshot.value, '');
  return paths;
}

export function stateKey(snapshot: AnyMachineSnapshot): string {
  return activeStatePaths(snapshot).join(' + ');
}

/** Meta of the active states, innermost last. */
export function activeStateMeta(snapshot: AnyMachineSnapshot): StateMeta[] {
  return Object.values(snapshot.getMeta() as Record<string, StateMeta | undefined>).filter(
    (m): m is StateMeta => !!m?.label,
  );
}

export function stateLabel(snapshot: AnyMachineSnapshot): BilingualText {
  const metas = leafMetas(snapshot);
  return { zh: metas.map((m) => m.label.zh).join(' · '), en: metas.map((m) => m.label.en).join(' · ') };
}

function leafMetas(snapshot: AnyMachineSnapshot): StateMeta[] {
  const meta = snapshot.getMeta() as Record<string, StateMeta | undefined>;
  const machineId = snapshot.machine.id;
  return activeStatePaths(snapshot)
    .map((path) => meta[`${machineId}.${path}`])
    .filter((m): m is StateMeta => !!m?.label);
}

/** The work item of the current state, if someone must act. */
export function workItemOf(snapshot: AnyMachineSnapshot): StateMeta['workItem'] | null {
  const work = activeStateMeta(snapshot).find((m) => m.workItem)?.workItem;
  if (!work) return null;
  const { when, ...item } = work;
  return !when || (when as (context: unknown) => boolean)(snapshot.context) ? item : null;
}

/** One step of a history: the machine before and after one recorded event (clock events leave it where it was). */
export interface FoldStep {
  event: RecordedEvent;
  before: AnyMachineSnapshot;
  after: AnyMachineSnapshot;
}

/** The strict fold, one step per event, for readers that show every transition (the audit trail). */
export function foldSteps(machine: AnyStateMachine, caseId: string, events: RecordedEvent[]): FoldStep[] {
  const steps: FoldStep[] = [];
  let snapshot = initialSnapshot(machine, caseId);
  for (const event of events) {
    const before = snapshot;
    snapshot = step(machine, snapshot, event);
    steps.push({ event, before, after: snapshot });
  }
  return steps;
}

/** The label (transition meta) of the transition a recorded event takes out of `before`, when the machine names it. */
export function transitionLabel(before: AnyMachineSnapshot, event: RecordedEvent): BilingualText | null {
  if (isClockEvent(event.type) || isWorkbenchEvent(event.type)) return null;
  const taken = before.machine.getTransitionData(before, toMachineEvent(event)) as { meta?: unknown }[];
  for (const t of taken) {
    const label = (t.meta as TransitionMeta | undefined)?.label;
    if (label) return label;
  }
  return null;
}

/** One transition an event could take out of the active states: its named guard and its label. */
export interface CandidateTransition {
  /** The guard's name in the machine's `setup({ guards })`; null for an unguarded or inline guard. */
  guard: string | null;
  /** An inline (unnamed) guard: it cannot be explained by name. */
  inlineGuard: boolean;
  label: BilingualText | null;
}

/**
 * The transitions for one event type out of the active states, in the order xstate tries them (the innermost state
 * first, then its ancestors; within a state, as listed).
 */
export function transitionsFor(snapshot: AnyMachineSnapshot, eventType: string): CandidateTransition[] {
  return (getNextTransitions(snapshot) as RawTransition[])
    .filter((t) => t.eventType === eventType)
    .map((t) => ({
      guard: guardName(t.guard),
      inlineGuard: t.guard !== undefined && guardName(t.guard) === null,
      label: (t.meta as TransitionMeta | undefined)?.label ?? null,
    }));
}

/**
 * Evaluates a named guard of the snapshot's machine for an event: true or false, or undefined when it cannot judge
 * it (a guard that throws needs payload the event does not carry).
 */
export function guardVerdict(
  snapshot: AnyMachineSnapshot,
  guard: string,
  event: MachineEvent,
): boolean | undefined {
  const implementation = (snapshot.machine.implementations.guards as Record<string, unknown>)[guard];
  if (typeof implementation !== 'function') return undefined;
  try {
    return Boolean(
      (implementation as (args: unknown, params: unknown) => unknown)(
        { context: snapshot.context as unknown, event },
        undefined,
      ),
    );
  } catch {
    return undefined;
  }
}

/** A return target a state declares (`returnsTo`): its name as the API gives it and the label of the step. */
export interface ReturnTarget {
  to: string;
  label: BilingualText | null;
  /** The state it re-enters (a recall finds its own step by it). */
  stateKey: string;
}

/** Where a case may be returned to from its current state, read from its `CaseReturned` transitions. */
export function returnTargetsOf(snapshot: AnyMachineSnapshot): ReturnTarget[] {
  if (snapshot.status !== 'active') return [];
  const raw = getNextTransitions(snapshot) as (RawTransition & {
    target?: { meta?: unknown; path: string[] }[];
  })[];
  return raw
    .filter((t) => t.eventType === 'CaseReturned')
    .flatMap((t) => {
      const to = (t.guard as { params?: { to?: string } } | undefined)?.params?.to;
      const meta = t.target?.[0]?.meta as StateMeta | undefined;
      const path = t.target?.[0]?.path.join('.') ?? '';
      return to ? [{ to, label: meta?.label ?? null, stateKey: path }] : [];
    });
}

/**
 * Event types the actor may send now by a transition of the active leaf states themselves (not their ancestors):
 * what the step in hand lets this person do, apart from what the whole phase allows (an extension, a withdrawal).
 */
export function leafActionsAvailable(
  snapshot: AnyMachineSnapshot,
  actor: WorkflowActor,
  at: string,
): string[] {
  if (snapshot.status !== 'active') return [];
  const leaves = new Set(activeStatePaths(snapshot));
  const types = new Set<string>();
  for (const t of getNextTransitions(snapshot) as (RawTransition & { source?: { path?: string[] } })[]) {
    if (!t.eventType || t.eventType.startsWith('xstate.') || types.has(t.eventType)) continue;
    if (!leaves.has(t.source?.path?.join('.') ?? '')) continue;
    if (safeCan(snapshot, { type: t.eventType, data: {}, actor, at })) types.add(t.eventType);
  }
  return [...types];
}
