import { addCalendarMonths, addDays, beijingDateOf, startOfBeijingDay } from '@credence/shared';
import type { YearSchedule } from './official-schedules';

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  date: string;
  working: boolean;
  /** Why: an ordinary weekday or weekend, a public holiday (放假) or a make-up working day (调休上班). */
  kind: DayKind;
  /** The festival a holiday or make-up day belongs to. */
  festival: string | null;
  /** The year's schedule is not loaded: only weekends were excluded. */
  provisional: boolean;
}

/** An answer that may rest on a year whose schedule is not loaded yet (weekends only). */
export interface Provisional<T> {
  value: T;
  provisional: boolean;
}

export interface Deadline {
  /** The last working day (Beijing calendar date). */
  dueDate: string;
  /** 24:00 Beijing time of that day: the instant the limit is over. */
  dueAt: Date;
  provisional: boolean;
}

/** A schedule as stored: the published notice plus its version in the calendar table. */
export interface LoadedSchedule extends YearSchedule {
  version: number;
}

interface Marked {
  kind: 'holiday' | 'makeup';
  festival: string;
}

// Long enough for any statutory limit; a loop that goes further is a bug, not a slow answer.
const MAX_SPAN_DAYS = 3660;

/**
 * Working-day arithmetic over the loaded schedules (DOMAIN.md §7): weekends and public holidays are not working
 * days, make-up days are, and the start day is never counted ("within 10 working days of receipt" starts the next
 * day). Pure and synchronous: the calendar table is read once and handed in.
 */
export class WorkingCalendar {
  private readonly marked = new Map<string, Marked>();
  private readonly loadedYears = new Set<number>();
  /** Which schedule versions this calendar was built from, e.g. `2025@1 2026@2`: recorded with every deadline. */
  readonly version: string;

  constructor(schedules: LoadedSchedule[], region: string | null = null) {
    const national = schedules.filter((s) => s.region === null);
    const local = schedules.filter((s) => region !== null && s.region === region);
    // National first, so a local schedule (e.g. a regional festival) adds to or overrides it.
    for (const schedule of [...national, ...local]) {
      for (const festival of schedule.festivals) {
        for (const date of festival.holidays)
          this.marked.set(date, { kind: 'holiday', festival: festival.name });
        for (const date of festival.makeupWorkdays)
          this.marked.set(date, { kind: 'makeup', festival: festival.name });
      }
    }
    for (const s of national) this.loadedYears.add(s.year);
    this.version = [...national, ...local]
      .map((s) => `${s.region ? `${s.region}:` : ''}${s.year}@${s.version}`)
      .sort()
      .join(' ');
  }

  /** Years with a national schedule. */
  years(): number[] {
    return [...this.loadedYears].sort((a, b) => a - b);
  }

  isLoaded(year: number): boolean {
    return this.loadedYears.has(year);
  }

  day(date: string): DayInfo {
    const provisional = !this.loadedYears.has(Number(date.slice(0, 4)));
    const mark = this.marked.get(date);
    if (mark)
      return { date, working: mark.kind === 'makeup', kind: mark.kind, festival: mark.festival, provisional };
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday', festival: null, provisional };
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  /** The nth working day after `from` (before it when n < 0); n = 0 is `from` itself. */
  addWorkingDays(from: string, n: number): Provisional<string> {
    const step = n < 0 ? -1 : 1;
    let provisional = false;
    let date = from;
    for (let left = Math.abs(n), walked = 0; left > 0; walked++) {
      if (walked > MAX_SPAN_DAYS) throw new RangeError(`no ${n} working days within ten years of ${from}`);
      date = addDays(date, step);
      const info = this.day(date);
      provisional ||= info.provisional;
      if (info.working) left--;
    }
    return { value: date, provisional };
  }

  /** Working days d with from < d ≤ to (negative when `to` is before `from`). */
  workingDaysBetween(from: string, to: string): Provisional<number> {
    if (to < from) {
      const reverse = this.workingDaysBetween(to, from);
      return { value: -reverse.value, provisional: reverse.provisional };
    }
    let count = 0;
    let provisional = false;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
      const info = this.day(date);
      provisional ||= info.provisional;
      if (info.working) count++;
    }
    return { value: count, provisional };
  }

  /** "Within n working days of `start`": the end (24:00 Beijing) of the nth working day after the start day. */
  deadlineFrom(start: string, n: number): Deadline {
    const due = this.addWorkingDays(start, n);
    return { dueDate: due.value, dueAt: endOfBeijingDay(due.value), provisional: due.provisional };
  }

  /** Working days left to meet a deadline, counting `today` when it is one (0 once the day is over). */
  remainingWorkingDays(today: string, dueDate: string): Provisional<number> {
    const left = this.workingDaysBetween(addDays(today, -1), dueDate);
    return { value: Math.max(0, left.value), provisional: left.provisional };
  }

  /** When a deadline becomes "due soon": the moment at most `k` of its working days remain. */
  dueSoonAt(dueDate: string, k: number): Date {
    return endOfBeijingDay(this.addWorkingDays(dueDate, -k).value);
  }
}

/** 24:00 Beijing time of a date (= 00:00 of the next day): when a day-based limit runs out. */
export function endOfBeijingDay(date: string): Date {
  return startOfBeijingDay(addDays(date, 1));
}

/** The Beijing date a received-at instant counts from. */
export const receivedOn = beijingDateOf;

/** Publicity periods count calendar months and years (Civil Code Art. 201–202), not working days. */
export { addCalendarMonths };

export function addCalendarYears(date: string, years: number): string {
  return addCalendarMonths(date, 12 * years);
}
