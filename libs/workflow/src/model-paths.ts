import type { AnyMachineSnapshot } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { MachineEvent } from './case-event';
import type { CaseTypeDefinition } from './case-type';
import { activeStatePaths, decide, initialSnapshot } from './machine-runtime';

export interface ModelPath {
  /** The abstract state reached: active leaf states. */
  target: string;
  events: MachineEvent[];
}

const key = (s: AnyMachineSnapshot) => activeStatePaths(s).join(' + ');

/**
 * Every shortest path to every reachable state of a case type's machine (xstate/graph), driven by the type's own
 * candidate events. States are abstracted to their active leaves so timestamps in context do not explode the graph.
 */
export function shortestModelPaths(definition: CaseTypeDefinition): ModelPath[] {
  if (!definition.modelEvents) throw new Error(`${definition.type} declares no model events`);
  const paths = getShortestPaths(definition.machine, {
    input: { caseId: 'model' },
    events: (snapshot: AnyMachineSnapshot) => definition.modelEvents!(snapshot) as never,
    serializeState: (snapshot: AnyMachineSnapshot) => key(snapshot),
  } as never);
  return paths.map((p) => ({
    target: key(p.state as AnyMachineSnapshot),
    events: p.steps.slice(1).map((s) => s.event as unknown as MachineEvent),
  }));
}

/** Replays a path through the engine's pure decision step; returns the state reached or the step that failed. */
export function replayPath(definition: CaseTypeDefinition, path: ModelPath): string {
  let snapshot = initialSnapshot(definition.machine, 'model');
  for (const [i, event] of path.events.entries()) {
    const decision = decide(definition.machine, snapshot, event);
    if (!decision.accepted) return `refused at step ${i + 1}: ${event.type}`;
    snapshot = decision.next;
  }
  return key(snapshot);
}
