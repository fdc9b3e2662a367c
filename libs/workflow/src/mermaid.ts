import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';
import type { BilingualText } from '@credence/shared';
import type { StateMeta } from './case-event';

/**
 * A Mermaid stateDiagram-v2 of a machine, drawn from its live state nodes (machine.toJSON drops combinator guards).
 * Each edge is written inside the closest common ancestor of its ends; `highlight` colours the active states.
 */
export function toMermaid(machine: AnyStateMachine, highlight?: AnyMachineSnapshot): string {
  const lines = ['stateDiagram-v2'];
  const edges = new Map<AnyStateNode, string[]>();
  const nodes: AnyStateNode[] = [];
  const collect = (node: AnyStateNode) => {
    nodes.push(node);
    Object.values(node.states).forEach(collect);
  };
  collect(machine.root);

  for (const node of nodes) {
    // Eventless (`always`) transitions are checked after every event: drawn as `always [guard]`.
    const transitions: [string, AnyStateNode['always']][] = [...node.transitions];
    if (node.always?.length) transitions.push(['always', node.always]);
    for (const [eventType, definitions] of transitions) {
      for (const definition of definitions ?? []) {
        const label = edgeLabel(eventType, definition.guard);
        for (const target of definition.target ?? [node]) {
          const block =
            target === node ? (node.parent ?? machine.root) : (commonAncestor(node, target) ?? machine.root);
          push(edges, block, `${idOf(node)} --> ${idOf(target)} : ${label}`);
        }
      }
    }
  }

  const emit = (node: AnyStateNode, indent: string) => {
    const children = Object.values(node.states);
    if (node.type !== 'parallel' && node.initial?.target?.[0])
      lines.push(`${indent}[*] --> ${idOf(node.initial.target[0])}`);
    children.forEach((child, i) => {
      if (node.type === 'parallel' && i > 0) lines.push(`${indent}--`);
      const title = titleOf(child);
      if (Object.keys(child.states).length === 0) {
        lines.push(`${indent}state "${title}" as ${idOf(child)}`);
        if (child.type === 'final') lines.push(`${indent}${idOf(child)} --> [*]`);
      } else {
        lines.push(`${indent}state "${title}" as ${idOf(child)} {`);
        emit(child, `${indent}  `);
        lines.push(`${indent}}`);
      }
    });
    for (const edge of edges.get(node) ?? []) lines.push(`${indent}${edge}`);
  };
  emit(machine.root, '  ');

  if (highlight) {
    const active = [...highlight._nodes].filter(
      (n: AnyStateNode) => Object.keys(n.states).length === 0 && n.parent,
    );
    lines.push('  classDef current fill:#ffd54f,stroke:#e65100,stroke-width:2px');
    for (const n of active) lines.push(`  class ${idOf(n)} current`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Every state of a machine under the id `toMermaid` gives it, with its label (zh and en) as a page shows it: the
 * Mermaid text carries the Chinese label beside the state's key for developers, a page names states by label only.
 */
export function diagramStateLabels(machine: AnyStateMachine): { id: string; label: BilingualText | null }[] {
  const out: { id: string; label: BilingualText | null }[] = [];
  const walk = (node: AnyStateNode) => {
    for (const child of Object.values(node.states)) {
      out.push({ id: idOf(child), label: (child.meta as StateMeta | undefined)?.label ?? null });
      walk(child);
    }
  };
  walk(machine.root);
  return out;
}

function idOf(node: AnyStateNode): string {
  return node.id.replace(/[^A-Za-z0-9_]/g, '_');
}

function titleOf(node: AnyStateNode): string {
  const meta = node.meta as StateMeta | undefined;
  const name = meta?.label ? `${meta.label.zh} ${node.key}` : node.key;
  return node.type === 'parallel' ? `${name} (parallel)` : name;
}

function edgeLabel(eventType: string, guard: unknown): string {
  const name = eventType.startsWith('xstate.done.state') ? 'onDone' : eventType;
  const g = guardText(guard);
  return (g ? `${name} [${g}]` : name).replace(/:/g, '꞉');
}

function guardText(guard: unknown): string {
  if (!guard) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard)
    return String((guard as { type: string }).type);
  const combinator = guard as { check?: { name?: string }; guards?: unknown[] };
  if (combinator.guards) {
    const op = combinator.check?.name?.replace(/^check/, '').toLowerCase() || 'guard';
    return `${op}(${combinator.guards.map(guardText).join(', ')})`;
  }
  return 'guard';
}

function commonAncestor(a: AnyStateNode, b: AnyStateNode): AnyStateNode | undefined {
  const ancestors = new Set<AnyStateNode>();
  for (let n: AnyStateNode | undefined = a.parent; n; n = n.parent) ancestors.add(n);
  for (let n: AnyStateNode | undefined = b.parent; n; n = n.parent) if (ancestors.has(n)) return n;
  return undefined;
}

function push(map: Map<AnyStateNode, string[]>, key: AnyStateNode, value: string): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}
