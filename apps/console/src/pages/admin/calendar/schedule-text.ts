import type { components } from '../../../api/schema';

export type Festival = components['schemas']['FestivalRequest'];

/** Why a pasted or uploaded list could not be read: the line (1-based; 0 for the whole text) and what is wrong. */
export interface TextProblem {
  line: number;
  code: 'EMPTY' | 'BAD_JSON' | 'BAD_SHAPE' | 'BAD_LINE' | 'BAD_DATE' | 'BAD_KIND';
  value?: string;
}

export type ParsedSchedule =
  | { ok: true; festivals: Festival[]; year?: number; source?: string }
  | { ok: false; problems: TextProblem[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// The words a notice or a spreadsheet uses for the two kinds of day (放假 = day off, 调休上班 = weekend worked).
const HOLIDAY_WORDS = new Set(['holiday', 'off', '放假', '假日', '休']);
const MAKEUP_WORDS = new Set(['makeup', 'workday', 'work', '调休', '上班', '调休上班', '班']);

/** A real calendar date written YYYY-MM-DD (2027-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Reads a year's holidays from text an admin pasted or uploaded, in either of two forms:
 * - JSON as `credence calendar load` reads it (an object with `festivals`, optionally `year` and `source`), or just
 *   the festivals array;
 * - CSV, one day a line: `date,kind,festival` (kind 放假/holiday or 调休/makeup); a header line and blank lines are
 *   skipped. Days of one festival are grouped in the order they first appear.
 * The API checks the dates against the year and the statutory festivals (schedule-validation); this only reads.
 */
export function parseScheduleText(text: string): ParsedSchedule {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problems: [{ line: 0, code: 'EMPTY' }] };
  return trimmed.startsWith('{') || trimmed.startsWith('[') ? parseJson(trimmed) : parseCsv(trimmed);
}

function parseJson(text: string): ParsedSchedule {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ line: 0, code: 'BAD_JSON' }] };
  }
  const object = Array.isArray(value) ? { festivals: value } : (value as Record<string, unknown>);
  const festivals = object?.festivals;
  if (!Array.isArray(festivals) || !festivals.every(isFestival))
    return { ok: false, problems: [{ line: 0, code: 'BAD_SHAPE' }] };
  const bad = festivals
    .flatMap((f) => [...f.holidays, ...f.makeupWorkdays])
    .filter((d) => !isCalendarDate(d));
  if (bad.length) return { ok: false, problems: bad.map((value) => ({ line: 0, code: 'BAD_DATE', value })) };
  return {
    ok: true,
    festivals: festivals.map((f) => ({
      name: f.name,
      holidays: [...f.holidays],
      makeupWorkdays: [...f.makeupWorkdays],
    })),
    ...(Number.isInteger(object.year) ? { year: object.year as number } : {}),
    ...(typeof object.source === 'string' && object.source ? { source: object.source } : {}),
  };
}

function isFestival(value: unknown): value is Festival {
  const f = value as Festival;
  const dates = (list: unknown) => Array.isArray(list) && list.every((d) => typeof d === 'string');
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.name === 'string' &&
    f.name.trim() !== '' &&
    dates(f.holidays) &&
    dates(f.makeupWorkdays)
  );
}

function parseCsv(text: string): ParsedSchedule {
  const byName = new Map<string, Festival>();
  const problems: TextProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const cells = raw.split(/[,\t，]/).map((c) => c.trim());
    if (cells.every((c) => c === '')) return;
    const [date, kind, name] = cells;
    if (line === 1 && !ISO_DATE.test(date)) return; // a header line (日期,类型,节日)
    if (cells.length < 3 || !name) return void problems.push({ line, code: 'BAD_LINE', value: raw.trim() });
    if (!isCalendarDate(date)) return void problems.push({ line, code: 'BAD_DATE', value: date });
    const lowered = kind.toLowerCase();
    const list = HOLIDAY_WORDS.has(lowered)
      ? 'holidays'
      : MAKEUP_WORDS.has(lowered)
        ? 'makeupWorkdays'
        : null;
    if (!list) return void problems.push({ line, code: 'BAD_KIND', value: kind });
    const festival = byName.get(name) ?? { name, holidays: [], makeupWorkdays: [] };
    festival[list].push(date);
    byName.set(name, festival);
  });
  if (problems.length) return { ok: false, problems };
  if (byName.size === 0) return { ok: false, problems: [{ line: 0, code: 'EMPTY' }] };
  return { ok: true, festivals: [...byName.values()] };
}

/** Dates typed into a form field, separated by commas, spaces or new lines; empty parts dropped. */
export function splitDates(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,，、;；]+/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
}
