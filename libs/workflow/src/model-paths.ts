import type { AnyMachineSnapshot } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { SYSTEM_ACTOR, type MachineEvent, type WorkflowActor } from './case-event';
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

const staffOf = (id: string, role: WorkflowActor['role'], authorityCode = '320830'): WorkflowActor => ({
  id,
  role,
  authorityCode,
  authorityPath: `320000/320800/${authorityCode}`,
  subjectCode: null,
});

/**
 * The actors a case type's model tries every event with: the subject (`applicant`) and another one, staff of the
 * authority 320830 (an officer, two senior reviewers), an officer of a sibling authority, and the system. Paths
 * that reach a state only through `other-subject` or `other-authority` reveal a guard that lets strangers act.
 */
export function modelActors(subjectCode: string): WorkflowActor[] {
  return [
    { id: 'applicant', role: 'applicant', authorityCode: null, authorityPath: null, subjectCode },
    {
      id: 'other-subject',
      role: 'applicant',
      authorityCode: null,
      authorityPath: null,
      subjectCode: '91512000MA2AN0020X',
    },
    staffOf('officer', 'officer'),
    staffOf('reviewer', 'senior_reviewer'),
    staffOf('reviewer-2', 'senior_reviewer'),
    staffOf('other-authority', 'officer', '320831'),
    SYSTEM_ACTOR,
  ];
}

/** Every variant of every event's data, by every actor, at one instant: a type's candidate events. */
export function candidateEvents(
  data: Record<string, Record<string, unknown>[]>,
  actors: WorkflowActor[],
  at: string,
): MachineEvent[] {
  return Object.entries(data).flatMap(([type, variants]) =>
    variants.flatMap((d) => actors.map((actor) => ({ type, actor, at, data: d }))),
  );
}
