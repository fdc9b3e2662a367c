import { describe, expect, it } from '@jest/globals';
import { evidenceFileName, unsealedByCase, verificationPercent } from './integrity';

describe('the integrity page', () => {
  it('shows a verification’s progress, never 100 % before it is done', () => {
    expect(verificationPercent({ eventsChecked: 0, eventsTotal: 0, done: false })).toBe(0);
    expect(verificationPercent({ eventsChecked: 50, eventsTotal: 200, done: false })).toBe(25);
    expect(verificationPercent({ eventsChecked: 200, eventsTotal: 200, done: false })).toBe(99);
    expect(verificationPercent({ eventsChecked: 3, eventsTotal: 0, done: true })).toBe(100);
  });

  it('names a bundle by what it covers', () => {
    expect(evidenceFileName({ caseId: 'abc' })).toBe('evidence-case-abc.json');
    expect(evidenceFileName({ subjectCode: '91320830MA1XY0012B' })).toBe(
      'evidence-subject-91320830MA1XY0012B.json',
    );
    expect(evidenceFileName({ from: '2026-12-01', to: '2026-12-31' })).toBe(
      'evidence-2026-12-01_2026-12-31.json',
    );
  });

  it('counts the unsealed events per case', () => {
    expect(unsealedByCase([{ caseId: 'a' }, { caseId: 'b' }, { caseId: 'a' }])).toEqual([
      { caseId: 'a', events: 2 },
      { caseId: 'b', events: 1 },
    ]);
  });
});
