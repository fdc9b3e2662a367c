import { describe, expect, it } from '@jest/globals';
import { decide, initialSnapshot, refusalError } from '@credence/workflow';
import { describeRefusalWalk } from '../../../workflow/src/testing/refusal-walk';
import { repairCaseType } from '../repair.case-type';
import { repairMachine } from './repair.machine';

describeRefusalWalk('repair', repairCaseType);

/** Drives a serious record's application with the model's own events, then asks for the refusal of one more. */
const after = (steps: [string, string][]) => {
  let snapshot = initialSnapshot(repairMachine, 'x');
  const pick = (type: string, actor: string) =>
    repairCaseType.modelEvents!(snapshot).find(
      (e) =>
        e.type === type &&
        e.actor.id === actor &&
        (type !== 'RepairApplicationCreated' ||
          (e.data.record as { severity: string }).severity === 'serious'),
    )!;
  for (const [type, actor] of steps) {
    const decision = decide(repairMachine, snapshot, pick(type, actor));
    if (!decision.accepted) throw new Error(`${type} by ${actor} refused`);
    snapshot = decision.next;
  }
  return (type: string, actor: string) => refusalError(repairCaseType, snapshot, pick(type, actor));
};
const inReview: [string, string][] = [
  ['RepairApplicationCreated', 'applicant'],
  ['RepairApplicationSubmitted', 'applicant'],
  ['RepairApplicationAccepted', 'officer'],
];

describe('repair refusals say what is wrong and what would make it possible', () => {
  it('an officer approving a serious record alone: a recommendation, then a different senior reviewer of the authority', () => {
    const error = after(inReview)('RepairApproved', 'officer');
    expect(error).toMatchObject({ code: 'REPAIR.SECOND_REVIEWER_REQUIRED', status: 403 });
    expect(error.bilingual.zh).toBe(
      '严重失信信息的修复须双人办理：先提出审查意见，再由盱眙县交通运输局另一位审核负责人作出决定；请先提出审查意见',
    );
    expect(error.bilingual.en).toBe(
      'A serious record needs a recommendation and then the decision of a different senior reviewer of 盱眙县交通运输局: recommend first',
    );
  });

  it('the reviewer who recommended deciding: not you, another senior reviewer', () => {
    const error = after([...inReview, ['RepairRecommended', 'reviewer']])('RepairApproved', 'reviewer');
    expect(error).toMatchObject({ code: 'REPAIR.RECOMMENDER_MAY_NOT_DECIDE', status: 403 });
    expect(error.bilingual.zh).toContain('您已于2026-06-01对本案提出审查意见');
    expect(error.bilingual.zh).toContain('盱眙县交通运输局另一位审核负责人');
  });

  it('a second extension: when the first was granted and why', () => {
    const error = after([...inReview, ['RepairReviewExtended', 'officer']])(
      'RepairReviewExtended',
      'reviewer',
    );
    expect(error).toMatchObject({ code: 'REPAIR.ALREADY_EXTENDED', status: 409 });
    expect(error.bilingual.zh).toBe(
      '办理期限已于2026-06-01延长过一次（理由：需要核查），只能延长一次；请在延长后的期限内作出决定',
    );
  });
});
