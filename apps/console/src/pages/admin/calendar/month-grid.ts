import type { Festival } from './schedule-text';

/** Why a day is or is not a working day (the API's DayKind, apps/…/working-calendar.ts). */
export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup';

export interface GridDay {
  date: string;
  day: number;
  kind: DayKind;
  working: boolean;
  festival: string | null;
}

/** A week of the grid, Monday first (as Chinese calendars are printed); null pads the days of other months. */
export type GridWeek = (GridDay | null)[];

/**
 * The days of one month as the schedule makes them: weekends and holidays (放假) are not working days, make-up days
 * (调休上班) are (DOMAIN.md §7). Without a schedule every weekend is off and every weekday worked, which is what the
 * API assumes for a year not loaded (a provisional deadline).
 */
export function monthGrid(year: number, month: number, festivals: readonly Festival[]): GridWeek[] {
  const marks = new Map<string, { kind: 'holiday' | 'makeup'; festival: string }>();
  for (const festival of festivals) {
    for (const date of festival.holidays) marks.set(date, { kind: 'holiday', festival: festival.name });
    for (const date of festival.makeupWorkdays) marks.set(date, { kind: 'makeup', festival: festival.name });
  }
  const first = Date.UTC(year, month - 1, 1);
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // getUTCDay: Sunday 0 … Saturday 6; Monday-first column index: (weekday + 6) % 7.
  const lead = (new Date(first).getUTCDay() + 6) % 7;
  const cells: (GridDay | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= length; day++) {
    const date = new Date(first + (day - 1) * 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const mark = marks.get(date);
    const kind: DayKind = mark?.kind ?? (weekday === 0 || weekday === 6 ? 'weekend' : 'weekday');
    cells.push({
      date,
      day,
      kind,
      working: kind === 'weekday' || kind === 'makeup',
      festival: mark?.festival ?? null,
    });
  }
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/** The first month holding a holiday or make-up day of the schedule (January when there is none): shown first. */
export function firstMarkedMonth(festivals: readonly Festival[]): number {
  const months = festivals
    .flatMap((f) => [...f.holidays, ...f.makeupWorkdays])
    .map((d) => Number(d.slice(5, 7)));
  return months.length ? Math.min(...months) : 1;
}

/**
 * The years a deadline may rest on without their schedule: from this year through next (statutory limits are
 * weeks, so later years do not matter yet), those with no national schedule loaded. The API marks such deadlines
 * provisional and recomputes them when the year is loaded.
 */
export function provisionalYears(loadedNationalYears: readonly number[], thisYear: number): number[] {
  return [thisYear, thisYear + 1].filter((year) => !loadedNationalYears.includes(year));
}
