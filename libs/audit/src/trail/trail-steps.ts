import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { BilingualText } from '@credence/shared';
import type { RecordedEvent } from '@credence/event-store';
import {
  activeStatePaths,
  foldSteps,
  stateLabel,
  transitionLabel,
  WORKBENCH_EVENT_LABELS,
  type FoldStep,
} from '@credence/workflow';
import { decisionFactsOf, type ExtractedFacts } from './decision-facts';
import { CLOCK_EVENT_LABELS, roleLabel } from './labels';

export interface StateAt {
  /** Active leaf states as dotted paths. */
  state: string[];
  label: BilingualText;
}

/** One step of a case as an auditor reads it: who, as what, for which authority, when, what, why, under what. */
export interface TrailStep extends Omit<ExtractedFacts, 'outcome'> {
  streamVersion: number;
  globalPosition: number;
  eventId: string;
  eventType: string;
  recordedAt: string;
  actor: {
    id: string;
    displayName: string | null;
    role: string;
    roleLabel: BilingualText;
    authorityCode: string | null;
  };
  /** The case type's action name (e.g. `shield`), when the event is one of its actions. */
  action: string | null;
  actionLabel: BilingualText;
  /** Null only when the history cannot be replayed through the machine (then the raw step is still shown). */
  stateBefore: StateAt | null;
  stateAfter: StateAt | null;
  stateChanged: boolean;
  /** The step's result: the event's own `outcome`, else the first state it entered. */
  outcome: string | null;
  correlationId: string | null;
  machine: { id: string; version: string } | null;
  chain: { algorithm: string; prevHash: string; hash: string };
}

/** What the builder needs of a case type: its machine (the version the case is pinned to) and its action names. */
export interface TrailCaseType {
  machine: AnyStateMachine;
  actions: Record<string, string>;
}

function stateAt(snapshot: AnyMachineSnapshot): StateAt {
  return { state: activeStatePaths(snapshot), label: stateLabel(snapshot) };
}

/** Leaves the step entered, by their last segment (`registered.publicity.live.shielded` → `shielded`). */
function enteredLeaves(before: StateAt, after: StateAt): string[] {
  const was = new Set(before.state);
  return after.state.filter((p) => !was.has(p)).map((p) => p.slice(p.lastIndexOf('.') + 1));
}

/** The labels of the case's clocks by name, from the limits their `ClockStarted` events recorded. */
function clockLabelsOf(events: RecordedEvent[]): Map<string, BilingualText> {
  const labels = new Map<string, BilingualText>();
  for (const e of events) {
    const limit = e.data.limit as { label?: BilingualText } | undefined;
    if (e.type === 'ClockStarted' && typeof e.data.clock === 'string' && limit?.label?.zh)
      labels.set(e.data.clock, limit.label);
  }
  return labels;
}

/** A clock event named with the clock it concerns (两个时限同时起算时，分别写明 "受理时限"、"办结时限"). */
function clockStepLabel(event: RecordedEvent, clocks: Map<string, BilingualText>): BilingualText | null {
  const label = CLOCK_EVENT_LABELS[event.type];
  if (!label) return null;
  const clock = typeof event.data.clock === 'string' ? clocks.get(event.data.clock) : undefined;
  return clock ? { zh: `${label.zh}（${clock.zh}）`, en: `${label.en} (${clock.en})` } : label;
}

function fallbackLabel(event: RecordedEvent, after: StateAt | null, changed: boolean): BilingualText {
  const clock = CLOCK_EVENT_LABELS[event.type];
  if (clock) return clock;
  // The workbench's events (claim, transfer, 加签 …) are the engine's, named once for every case type.
  const workbench = (WORKBENCH_EVENT_LABELS as Record<string, BilingualText | undefined>)[event.type];
  if (workbench) return workbench;
  // Timers and reactors move cases without a named transition: say where the step led.
  if (after && changed) return { zh: `进入「${after.label.zh}」`, en: `Entered "${after.label.en}"` };
  return { zh: event.type, en: event.type };
}

/** Folds the machine step by step; null when the history does not replay (shown raw rather than hidden). */
function replay(caseId: string, events: RecordedEvent[], type: TrailCaseType | null): FoldStep[] | null {
  if (!type) return null;
  try {
    return foldSteps(type.machine, caseId, events);
  } catch {
    return null;
  }
}

/**
 * The readable trail of a case from its recorded events: each event folded through the case's machine for the
 * state before and after and the transition's label, with the decision facts (see DecisionFacts) and the chain
 * hash. Pure; display names are filled in by the caller.
 */
export function trailSteps(caseId: string, events: RecordedEvent[], type: TrailCaseType | null): TrailStep[] {
  const steps = replay(caseId, events, type);
  const actionOf = new Map(Object.entries(type?.actions ?? {}).map(([action, event]) => [event, action]));
  const clocks = clockLabelsOf(events);
  return events.map((event, i) => {
    const step = steps?.[i];
    const before = step ? stateAt(step.before) : null;
    const after = step ? stateAt(step.after) : null;
    const changed = !!before && !!after && before.state.join('+') !== after.state.join('+');
    const { outcome, ...facts } = decisionFactsOf(event.data, event.metadata);
    const m = event.metadata;
    // The engine counts statutory time (ADR 0009): a clock event rides in the command that caused it, under that
    // command's metadata, but nobody "started a clock" — the step reads as the system's (correlationId links it).
    const clockLabel = clockStepLabel(event, clocks);
    const byEngine = clockLabel !== null;
    return {
      streamVersion: event.streamVersion,
      globalPosition: event.globalPosition,
      eventId: event.eventId,
      eventType: event.type,
      recordedAt: event.recordedAt.toISOString(),
      actor: {
        id: byEngine ? 'system' : m.actorId,
        displayName: null,
        role: byEngine ? 'system' : m.actorRole,
        roleLabel: roleLabel(byEngine ? 'system' : m.actorRole),
        authorityCode: m.authorityCode ?? null,
      },
      action: actionOf.get(event.type) ?? null,
      actionLabel:
        clockLabel ??
        (step ? transitionLabel(step.before, event) : null) ??
        fallbackLabel(event, after, changed),
      stateBefore: before,
      stateAfter: after,
      stateChanged: changed,
      outcome: outcome ?? (before && after && changed ? (enteredLeaves(before, after)[0] ?? null) : null),
      ...facts,
      correlationId: m.correlationId ?? null,
      machine: m.machine ?? null,
      chain: {
        algorithm: event.hashAlgorithm,
        prevHash: event.prevHash.toString('hex'),
        hash: event.hash.toString('hex'),
      },
    };
  });
}
