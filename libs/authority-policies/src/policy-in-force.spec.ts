import { describe, expect, it } from '@jest/globals';
import { policyInForce, type PolicySetting } from './policy-in-force';

const setting = (id: string, authorityCode: string | null, effectiveFrom: string, value: string) =>
  ({ id, key: 'repair.four-eyes', authorityCode, effectiveFrom, value, reason: '' }) as PolicySetting;

describe('policyInForce', () => {
  const settings = [
    setting('national', null, '2020-01-01', 'serious-only'),
    setting('province', '320000', '2026-01-01', 'all'),
    setting('county-later', '320830', '2026-09-01', 'serious-only'),
  ];

  it('takes the nearest authority on the path, a province setting covering its counties', () => {
    expect(policyInForce(settings, 'repair.four-eyes', '320000/320800/320830', '2026-06-01')?.id).toBe(
      'province',
    );
    expect(policyInForce(settings, 'repair.four-eyes', '320000/320800/320830', '2026-09-01')?.id).toBe(
      'county-later',
    );
  });

  it('falls back to the national default outside the subtree and before a setting takes effect', () => {
    expect(policyInForce(settings, 'repair.four-eyes', '510000/512000', '2026-06-01')?.id).toBe('national');
    expect(policyInForce(settings, 'repair.four-eyes', '320000/320800/320830', '2025-12-31')?.id).toBe(
      'national',
    );
  });

  it('is null when nothing of the key is in force', () => {
    expect(policyInForce(settings, 'repair.revocation-ban-months', '320000', '2026-06-01')).toBeNull();
  });
});
