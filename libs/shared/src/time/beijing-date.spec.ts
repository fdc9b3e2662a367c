import { addCalendarMonths, addDays, beijingDateOf, isIsoDate, startOfBeijingDay } from './beijing-date';

describe('Beijing calendar dates', () => {
  it('takes the date in UTC+8, whatever the server zone', () => {
    expect(beijingDateOf(new Date('2026-05-10T15:59:59Z'))).toBe('2026-05-10');
    expect(beijingDateOf(new Date('2026-05-10T16:00:00Z'))).toBe('2026-05-11');
    expect(startOfBeijingDay('2026-08-11').toISOString()).toBe('2026-08-10T16:00:00.000Z');
  });

  it('counts months the Civil Code way (Art. 201–202), clamping to the month’s last day', () => {
    expect(addCalendarMonths('2026-05-10', 3)).toBe('2026-08-10');
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-05-10', 36)).toBe('2029-05-10');
  });

  it('knows real dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
