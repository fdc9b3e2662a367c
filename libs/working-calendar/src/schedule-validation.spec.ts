import { OFFICIAL_SCHEDULES, type YearSchedule } from './official-schedules';
import { scheduleShapeProblems, validateSchedule } from './schedule-validation';

const y2026 = OFFICIAL_SCHEDULES.find((s) => s.year === 2026)!;
const codes = (schedule: YearSchedule) => validateSchedule(schedule).map((p) => p.code);

describe('validateSchedule', () => {
  it('accepts the official 2025 and 2026 schedules', () => {
    for (const schedule of OFFICIAL_SCHEDULES) expect(validateSchedule(schedule)).toEqual([]);
  });

  it('refuses a year that misses a statutory festival', () => {
    const problems = validateSchedule({
      ...y2026,
      festivals: y2026.festivals.filter((f) => f.name !== '端午节'),
    });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'CALENDAR.YEAR_INCOMPLETE', field: 'festivals' }),
    ]);
    expect(problems[0].message.zh).toContain('端午');
  });

  it('refuses a date that is both a holiday and a make-up working day', () => {
    const festivals = [...y2026.festivals, { name: '补充', holidays: ['2026-02-14'], makeupWorkdays: [] }];
    expect(codes({ ...y2026, festivals })).toEqual(['CALENDAR.HOLIDAY_AND_MAKEUP']);
  });

  it('reports every problem at once', () => {
    const festivals = [
      ...y2026.festivals,
      { name: '错误', holidays: ['2026-02-30', '2027-01-01'], makeupWorkdays: ['2026-03-04'] },
    ];
    expect(codes({ ...y2026, festivals })).toEqual([
      'CALENDAR.BAD_DATE',
      'CALENDAR.DATE_OUTSIDE_YEAR',
      'CALENDAR.MAKEUP_NOT_WEEKEND',
    ]);
  });

  it('lets a make-up day sit in the last December of the previous year', () => {
    const festivals = y2026.festivals.map((f) =>
      f.name === '元旦' ? { ...f, makeupWorkdays: ['2025-12-27'] } : f,
    );
    expect(codes({ ...y2026, festivals })).toEqual([]);
  });

  it('does not require every festival of a regional schedule', () => {
    const tibet: YearSchedule = {
      year: 2026,
      region: '540000',
      source: '西藏自治区藏历新年放假安排',
      festivals: [{ name: '藏历新年', holidays: ['2026-02-18', '2026-02-19'], makeupWorkdays: [] }],
    };
    expect(validateSchedule(tibet)).toEqual([]);
  });
});

describe('scheduleShapeProblems', () => {
  it('accepts the official schedules', () => {
    for (const schedule of OFFICIAL_SCHEDULES) expect(scheduleShapeProblems(schedule)).toEqual([]);
  });

  it('names every missing or mistyped member of a file’s schedule at once', () => {
    expect(scheduleShapeProblems({ year: 2030 }).map((p) => p.field)).toEqual(['source', 'festivals']);
    expect(
      scheduleShapeProblems({
        year: '2030',
        source: '通知',
        festivals: [{ name: '元旦', holidays: '2030-01-01' }],
      }).map((p) => p.field),
    ).toEqual(['year', 'festivals[0].holidays', 'festivals[0].makeupWorkdays']);
    expect(scheduleShapeProblems([])).toHaveLength(1);
  });
});
