import { describe, expect, it } from '@jest/globals';
import { shortestModelPaths, type CaseTypeDefinition } from '@credence/workflow';
import { walkRefusals } from '../../../workflow/src/testing/refusal-walk';
import { commitmentCaseType } from '../commitment.case-type';
import { COMMITMENT_TYPES } from './commitment';

// The graph abstracts a snapshot to its active states, so each type of commitment gets its own paths (as in the
// machine's model test): only then are the 容缺 states reached.
const ofOneType = (type: string): CaseTypeDefinition => ({
  ...commitmentCaseType,
  modelEvents: (snapshot) =>
    commitmentCaseType.modelEvents!(snapshot).filter(
      (e) => e.type !== 'CommitmentSigned' || e.data.type === type,
    ),
});

describe('commitment refusals (every guard of the machine explains itself)', () => {
  const walk = walkRefusals(
    commitmentCaseType,
    COMMITMENT_TYPES.flatMap((type) => shortestModelPaths(ofOneType(type))),
  );

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
