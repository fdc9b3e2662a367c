import { describe, expect, it } from '@jest/globals';
import { actorNameIn, isRecusalCode, listOf, recordOf, textOf, textsOf } from './case-data';

describe("reading a case type's data", () => {
  it('reads objects, lists of objects and texts, and nothing from what is not one', () => {
    expect(recordOf({ a: 1 })).toEqual({ a: 1 });
    expect(recordOf([1])).toBeNull();
    expect(recordOf(null)).toBeNull();
    expect(listOf([{ id: 'a' }, 3, null, { id: 'b' }])).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(listOf('x')).toEqual([]);
    expect(textOf(12)).toBe('12');
    expect(textOf({})).toBe('');
    expect(textsOf(['a', '', 2, null])).toEqual(['a', '2']);
  });

  it('knows a recusal refusal by its code', () => {
    expect(isRecusalCode('REPAIR.REVIEWER_RELATED')).toBe(true);
    expect(isRecusalCode('WORKFLOW.ACTION_NOT_PERMITTED')).toBe(false);
    expect(isRecusalCode(undefined)).toBe(false);
  });

  it("names an account as the case's history names its actor", () => {
    const steps = [
      { actor: { id: 'system', displayName: null } },
      { actor: { id: 'a1', displayName: null } },
      { actor: { id: 'a1', displayName: '王审查' } },
      { actor: { id: 'b2', displayName: '李决定' } },
    ];
    expect(actorNameIn(steps, 'a1')).toBe('王审查');
    expect(actorNameIn(steps, 'b2')).toBe('李决定');
    expect(actorNameIn(steps, 'c3')).toBeNull();
    expect(actorNameIn([], 'a1')).toBeNull();
  });
});
