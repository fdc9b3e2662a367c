import { describe, expect, it } from '@jest/globals';
import { groupByKey, versionStatuses } from './effective-dates';

const row = (id: string, key: string, effectiveFrom: string, authorityCode: string | null = null) => ({
  id,
  key,
  authorityCode,
  effectiveFrom,
});

describe('effective-dated versions', () => {
  const rows = [
    row('a1', 'repair.acceptance', '2023-10-01'),
    row('a2', 'repair.acceptance', '2026-01-01'),
    row('a3', 'repair.acceptance', '2027-01-01'),
    row('b1', 'repair.acceptance', '2026-06-01', '320830'),
    row('c1', 'objection.verification', '2026-12-03'),
  ];

  it('puts the latest version on or before the date in force, per key and authority', () => {
    expect(Object.fromEntries(versionStatuses(rows, '2026-12-03'))).toEqual({
      a1: 'superseded',
      a2: 'in-force',
      a3: 'scheduled',
      b1: 'in-force',
      c1: 'in-force', // taking effect today counts
    });
  });

  it('leaves nothing in force before the first version', () => {
    expect(versionStatuses(rows, '2020-01-01').get('a1')).toBe('scheduled');
  });

  it('groups by key, national first, newest first', () => {
    expect(groupByKey(rows).map(([key, list]) => [key, list.map((r) => r.id)])).toEqual([
      ['repair.acceptance', ['a3', 'a2', 'a1', 'b1']],
      ['objection.verification', ['c1']],
    ]);
  });
});
