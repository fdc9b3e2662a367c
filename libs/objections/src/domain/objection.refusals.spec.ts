import { describe, expect, it } from '@jest/globals';
import { walkRefusals } from '../../../workflow/src/testing/refusal-walk';
import { objectionCaseType } from '../objection.case-type';

describe('objection refusals (every guard of the machine explains itself)', () => {
  const walk = walkRefusals(objectionCaseType);

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
