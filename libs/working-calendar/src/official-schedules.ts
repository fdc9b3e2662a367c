/**
 * The State Council General Office's holiday schedules, as published (domain-rules §5.3–5.4). Seed data only:
 * once loaded, the calendar table is the truth. No imports, so the seeding migration can use this file as is.
 */

export interface FestivalSchedule {
  /** The festival as the notice names it, e.g. 春节 or 国庆节、中秋节 (one break for both). */
  name: string;
  /** Days off (放假). */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  makeupWorkdays: string[];
}

export interface YearSchedule {
  year: number;
  /** Null for the national schedule; a province code (e.g. 540000) for local holidays on top of it. */
  region: string | null;
  /** The notice it comes from. */
  source: string;
  festivals: FestivalSchedule[];
}

function span(first: string, days: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

export const OFFICIAL_SCHEDULES: YearSchedule[] = [
  {
    year: 2025,
    region: null,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    festivals: [
      { name: '元旦', holidays: ['2025-01-01'], makeupWorkdays: [] },
      { name: '春节', holidays: span('2025-01-28', 8), makeupWorkdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', holidays: span('2025-04-04', 3), makeupWorkdays: [] },
      { name: '劳动节', holidays: span('2025-05-01', 5), makeupWorkdays: ['2025-04-27'] },
      { name: '端午节', holidays: span('2025-05-31', 3), makeupWorkdays: [] },
      {
        name: '国庆节、中秋节',
        holidays: span('2025-10-01', 8),
        makeupWorkdays: ['2025-09-28', '2025-10-11'],
      },
    ],
  },
  {
    year: 2026,
    region: null,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    festivals: [
      { name: '元旦', holidays: span('2026-01-01', 3), makeupWorkdays: ['2026-01-04'] },
      { name: '春节', holidays: span('2026-02-15', 9), makeupWorkdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', holidays: span('2026-04-04', 3), makeupWorkdays: [] },
      { name: '劳动节', holidays: span('2026-05-01', 5), makeupWorkdays: ['2026-05-09'] },
      { name: '端午节', holidays: span('2026-06-19', 3), makeupWorkdays: [] },
      { name: '中秋节', holidays: span('2026-09-25', 3), makeupWorkdays: [] },
      { name: '国庆节', holidays: span('2026-10-01', 7), makeupWorkdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
];
