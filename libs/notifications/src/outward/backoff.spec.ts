import { backoffMs, MAX_BACKOFF_MS } from './backoff';

describe('backoffMs', () => {
  it('doubles per failed attempt, between half and all of the ceiling', () => {
    expect(backoffMs(1, 1000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, () => 1)).toBe(4000);
    expect(backoffMs(3, 1000, () => 0)).toBe(2000);
  });

  it('never waits more than an hour', () => {
    expect(backoffMs(40, 5000, () => 1)).toBe(MAX_BACKOFF_MS);
  });
});
