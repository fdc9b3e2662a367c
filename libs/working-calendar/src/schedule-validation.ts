import { isIsoDate } from '@credence/shared';
import type { YearSchedule } from './official-schedules';

/**
 * The festivals every national schedule covers (全国年节及纪念日放假办法, Art. 2): a notice that misses one is
 * incomplete, and a year loaded from it would silently count a holiday as a working day.
 */
export const STATUTORY_FESTIVALS = ['元旦', '春节', '清明', '劳动', '端午', '中秋', '国庆'] as const;

export interface ScheduleProblem {
  field: string;
  code: string;
  message: { zh: string; en: string };
}

/** Everything wrong with a schedule, at once (an admin fixes the file in one go). */
export function validateSchedule(schedule: YearSchedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const seen = new Map<string, string>();
  const { year } = schedule;
  schedule.festivals.forEach((festival, i) => {
    const lists: [string, string[]][] = [
      ['holidays', festival.holidays],
      ['makeupWorkdays', festival.makeupWorkdays],
    ];
    for (const [list, dates] of lists) {
      dates.forEach((date, j) => {
        const field = `festivals[${i}].${list}[${j}]`;
        if (!isIsoDate(date)) {
          problems.push({
            field,
            code: 'CALENDAR.BAD_DATE',
            message: { zh: `${date} 不是有效日期`, en: `${date} is not a calendar date` },
          });
          return;
        }
        // A make-up day may sit in the last days of the previous year (e.g. a 元旦 break), never further away.
        const dateYear = Number(date.slice(0, 4));
        if (
          dateYear !== year &&
          !(list === 'makeupWorkdays' && dateYear === year - 1 && date >= `${year - 1}-12-01`)
        ) {
          problems.push({
            field,
            code: 'CALENDAR.DATE_OUTSIDE_YEAR',
            message: { zh: `${date} 不在 ${year} 年内`, en: `${date} is outside ${year}` },
          });
        }
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        if (list === 'makeupWorkdays' && weekday !== 0 && weekday !== 6) {
          problems.push({
            field,
            code: 'CALENDAR.MAKEUP_NOT_WEEKEND',
            message: {
              zh: `调休上班日 ${date} 不是周末`,
              en: `make-up working day ${date} is not a weekend day`,
            },
          });
        }
        const before = seen.get(date);
        if (before !== undefined) {
          const both = before !== list;
          problems.push({
            field,
            code: both ? 'CALENDAR.HOLIDAY_AND_MAKEUP' : 'CALENDAR.DUPLICATE_DATE',
            message: both
              ? {
                  zh: `${date} 不能既是假日又是调休上班日`,
                  en: `${date} cannot be both a holiday and a make-up working day`,
                }
              : { zh: `${date} 重复出现`, en: `${date} is listed twice` },
          });
        }
        seen.set(date, list);
      });
    }
    if (festival.holidays.length === 0) {
      problems.push({
        field: `festivals[${i}].holidays`,
        code: 'CALENDAR.FESTIVAL_WITHOUT_HOLIDAYS',
        message: { zh: `${festival.name} 没有假日`, en: `${festival.name} has no days off` },
      });
    }
  });
  if (schedule.region === null) {
    const names = schedule.festivals.map((f) => f.name).join(' ');
    const missing = STATUTORY_FESTIVALS.filter((f) => !names.includes(f));
    if (missing.length > 0) {
      problems.push({
        field: 'festivals',
        code: 'CALENDAR.YEAR_INCOMPLETE',
        message: {
          zh: `${year} 年安排不完整，缺少：${missing.join('、')}`,
          en: `the ${year} schedule is incomplete; missing: ${missing.join(', ')}`,
        },
      });
    }
  }
  return problems;
}

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * A schedule read from a file (the CLI): its shape, checked before its dates are. What the API receives is checked
 * by its request class; a file has no such guard.
 */
export function scheduleShapeProblems(value: unknown): ScheduleProblem[] {
  const problem = (field: string, zh: string, en: string): ScheduleProblem => ({
    field,
    code: 'CALENDAR.BAD_SHAPE',
    message: { zh, en },
  });
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return [problem('', '日程文件必须是一个 JSON 对象', 'the schedule must be a JSON object')];
  const s = value as Record<string, unknown>;
  const problems: ScheduleProblem[] = [];
  if (!Number.isInteger(s.year)) problems.push(problem('year', '必须是整数年份', 'must be a whole year'));
  if (typeof s.source !== 'string' || s.source === '')
    problems.push(problem('source', '必须写明依据的通知', 'must name the notice it comes from'));
  if (s.region !== undefined && s.region !== null && typeof s.region !== 'string')
    problems.push(problem('region', '必须是省级行政区划代码或 null', 'must be a province code or null'));
  if (!Array.isArray(s.festivals) || s.festivals.length === 0)
    return [...problems, problem('festivals', '必须列出各节日的安排', 'must list the festivals')];
  s.festivals.forEach((f: unknown, i) => {
    const festival = (f ?? {}) as Record<string, unknown>;
    if (typeof festival.name !== 'string')
      problems.push(problem(`festivals[${i}].name`, '必须写明节日名称', 'must name the festival'));
    for (const list of ['holidays', 'makeupWorkdays'])
      if (!strings(festival[list]))
        problems.push(problem(`festivals[${i}].${list}`, '必须是日期字符串数组', 'must be a list of dates'));
  });
  return problems;
}
