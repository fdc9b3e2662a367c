import { governingPeriods, publicityPeriods, ruleSetInForce, type RuleSet } from './rule-set';

const order36: RuleSet = {
  code: 'ndrc-order-36-2026',
  nameZh: '',
  nameEn: '',
  legalBasis: '',
  effectiveFrom: '2026-04-01',
  periods: {
    minor: { minimumMonths: 0, maximumMonths: 3 },
    general: { minimumMonths: 3, maximumMonths: 12 },
    serious: { minimumMonths: 12, maximumMonths: 36 },
  },
  fieldMinimums: {},
};
const order58: RuleSet = {
  ...order36,
  code: 'ndrc-order-58-2023',
  effectiveFrom: '2023-05-01',
  periods: {
    minor: { minimumMonths: 3, maximumMonths: 36 },
    general: { minimumMonths: 3, maximumMonths: 36 },
    serious: { minimumMonths: 3, maximumMonths: 36 },
  },
  fieldMinimums: { work_safety: 12 },
};

describe('publicity periods (Order 36, Civil Code counting)', () => {
  it('a general record decided 2026-05-10 may be repaired from 2026-08-11 and leaves publicity after 2027-05-10', () => {
    const p = publicityPeriods(order36, 'general', 'road_transport', '2026-05-10');
    expect(p.repairableFrom).toBe('2026-08-11');
    expect(p.publicityEndsAfter).toBe('2027-05-10');
    // Timers fire at 00:00 Beijing time of the first day.
    expect(p.repairableAt).toBe('2026-08-10T16:00:00.000Z');
    expect(p.expiresAt).toBe('2027-05-10T16:00:00.000Z');
  });

  it('ends a period on the last day of a shorter month', () => {
    const p = publicityPeriods(order36, 'general', 'road_transport', '2026-11-30');
    expect(p.repairableFrom).toBe('2027-03-01'); // 2027-02-28 is the last day of the minimum period
  });

  it('lets a minor record be repaired from the day after its decision', () => {
    expect(publicityPeriods(order36, 'minor', 'road_transport', '2026-06-01').repairableFrom).toBe(
      '2026-06-02',
    );
  });

  it('serious records wait a year under Order 36', () => {
    expect(publicityPeriods(order36, 'serious', 'road_transport', '2026-06-01').repairableFrom).toBe(
      '2027-06-02',
    );
  });

  it('applies a longer minimum in a special field (Order 58: work safety, 1 year)', () => {
    expect(publicityPeriods(order58, 'general', 'work_safety', '2024-03-01').repairableFrom).toBe(
      '2025-03-02',
    );
  });
});

describe('choosing the governing rule set', () => {
  const sets = [order58, order36];

  it('takes the rule set in force on the decision date', () => {
    expect(ruleSetInForce(sets, '2026-03-31')?.code).toBe('ndrc-order-58-2023');
    expect(ruleSetInForce(sets, '2026-04-01')?.code).toBe('ndrc-order-36-2026');
    expect(ruleSetInForce(sets, '2020-01-01')).toBeNull();
  });

  it('the lenient policy (从旧兼从轻) picks the regime allowing repair sooner', () => {
    const input = {
      severity: 'minor' as const,
      field: 'road_transport' as const,
      decisionDate: '2026-03-20',
      registrationDate: '2026-04-02',
    };
    expect(governingPeriods(sets, { ...input, policy: 'decision-date' })?.ruleSet).toBe('ndrc-order-58-2023');
    expect(governingPeriods(sets, { ...input, policy: 'lenient' })?.ruleSet).toBe('ndrc-order-36-2026');
  });
});
