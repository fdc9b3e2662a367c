import { DomainError } from '@credence/shared';
import { toProblem } from './problem-details';
import { constraintMessage } from './validation-messages';

describe('toProblem', () => {
  it('keeps the problem’s own members whatever the error’s details name', () => {
    const refused = new DomainError({
      code: 'COMMITMENT.NOT_ALLOWED',
      status: 422,
      message: { zh: '不能签署该承诺', en: 'This commitment cannot be signed' },
      details: { type: 'voluntary', status: 'signed', title: 'x', code: 'y', reason: 'grade D' },
    });
    const problem = toProblem(refused, 'zh-CN');
    expect(problem).toMatchObject({
      type: 'urn:credence:problem:commitment-not-allowed',
      title: '不能签署该承诺',
      status: 422,
      code: 'COMMITMENT.NOT_ALLOWED',
      reason: 'grade D',
    });
  });
});

describe('constraintMessage', () => {
  it('names the allowed values of an enumeration', () => {
    expect(
      constraintMessage('isIn', 'ground must be one of the following values: wrong, expired, duplicate'),
    ).toEqual({
      zh: '只能是以下取值之一：wrong, expired, duplicate',
      en: 'must be one of: wrong, expired, duplicate',
    });
  });

  it('names the limit crossed', () => {
    expect(constraintMessage('max', 'pageSize must not be greater than 200').zh).toBe('不能大于 200');
  });
});
