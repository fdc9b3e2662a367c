import { describe, expect, it } from '@jest/globals';
import { eligibilityRefusals, type EligibilityFacts } from './eligibility';

const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  today: '2026-09-01',
  record: { status: 'repairable', kind: 'administrative_penalty', repairableFrom: '2026-08-11' },
  openApplication: null,
  ban: null,
  repeatLimits: {
    enabled: false,
    minMonthsSinceLastRepair: 12,
    maxRepairsInFiveYears: 2,
    sameKindOnceInFiveYears: true,
  },
  approvals: [],
  ...over,
});
const rules = (f: EligibilityFacts) => eligibilityRefusals(f).map((r) => [r.rule, r.metOn]);

describe('repair eligibility', () => {
  it('lets a published record past its minimum period be repaired', () => {
    expect(rules(facts())).toEqual([]);
  });

  it('refuses before the minimum period and names the first day (DOMAIN §2: 一般 decided 05-10 → from 08-11)', () => {
    expect(rules(facts({ today: '2026-08-10' }))).toEqual([['MINIMUM_PERIOD_NOT_REACHED', '2026-08-11']]);
    expect(rules(facts({ today: '2026-08-11' }))).toEqual([]);
  });

  it('reports every unmet rule at once', () => {
    const refused = rules(
      facts({
        today: '2026-08-01',
        record: { status: 'published', kind: 'administrative_penalty', repairableFrom: '2026-08-11' },
        openApplication: { id: 'x', caseNumber: 'XF-320830-2026-000001' },
        ban: { until: '2028-12-31', caseNumber: 'XF-320830-2025-000009' },
      }),
    );
    expect(refused).toEqual([
      ['MINIMUM_PERIOD_NOT_REACHED', '2026-08-11'],
      ['OPEN_APPLICATION_EXISTS', null],
      ['REVOCATION_BAN', '2029-01-01'],
    ]);
  });

  it('refuses a record that is no longer published, with no date', () => {
    for (const status of ['repaired', 'expired', 'removed', 'shielded'] as const)
      expect(rules(facts({ record: { ...facts().record, status } }))).toEqual([
        ['RECORD_NOT_PUBLISHED', null],
      ]);
  });

  it('applies the repeat-repair limits only when the authority enabled them', () => {
    const approvals = [
      { decidedOn: '2022-03-01', kind: 'abnormal_list' as const },
      { decidedOn: '2026-02-01', kind: 'administrative_penalty' as const },
    ];
    expect(rules(facts({ approvals }))).toEqual([]);
    const enabled = { ...facts().repeatLimits, enabled: true };
    expect(rules(facts({ approvals, repeatLimits: enabled }))).toEqual([
      ['REPEAT_TOO_SOON', '2027-02-02'],
      ['REPEAT_TOO_MANY', '2027-03-02'],
      ['REPEAT_SAME_KIND', '2031-02-02'],
    ]);
  });

  it('an expired ban no longer refuses', () => {
    expect(rules(facts({ ban: { until: '2026-08-31', caseNumber: null } }))).toEqual([]);
  });
});
