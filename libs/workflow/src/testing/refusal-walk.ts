import { describe, expect, it } from '@jest/globals';
import type { AnyMachineSnapshot } from 'xstate';
import type { BilingualText } from '@credence/shared';
import type { MachineEvent } from '../case-event';
import type { CaseTypeDefinition } from '../case-type';
import {
  decide,
  declaredGuards,
  guardVerdict,
  initialSnapshot,
  machineOutline,
  stateKey,
  transitionsFor,
} from '../machine-runtime';
import { modelActors, shortestModelPaths, type ModelPath } from '../model-paths';
import { refusalError } from '../refusals/explain-refusal';

/** One refusal met on the walk: where, by whom, and what the client would read. */
export interface RefusalSeen {
  state: string;
  eventType: string;
  actor: string;
  code: string;
  message: BilingualText;
}

export interface RefusalWalk {
  /** Guards the machine names without a declared refusal, and refusals declared for no guard. */
  undeclared: string[];
  unknown: string[];
  /** Every refusal the engine produced for an event the machine refused (with a transition out of the state). */
  seen: RefusalSeen[];
  /** How many guarded event transitions the machine has (`Event/guard` pairs). */
  guardedTransitions: number;
  /** Guarded transitions (`Event/guard`) no refused event of the walk failed: their refusal was never produced. */
  uncovered: string[];
  /** Messages that name an internal event type, state path or other CamelCase identifier, or print a missing value. */
  leaks: { code: string; text: string }[];
}

const CAMEL_CASE = /\b[A-Z][a-z]+[A-Z][A-Za-z]*\b/;
const DOTTED_PATH = /\b[a-z][A-Za-z]*\.[a-z][A-Za-z]*\b/;
// A value the context did not have, printed as is.
const MISSING_VALUE = /\b(undefined|null|NaN)\b|\[object Object\]/;

/** The internal names a message must not contain: the machine's event types and state paths, any CamelCase word. */
function leaksOf(text: string, outline: ReturnType<typeof machineOutline>): boolean {
  if (CAMEL_CASE.test(text) || DOTTED_PATH.test(text) || MISSING_VALUE.test(text)) return true;
  return outline.eventTypes.some((t) => text.includes(t));
}

/** The snapshots the model's shortest paths pass through, the initial one included. */
function reachable(definition: CaseTypeDefinition, paths: ModelPath[]): AnyMachineSnapshot[] {
  const snapshots = [initialSnapshot(definition.machine, 'walk')];
  for (const path of paths) {
    let snapshot = snapshots[0];
    for (const event of path.events) {
      const decision = decide(definition.machine, snapshot, event);
      if (!decision.accepted) break;
      snapshot = decision.next;
      snapshots.push(snapshot);
    }
  }
  return snapshots;
}

/**
 * Walks a case type's machine: every state its model reaches, every candidate event of its model plus an empty
 * request by each model actor; for each event the machine refuses although a transition for it leaves the state, the
 * refusal the engine would answer. Also calls every declared refusal on every reached state, so refusals of guards no
 * event can fail (eventless ones) are read too.
 */
export function walkRefusals(
  definition: CaseTypeDefinition,
  paths = shortestModelPaths(definition),
): RefusalWalk {
  const outline = machineOutline(definition.machine);
  const guards = declaredGuards(definition.machine);
  const declared = Object.keys(definition.refusals);
  const seen: RefusalSeen[] = [];
  const covered = new Set<string>();
  const leaks: RefusalWalk['leaks'] = [];
  const check = (code: string, message: BilingualText) => {
    for (const text of [message.zh, message.en])
      if (leaksOf(text, outline) && !leaks.some((l) => l.text === text)) leaks.push({ code, text });
  };
  const snapshots = reachable(definition, paths);
  const subject = modelSubject(definition, snapshots);
  for (const snapshot of snapshots) {
    const at = '2026-06-01T02:00:00.000Z';
    const probes: MachineEvent[] = outline.eventTypes.flatMap((type) =>
      modelActors(subject).map((actor) => ({ type, data: {}, actor, at })),
    );
    for (const event of [...definition.modelEvents!(snapshot), ...probes]) {
      const candidates = snapshot.status === 'active' ? transitionsFor(snapshot, event.type) : [];
      if (candidates.length === 0 || safeDecide(definition, snapshot, event)) continue;
      for (const t of candidates)
        if (t.guard && guardVerdict(snapshot, t.guard, event) === false)
          covered.add(`${event.type}/${t.guard}`);
      const error = refusalError(definition, snapshot, event);
      seen.push({
        state: stateKey(snapshot),
        eventType: event.type,
        actor: event.actor.id,
        code: error.code,
        message: error.bilingual,
      });
      check(error.code, error.bilingual);
    }
    for (const [guard, explain] of Object.entries(definition.refusals))
      for (const actor of modelActors(subject)) {
        const made = (explain as (args: unknown) => { code: string; message: BilingualText })({
          context: snapshot.context as unknown,
          event: { type: guard, data: {}, actor, at },
        });
        check(made.code, made.message);
      }
  }
  return {
    undeclared: guards.filter((g) => !declared.includes(g)),
    unknown: declared.filter((g) => !guards.includes(g)),
    seen,
    guardedTransitions: new Set(outline.guarded.map((t) => `${t.eventType}/${t.guard}`)).size,
    uncovered: [...new Set(outline.guarded.map((t) => `${t.eventType}/${t.guard}`))].filter(
      (k) => !covered.has(k),
    ),
    leaks,
  };
}

function safeDecide(
  definition: CaseTypeDefinition,
  snapshot: AnyMachineSnapshot,
  event: MachineEvent,
): boolean {
  try {
    return decide(definition.machine, snapshot, event).accepted;
  } catch {
    // A guard that needs payload the empty probe lacks: the command would carry it; not a refusal to explain.
    return true;
  }
}

/** The subject the model's own events name (its applicant), so the model actors include the case's subject. */
function modelSubject(definition: CaseTypeDefinition, snapshots: AnyMachineSnapshot[]): string {
  for (const snapshot of snapshots)
    for (const event of definition.modelEvents!(snapshot))
      if (event.actor.id === 'applicant' && event.actor.subjectCode) return event.actor.subjectCode;
  return '91320830MA1XY0012B';
}

/**
 * The checks every workflow's refusals must pass, declared once: each workflow's spec calls this with its case type
 * (and, where its model needs them, its own paths).
 */
export function describeRefusalWalk(
  title: string,
  definition: CaseTypeDefinition,
  paths?: () => ModelPath[],
): void {
  describe(`${title} refusals (every guard of the machine explains itself)`, () => {
    const walk = walkRefusals(definition, paths?.() ?? shortestModelPaths(definition));

    it('declares a refusal for every guard the machine names, and none for a guard it does not', () => {
      expect(walk.undeclared).toEqual([]);
      expect(walk.unknown).toEqual([]);
    });

    it('meets a refusal for every guarded transition, each specific (never the generic fallback)', () => {
      expect(walk.guardedTransitions).toBeGreaterThan(0);
      expect(walk.uncovered).toEqual([]);
      expect(walk.seen.filter((s) => s.code.startsWith('WORKFLOW.'))).toEqual([]);
    });

    it('names no internal event type or state path in any message', () => {
      expect(walk.leaks).toEqual([]);
    });
  });
}
