import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { BilingualText } from '@credence/shared';
import type { RecordedEvent } from '@credence/event-store';
import { activeStatePaths, foldSteps, stateLabel, transitionLabel, type FoldStep } from '@credence/workflow';
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

function fallbackLabel(event: RecordedEvent, after: StateAt | null, changed: boolean): BilingualText {
  const clock = CLOCK_EVENT_LABELS[event.type];
  if (clock) return clock;
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
  return events.map((event, i) => {
    const step = steps?.[i];
    const before = step ? stateAt(step.before) : null;
    const after = step ? stateAt(step.after) : null;
    const changed = !!before && !!after && before.state.join('+') !== after.state.join('+');
    const { outcome, ...facts } = decisionFactsOf(event.data, event.metadata);
    const m = event.metadata;
    return {
      streamVersion: event.streamVersion,
      globalPosition: event.globalPosition,
      eventId: event.eventId,
      eventType: event.type,
      recordedAt: event.recordedAt.toISOString(),
      actor: {
        id: m.actorId,
        displayName: null,
        role: m.actorRole,
        roleLabel: roleLabel(m.actorRole),
        authorityCode: m.authorityCode ?? null,
      },
      action: actionOf.get(event.type) ?? null,
      actionLabel:
        (step ? transitionLabel(step.before, event) : null) ?? fallbackLabel(event, after, changed),
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
