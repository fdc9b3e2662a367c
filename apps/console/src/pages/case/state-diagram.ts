/**
 * A case's state diagram read from the Mermaid stateDiagram-v2 text the API sends (GET /cases/:id/diagram, written by
 * libs/workflow/src/mermaid.ts): its states with their nesting, the transitions, and the states marked `current`.
 * Mermaid itself is not shipped with the console; the page lays the states out as nested boxes, named by the labels
 * the API sends beside the text (`states`): the Mermaid titles carry internal state names, which a page never shows.
 */
import type { BilingualText } from '../../i18n/language';

export interface DiagramState {
  id: string;
  /** The Mermaid title (the Chinese label and the state's key): for reading the text, not for the page. */
  title: string;
  /** The state's name in both languages, from the API's `states`; null when it sent none for this id. */
  label: BilingualText | null;
  parent: string | null;
  depth: number;
  current: boolean;
  /** Ends the case (drawn `id --> [*]`). */
  final: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label: string;
}

export interface Diagram {
  states: DiagramState[];
  edges: DiagramEdge[];
}

const STATE = /^state "(.*)" as (\w+)( \{)?$/;
const EDGE = /^(\w+|\[\*\]) --> (\w+|\[\*\])(?: : (.*))?$/;
const CURRENT = /^class (\w+) current$/;

/** The diagram of GET /cases/{id}/diagram: its Mermaid text read, each state given its label from `states`. */
export function parseDiagram(
  mermaid: string,
  labels: readonly { id: string; label: BilingualText | null }[] = [],
): Diagram {
  const labelOf = new Map(labels.map((s) => [s.id, s.label]));
  const states: DiagramState[] = [];
  const edges: DiagramEdge[] = [];
  const finals = new Set<string>();
  const current = new Set<string>();
  const open: string[] = [];
  for (const raw of mermaid.split('\n')) {
    const line = raw.trim();
    const state = STATE.exec(line);
    if (state) {
      const [, title, id, block] = state;
      states.push({
        id,
        title,
        label: labelOf.get(id) ?? null,
        parent: open.at(-1) ?? null,
        depth: open.length,
        current: false,
        final: false,
      });
      if (block) open.push(id);
      continue;
    }
    if (line === '}') {
      open.pop();
      continue;
    }
    const edge = EDGE.exec(line);
    if (edge) {
      const [, from, to, label] = edge;
      if (to === '[*]') finals.add(from);
      else if (from !== '[*]') edges.push({ from, to, label: label ?? '' });
      continue;
    }
    const marked = CURRENT.exec(line);
    if (marked) current.add(marked[1]);
  }
  return {
    states: states.map((s) => ({ ...s, current: current.has(s.id), final: finals.has(s.id) })),
    edges,
  };
}

/** The states a case can move to from where it is: edges leaving a current state or a box that contains it. */
export function nextStates(diagram: Diagram): DiagramState[] {
  const byId = new Map(diagram.states.map((s) => [s.id, s]));
  const around = new Set<string>();
  for (const s of diagram.states.filter((x) => x.current)) {
    for (let at: DiagramState | undefined = s; at; at = at.parent ? byId.get(at.parent) : undefined)
      around.add(at.id);
  }
  const targets = diagram.edges.filter((e) => around.has(e.from) && !around.has(e.to)).map((e) => e.to);
  return [...new Set(targets)].map((id) => byId.get(id)).filter((s): s is DiagramState => s !== undefined);
}

/** A state's key in its machine: the last word of its Mermaid title (`审查中 review`, `办理中 open (parallel)`). */
function keyOf(state: DiagramState): string {
  return (
    state.title
      .replace(/ \(parallel\)$/, '')
      .split(' ')
      .at(-1) ?? state.id
  );
}

/**
 * The diagram with the states of another moment marked current instead of today's (time travel): `statePaths` are
 * the case's state paths then (`open.review`), each state's path being its boxes' keys and its own.
 */
export function markedAt(diagram: Diagram, statePaths: readonly string[]): Diagram {
  const byId = new Map(diagram.states.map((s) => [s.id, s]));
  const pathOf = (s: DiagramState): string => {
    const parent = s.parent ? byId.get(s.parent) : undefined;
    return parent ? `${pathOf(parent)}.${keyOf(s)}` : keyOf(s);
  };
  const active = new Set(statePaths);
  return { ...diagram, states: diagram.states.map((s) => ({ ...s, current: active.has(pathOf(s)) })) };
}
