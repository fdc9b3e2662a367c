import { describe, expect, it } from '@jest/globals';
import { fourEyesStatement } from './four-eyes';

const recommendation = {
  by: 'officer-1',
  role: 'officer',
  at: '2026-12-03T14:04:00.000Z',
  outcome: 'approve',
};
const refused = (action: string, code: string) => ({ action, refusal: { code } });

describe('the four-eyes statement of a case page', () => {
  it('says a different senior reviewer decides, and that the caller recommended, when approval is refused for it', () => {
    // The general record's repair (fourEyes false) after the officer recommended: the page the officer sees.
    const actions = [
      refused('withdraw', 'REPAIR.APPLICANT_ONLY'),
      refused('approve', 'REPAIR.RECOMMENDER_MAY_NOT_DECIDE'),
      refused('reject', 'REPAIR.RECOMMENDER_MAY_NOT_DECIDE'),
      { action: 'extend', refusal: null },
    ];
    expect(fourEyesStatement({ fourEyes: false, recommendation, decision: null }, actions)).toEqual({
      kind: 'secondDecides',
      recommenderId: 'officer-1',
      you: true,
    });
  });

  it('says so to the senior reviewer who may decide, whose buttons are enabled', () => {
    const actions = [{ action: 'approve' }, { action: 'reject' }, { action: 'return' }];
    expect(fourEyesStatement({ fourEyes: false, recommendation, decision: null }, actions)).toEqual({
      kind: 'secondDecides',
      recommenderId: 'officer-1',
      you: false,
    });
  });

  it('asks for a recommendation first when the case needs two people', () => {
    const actions = [refused('approve', 'REPAIR.SECOND_REVIEWER_REQUIRED'), { action: 'recommend' }];
    expect(fourEyesStatement({ fourEyes: true, recommendation: null, decision: null }, actions)).toEqual({
      kind: 'required',
    });
    // The refusal wins over a data flag that says otherwise.
    expect(fourEyesStatement({ fourEyes: false, recommendation: null }, actions)).toEqual({
      kind: 'required',
    });
  });

  it('lets the staff decide alone when neither the data nor a refusal asks for two people', () => {
    const actions = [{ action: 'approve' }, { action: 'recommend' }];
    expect(fourEyesStatement({ fourEyes: false, recommendation: null, decision: null }, actions)).toEqual({
      kind: 'alone',
    });
    // A recommendation sent back for rework (recommend on offer again) does not bind a case decided alone.
    expect(fourEyesStatement({ fourEyes: false, recommendation }, actions)).toEqual({ kind: 'alone' });
  });

  it('says nothing once decided, or for a case type without four eyes', () => {
    expect(
      fourEyesStatement({ fourEyes: true, recommendation, decision: { outcome: 'approved' } }, []),
    ).toBeNull();
    expect(fourEyesStatement({ caseNumber: 'YY-1' }, [{ action: 'accept' }])).toBeNull();
  });
});
