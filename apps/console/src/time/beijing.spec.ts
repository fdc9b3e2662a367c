import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime } from './beijing';

describe('Beijing dates', () => {
  it('shows an instant on its Beijing date and time, whatever the machine zone', () => {
    // 16:30 UTC is 00:30 the next day in Beijing.
    expect(formatDate('2026-12-07T16:30:00Z')).toBe('2026-12-08');
    expect(formatDateTime('2026-12-07T16:30:00Z')).toBe('2026-12-08 00:30');
  });

  it('leaves a calendar date as it is, and nothing as nothing', () => {
    expect(formatDate('2026-12-08')).toBe('2026-12-08');
    expect(formatDate(null)).toBe('');
  });
});
