import { describe, expect, it } from '@jest/globals';
import { pageOfNotification } from './inbox-address';

describe('a message in the inbox', () => {
  it('leads to its case page, or nowhere when it concerns no case', () => {
    expect(pageOfNotification({ caseId: '0190f7a0-0000-7000-8000-000000000001' })).toBe(
      '/cases/0190f7a0-0000-7000-8000-000000000001',
    );
    expect(pageOfNotification({ caseId: null })).toBeNull();
  });
});
