import { describe, expect, it } from '@jest/globals';
import {
  beijingWallClock,
  instantIndexAt,
  instantLabel,
  instantOf,
  instantOfBeijing,
  recordIdOf,
  trailInstants,
} from './time-travel';
import { snapshotLines } from './trail-facts';

const steps = [
  { source: 'event', recordedAt: '2026-12-01T02:00:00.000Z' },
  { source: 'event', recordedAt: '2026-12-01T02:00:00.000Z' }, // the clock started by the same command
  { source: 'delivery', recordedAt: '2026-12-01T03:00:00.000Z' },
  { source: 'event', recordedAt: '2026-12-02T06:30:00.500Z' },
];

describe('time travel over a trail', () => {
  it('stops at each distinct moment an event was recorded, not at delivery records', () => {
    expect(trailInstants(steps)).toEqual(['2026-12-01T02:00:00.000Z', '2026-12-02T06:30:00.500Z']);
  });

  it('places an instant at the last moment at or before it, the present at the last one', () => {
    const instants = trailInstants(steps);
    expect(instantIndexAt(instants, null)).toBe(1);
    expect(instantIndexAt(instants, '2026-12-01T02:00:00.000Z')).toBe(0);
    expect(instantIndexAt(instants, '2026-12-02T06:30:00.499Z')).toBe(0);
    expect(instantIndexAt(instants, '2026-12-02T06:30:00.500Z')).toBe(1);
    expect(instantIndexAt(instants, '2026-11-30T00:00:00Z')).toBe(-1);
  });

  it('names a moment to the second, to the millisecond only when another shares its second', () => {
    const instants = ['2026-12-01T02:00:00.120Z', '2026-12-01T02:00:00.480Z', '2026-12-01T02:00:05.000Z'];
    expect(instantLabel(instants[0], instants)).toBe('2026-12-01 10:00:00.120');
    expect(instantLabel(instants[1], instants)).toBe('2026-12-01 10:00:00.480');
    expect(instantLabel(instants[2], instants)).toBe('2026-12-01 10:00:05');
  });

  it('accepts an instant of the address only as an ISO 8601 time with its zone', () => {
    expect(instantOf('2026-12-01T10:00:00+08:00')).toBe('2026-12-01T02:00:00.000Z');
    expect(instantOf('2026-12-01T02:00:00.123Z')).toBe('2026-12-01T02:00:00.123Z');
    for (const bad of [null, '', 'yesterday', '2026-12-01', '2026-12-01T10:00:00', '2026-13-01T00:00:00Z'])
      expect(instantOf(bad)).toBeNull();
  });

  it('shows an instant on a Beijing clock and reads a Beijing clock back, whatever the browser’s zone', () => {
    expect(beijingWallClock('2026-12-31T16:30:05.000Z')).toBe('2027-01-01 00:30:05');
    expect(instantOfBeijing('2027-01-01 00:30:05')).toBe('2026-12-31T16:30:05.000Z');
  });

  it('finds the credit record a case is about', () => {
    const id = '0190f0e0-0000-7000-8000-000000000001';
    expect(recordIdOf({ type: 'creditRecord', caseId: id, data: {} })).toBe(id);
    expect(recordIdOf({ type: 'repairApplication', caseId: 'c', data: { record: { id } } })).toBe(id);
    expect(recordIdOf({ type: 'commitment', caseId: 'c', data: { record: null } })).toBeNull();
  });

  it('words a grade snapshot as name: value lines, nested values kept', () => {
    expect(snapshotLines({ grade: 'A', lists: ['red'], evaluatedAt: null })).toEqual([
      'grade: A',
      'lists: ["red"]',
      'evaluatedAt: —',
    ]);
    expect(snapshotLines(null)).toEqual([]);
  });
});
