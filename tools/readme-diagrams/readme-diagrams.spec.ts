import { relative } from 'node:path';
import { readmeDiagrams, withDiagram, WORKFLOW_READMES } from './readme-diagrams';

describe('workflow README diagrams', () => {
  it.each(readmeDiagrams().map((d) => [relative(process.cwd(), d.path), d] as const))(
    '%s shows the machine as it is (run `npm run docs:diagrams` after changing a machine)',
    (_path, { current, expected }) => {
      expect(current).toBe(expected);
    },
  );

  it('replaces only the block between the markers', () => {
    const { machine } = WORKFLOW_READMES[0];
    const readme = readmeDiagrams()[0].current;
    const stale = readme.replace(/```mermaid[\s\S]*?```/, '```mermaid\nstateDiagram-v2\n```');
    expect(stale).not.toBe(readme);
    expect(withDiagram(stale, machine)).toBe(withDiagram(readme, machine));
    expect(() => withDiagram('# no markers', machine)).toThrow('no diagram markers');
  });
});
