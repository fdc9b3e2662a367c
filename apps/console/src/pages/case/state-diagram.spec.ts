import { describe, expect, it } from '@jest/globals';
import { markedAt, nextStates, parseDiagram } from './state-diagram';

// The shape libs/workflow/src/mermaid.ts writes: nested states, guarded edges, the current state's class.
const MERMAID = `stateDiagram-v2
  [*] --> repair_draft
  state "草稿 draft" as repair_draft
  state "办理中 open" as repair_open {
    [*] --> repair_open_received
    state "待受理 received" as repair_open_received
    state "审查中 review" as repair_open_review
    repair_open_received --> repair_open_review : ACCEPT
  }
  state "已准予 approved" as repair_approved
  repair_approved --> [*]
  repair_draft --> repair_open : SUBMIT [hasCommitment]
  repair_open --> repair_approved : APPROVE [fourEyes]
  classDef current fill:#ffd54f,stroke:#e65100,stroke-width:2px
  class repair_open_received current
`;

// The API's `states` beside the text: every state's label in both languages (none for repair_approved here).
const LABELS = [
  { id: 'repair_draft', label: { zh: '草稿', en: 'Draft' } },
  { id: 'repair_open', label: { zh: '办理中', en: 'Open' } },
  { id: 'repair_open_received', label: { zh: '待受理', en: 'Received' } },
  { id: 'repair_open_review', label: { zh: '审查', en: 'Review' } },
];

describe('the state diagram of a case', () => {
  const diagram = parseDiagram(MERMAID, LABELS);

  it('reads every state with its nesting, the current one and the final ones', () => {
    expect(diagram.states.map((s) => [s.id, s.parent, s.depth, s.current, s.final])).toEqual([
      ['repair_draft', null, 0, false, false],
      ['repair_open', null, 0, false, false],
      ['repair_open_received', 'repair_open', 1, true, false],
      ['repair_open_review', 'repair_open', 1, false, false],
      ['repair_approved', null, 0, false, true],
    ]);
    expect(diagram.states[0].title).toBe('草稿 draft');
  });

  it("names each state by the API's label, never by its Mermaid title with the internal key", () => {
    expect(diagram.states.map((s) => s.label?.en ?? null)).toEqual([
      'Draft',
      'Open',
      'Received',
      'Review',
      null,
    ]);
    expect(diagram.states[1].label).toEqual({ zh: '办理中', en: 'Open' });
    expect(parseDiagram(MERMAID).states.every((s) => s.label === null)).toBe(true);
  });

  it('reads the transitions, guards included in their label, without the start and end markers', () => {
    expect(diagram.edges).toEqual([
      { from: 'repair_open_received', to: 'repair_open_review', label: 'ACCEPT' },
      { from: 'repair_draft', to: 'repair_open', label: 'SUBMIT [hasCommitment]' },
      { from: 'repair_open', to: 'repair_approved', label: 'APPROVE [fourEyes]' },
    ]);
  });

  it('names the states reachable from the current one, through the boxes that contain it', () => {
    expect(nextStates(diagram).map((s) => s.id)).toEqual(['repair_open_review', 'repair_approved']);
  });

  it('marks the states of another moment instead of the current ones, by their paths in the machine', () => {
    const current = (d: typeof diagram) => d.states.filter((s) => s.current).map((s) => s.id);
    expect(current(markedAt(diagram, ['open.review']))).toEqual(['repair_open_review']);
    expect(current(markedAt(diagram, ['draft']))).toEqual(['repair_draft']);
    // A key alone is not a path: `review` outside its box names no state.
    expect(current(markedAt(diagram, ['review']))).toEqual([]);
    expect(nextStates(markedAt(diagram, ['draft'])).map((s) => s.id)).toEqual(['repair_open']);
    // A parallel state's title carries a suffix that is not part of its key.
    const parallel = parseDiagram(
      'stateDiagram-v2\n  state "核查 checks (parallel)" as m_checks {\n    state "材料 docs" as m_checks_docs\n  }\n',
    );
    expect(current(markedAt(parallel, ['checks.docs']))).toEqual(['m_checks_docs']);
  });
});
