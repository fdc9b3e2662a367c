import type { AnyStateMachine } from 'xstate';
import type { BilingualText } from '@credence/shared';
import type { StateMeta, TransitionMeta } from './case-event';

/*
 * Reading a machine's definition, never running it: where an event is possible at all, what a transition is called,
 * which guards a machine declares. Refusals and the model walks ask these without any case at hand.
 */

/** A transition as xstate keeps it in a state node's definition. */
export interface RawTransition {
  eventType: string;
  guard?: unknown;
  meta?: unknown;
}

/** A guard's name as declared in `setup({ guards })`; null for an inline function. */
export const guardName = (guard: unknown): string | null =>
  typeof guard === 'string'
    ? guard
    : guard && typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string'
      ? (guard as { type: string }).type
      : null;

/** The guard names a machine declares in `setup({ guards })`. */
export function declaredGuards(machine: AnyStateMachine): string[] {
  return Object.keys(machine.implementations.guards ?? {});
}

interface DefinitionNode {
  meta?: unknown;
  states: Record<string, DefinitionNode>;
  transitions: Map<string, RawTransition[]>;
}

const labelOf = (node: DefinitionNode) => (node.meta as StateMeta | undefined)?.label ?? null;

/** Labels of a state node, or of its labelled descendants when it has none of its own. */
function labelsUnder(node: DefinitionNode): BilingualText[] {
  const own = labelOf(node);
  if (own) return [own];
  return Object.values(node.states).flatMap(labelsUnder);
}

function walkNodes(node: DefinitionNode, visit: (node: DefinitionNode) => void): void {
  visit(node);
  for (const child of Object.values(node.states)) walkNodes(child, visit);
}

/**
 * The states (their labels) out of which an event has a transition, read from the machine's definition: where an
 * action is possible at all, whoever asks.
 */
export function statesAllowing(machine: AnyStateMachine, eventType: string): BilingualText[] {
  const labels = new Map<string, BilingualText>();
  walkNodes(machine.root, (node) => {
    if (!node.transitions.has(eventType)) return;
    for (const label of labelsUnder(node)) labels.set(label.zh, label);
  });
  return [...labels.values()];
}

/** The label (transition meta) of an event's transitions anywhere in the machine, when one names it. */
export function eventLabel(machine: AnyStateMachine, eventType: string): BilingualText | null {
  let found: BilingualText | null = null;
  walkNodes(machine.root, (node) => {
    for (const t of node.transitions.get(eventType) ?? [])
      found ??= (t.meta as TransitionMeta | undefined)?.label ?? null;
  });
  return found;
}

/** Every event transition with a named guard in a machine's definition, and the machine's event types and state ids. */
export function machineOutline(machine: AnyStateMachine): {
  guarded: { eventType: string; guard: string }[];
  eventTypes: string[];
  statePaths: string[];
} {
  const guarded: { eventType: string; guard: string }[] = [];
  const eventTypes = new Set<string>();
  const statePaths: string[] = [];
  walkNodes(machine.root, (node) => {
    const path = (node as unknown as { path: string[] }).path;
    if (path.length > 0) statePaths.push(path.join('.'));
    for (const [eventType, transitions] of node.transitions) {
      if (!eventType || eventType.startsWith('xstate.')) continue;
      eventTypes.add(eventType);
      for (const t of transitions) {
        const guard = guardName(t.guard);
        if (guard) guarded.push({ eventType, guard });
      }
    }
  });
  return { guarded, eventTypes: [...eventTypes], statePaths };
}
