import fc from 'fast-check';
import { addDays } from '@credence/shared';
import { OFFICIAL_SCHEDULES } from './official-schedules';
import { addCalendarYears, WorkingCalendar } from './working-calendar';

const calendar = new WorkingCalendar(OFFICIAL_SCHEDULES.map((s) => ({ ...s, version: 1 })));
const dateIn = (from: string, to: string) =>
  fc
    .integer({ min: 0, max: (Date.parse(to) - Date.parse(from)) / 86_400_000 })
    .map((offset) => addDays(from, offset));

describe('WorkingCalendar against the published schedules', () => {
  it.each([
    // domain-rules §5.4 worked examples: start day not counted, make-up days counted
    ['2026-09-28', 10, '2026-10-16'], // National Day skipped, Sat 10-10 counts
    ['2026-02-12', 3, '2026-02-24'], // Fri 02-13 and make-up Sat 02-14 count, Spring Festival skipped
    ['2026-04-30', 7, '2026-05-13'], // Labour Day skipped, Sat 05-09 counts
    // across the year boundary: the 元旦 break is skipped and Sun 2026-01-04 is a make-up working day
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-30', 3, '2026-01-05'],
    // the 2025 Spring Festival: Mon 01-27 + 1 skips eight days off to Wed 02-05
    ['2025-01-27', 1, '2025-02-05'],
    // received on a holiday: counting starts with the first working day after it
    ['2026-10-03', 1, '2026-10-08'],
    // received on a Saturday make-up working day: that day is still not counted
    ['2026-10-10', 1, '2026-10-12'],
  ])('%s + %i working days → %s', (from, days, due) => {
    const result = calendar.addWorkingDays(from, days);
    expect(result).toEqual({ value: due, provisional: false });
  });

  it('counts 248 working days in each of 2025 and 2026', () => {
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31').value).toBe(248);
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31').value).toBe(248);
  });

  it('says why a day is or is not a working day', () => {
    expect(calendar.day('2026-02-16')).toMatchObject({ working: false, kind: 'holiday', festival: '春节' });
    expect(calendar.day('2026-02-14')).toMatchObject({ working: true, kind: 'makeup', festival: '春节' });
    expect(calendar.day('2026-03-07')).toMatchObject({ working: false, kind: 'weekend', festival: null });
    expect(calendar.day('2026-03-09')).toMatchObject({ working: true, kind: 'weekday', provisional: false });
  });

  it('ends a deadline at 24:00 Beijing time of its last day', () => {
    const deadline = calendar.deadlineFrom('2026-09-28', 10);
    expect(deadline.dueDate).toBe('2026-10-16');
    expect(deadline.dueAt.toISOString()).toBe('2026-10-16T16:00:00.000Z');
  });

  it('marks answers that reach into a year without a schedule as provisional (weekends only)', () => {
    expect(calendar.addWorkingDays('2026-12-28', 10)).toEqual({ value: '2027-01-11', provisional: true });
    expect(calendar.day('2027-01-01')).toMatchObject({ working: true, kind: 'weekday', provisional: true });
    expect(calendar.addWorkingDays('2026-12-01', 3).provisional).toBe(false);
  });

  it('turns due soon when at most k working days remain', () => {
    // Due Fri 2026-10-16, k = 2: from Thu 10-15 00:00 Beijing only Thu and Fri remain
    expect(calendar.dueSoonAt('2026-10-16', 2).toISOString()).toBe('2026-10-14T16:00:00.000Z');
    expect(calendar.remainingWorkingDays('2026-10-15', '2026-10-16').value).toBe(2);
    // Across National Day: due Fri 10-09 (a working day), k = 2 → from 10-01 (after Wed 09-30) on
    expect(calendar.dueSoonAt('2026-10-09', 2).toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('adding n then m working days equals adding n + m', () => {
    fc.assert(
      fc.property(dateIn('2025-01-01', '2026-10-31'), fc.nat(40), fc.nat(40), (from, n, m) => {
        const stepwise = calendar.addWorkingDays(calendar.addWorkingDays(from, n).value, m).value;
        return stepwise === calendar.addWorkingDays(from, n + m).value;
      }),
    );
  });

  it('a computed due date is always a working day', () => {
    fc.assert(
      fc.property(dateIn('2025-01-01', '2026-11-30'), fc.integer({ min: 1, max: 30 }), (from, n) =>
        calendar.isWorkingDay(calendar.addWorkingDays(from, n).value),
      ),
    );
  });

  it('counting back undoes counting forward, and the count between them is n', () => {
    fc.assert(
      fc.property(dateIn('2025-01-01', '2026-10-31'), fc.integer({ min: 1, max: 30 }), (from, n) => {
        const due = calendar.addWorkingDays(from, n).value;
        return calendar.workingDaysBetween(from, due).value === n;
      }),
    );
  });

  it('adds the local holidays of a province on top of the national schedule', () => {
    const local = { year: 2026, region: '540000', source: '藏历新年', version: 1 };
    const festivals = [{ name: '藏历新年', holidays: ['2026-02-24', '2026-02-25'], makeupWorkdays: [] }];
    const schedules = [...OFFICIAL_SCHEDULES.map((s) => ({ ...s, version: 1 })), { ...local, festivals }];
    const tibet = new WorkingCalendar(schedules, '540000');
    expect(tibet.day('2026-02-24')).toMatchObject({ working: false, kind: 'holiday', festival: '藏历新年' });
    expect(calendar.day('2026-02-24').working).toBe(true);
    expect(tibet.addWorkingDays('2026-02-12', 3).value).toBe('2026-02-26');
    expect(tibet.version).toBe('2025@1 2026@1 540000:2026@1');
  });

  it('adds calendar years for publicity periods, ending on 02-28 for a 02-29 start', () => {
    expect(addCalendarYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addCalendarYears('2026-05-10', 3)).toBe('2029-05-10');
  });
});
