import { describe, expect, it } from '@jest/globals';
import { firstMarkedMonth, monthGrid, provisionalYears } from './month-grid';

const spring = [
  { name: '春节', holidays: ['2027-02-06', '2027-02-07', '2027-02-08'], makeupWorkdays: ['2027-02-13'] },
];

describe('the month grid of the working-day calendar', () => {
  it('starts weeks on Monday and pads other months with null', () => {
    // 2027-02-01 is a Monday; February 2027 has 28 days: exactly four rows.
    const weeks = monthGrid(2027, 2, []);
    expect(weeks).toHaveLength(4);
    expect(weeks[0][0]?.date).toBe('2027-02-01');
    // 2027-03-01 is a Monday too; 2027-01-01 a Friday: four blanks before it.
    expect(
      monthGrid(2027, 1, [])[0]
        .slice(0, 5)
        .map((d) => d?.day ?? null),
    ).toEqual([null, null, null, null, 1]);
  });

  it('marks holidays off and make-up weekends worked; other weekends off', () => {
    const days = monthGrid(2027, 2, spring).flat();
    const on = (date: string) => days.find((d) => d?.date === date);
    expect(on('2027-02-06')).toMatchObject({ kind: 'holiday', working: false, festival: '春节' }); // a Saturday
    expect(on('2027-02-08')).toMatchObject({ kind: 'holiday', working: false }); // a Monday off
    expect(on('2027-02-13')).toMatchObject({ kind: 'makeup', working: true, festival: '春节' }); // a Saturday worked
    expect(on('2027-02-14')).toMatchObject({ kind: 'weekend', working: false, festival: null });
    expect(on('2027-02-09')).toMatchObject({ kind: 'weekday', working: true });
  });

  it('opens on the first month with a marked day', () => {
    expect(firstMarkedMonth(spring)).toBe(2);
    expect(firstMarkedMonth([])).toBe(1);
  });

  it('calls this year and next provisional when their national schedule is missing', () => {
    expect(provisionalYears([2025, 2026], 2026)).toEqual([2027]);
    expect(provisionalYears([2025, 2026, 2027], 2026)).toEqual([]);
    expect(provisionalYears([2025], 2026)).toEqual([2026, 2027]);
  });
});
