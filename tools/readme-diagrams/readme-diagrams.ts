import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnyStateMachine } from 'xstate';
import { commitmentMachine } from '@credence/commitments';
import { creditRecordMachine } from '@credence/credit-records';
import { repairMachine } from '@credence/credit-repair';
import { objectionMachine } from '@credence/objections';
import { toMermaid } from '@credence/workflow';

const ROOT = resolve(import.meta.dirname, '../..');
const START =
  '<!-- machine-diagram:start (generated from the machine by `npm run docs:diagrams`; do not edit) -->';
const END = '<!-- machine-diagram:end -->';

/** Each workflow's README and the machine its diagram is drawn from. */
export const WORKFLOW_READMES: { readme: string; machine: AnyStateMachine }[] = [
  { readme: 'libs/credit-records/README.md', machine: creditRecordMachine },
  { readme: 'libs/credit-repair/README.md', machine: repairMachine },
  { readme: 'libs/objections/README.md', machine: objectionMachine },
  { readme: 'libs/commitments/README.md', machine: commitmentMachine },
];

/** The README with the block between the markers replaced by the machine's current diagram. */
export function withDiagram(readme: string, machine: AnyStateMachine): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`no diagram markers (${START} … ${END})`);
  const block = `${START}\n\n\`\`\`mermaid\n${toMermaid(machine)}\`\`\`\n\n`;
  return readme.slice(0, start) + block + readme.slice(end);
}

/** Every README as it should read: [path, current text, text with the diagram drawn from today's machine]. */
export function readmeDiagrams(): { path: string; current: string; expected: string }[] {
  return WORKFLOW_READMES.map(({ readme, machine }) => {
    const path = resolve(ROOT, readme);
    const current = readFileSync(path, 'utf8');
    return { path, current, expected: withDiagram(current, machine) };
  });
}
