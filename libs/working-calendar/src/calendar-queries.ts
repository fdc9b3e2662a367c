import { Injectable } from '@nestjs/common';
import { InvalidInputError, type BilingualText } from '@credence/shared';
import { StatutoryTime } from './statutory-time';
import type { DayKind } from './working-calendar';

const WHY: Record<DayKind, (festival: string | null) => BilingualText> = {
  weekday: () => ({ zh: '工作日', en: 'an ordinary working day' }),
  weekend: () => ({ zh: '周末休息日', en: 'a weekend day' }),
  holiday: (f) => ({ zh: `${f}放假`, en: `a public holiday (${f})` }),
  makeup: (f) => ({ zh: `${f}调休上班`, en: `a weekend make-up working day (${f})` }),
};

const MAX_SPAN_DAYS = 3660;

const PROVISIONAL_NOTE: BilingualText = {
  zh: '该年度节假日安排尚未载入，仅排除周末，结果为暂定',
  en: "the year's holiday schedule is not loaded: only weekends were excluded, the answer is provisional",
};

/** The calendar questions staff and the console ask, each saying whether the answer is provisional. */
@Injectable()
export class CalendarQueries {
  constructor(private readonly time: StatutoryTime) {}

  async workingDay(date: string, authority?: string) {
    const calendar = (await this.time.snapshot()).calendarFor(authority ?? null);
    const day = calendar.day(date);
    return {
      ...day,
      reason: WHY[day.kind](day.festival),
      ...note(day.provisional),
      calendarVersion: calendar.version,
    };
  }

  async addWorkingDays(from: string, days: number, authority?: string) {
    const calendar = (await this.time.snapshot()).calendarFor(authority ?? null);
    const deadline = calendar.deadlineFrom(from, days);
    return {
      from,
      days,
      dueDate: deadline.dueDate,
      dueAt: deadline.dueAt.toISOString(),
      provisional: deadline.provisional,
      ...note(deadline.provisional),
      calendarVersion: calendar.version,
    };
  }

  async workingDaysBetween(from: string, to: string, authority?: string) {
    // Statutory limits span weeks; a count over centuries is a mistake, and would walk every day of it.
    if (Math.abs(Date.parse(to) - Date.parse(from)) > MAX_SPAN_DAYS * 86_400_000)
      throw new InvalidInputError([
        {
          field: 'to',
          code: 'CALENDAR.SPAN_TOO_LONG',
          message: {
            zh: `起止日期相距不得超过 ${MAX_SPAN_DAYS} 天`,
            en: `from and to may be at most ${MAX_SPAN_DAYS} days apart`,
          },
        },
      ]);
    const calendar = (await this.time.snapshot()).calendarFor(authority ?? null);
    const count = calendar.workingDaysBetween(from, to);
    return {
      from,
      to,
      workingDays: count.value,
      provisional: count.provisional,
      ...note(count.provisional),
      calendarVersion: calendar.version,
    };
  }
}

function note(provisional: boolean): { note?: BilingualText } {
  return provisional ? { note: PROVISIONAL_NOTE } : {};
}
