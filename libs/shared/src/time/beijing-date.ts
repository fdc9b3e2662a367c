/**
 * Calendar dates in China Standard Time (UTC+8, no daylight saving since 1991). Legal periods are counted
 * in Beijing calendar days, whatever the server's time zone.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDateOf(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Beijing time of a calendar date, as an instant. */
export function startOfBeijingDay(date: string): Date {
  const [y, m, d] = parseIsoDate(date);
  return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS);
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function parseIsoDate(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parseIsoDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The last day of a period of `months` counted from `date`, the way Civil Code Art. 201–202 count it:
 * the start day is not counted, and the period ends on the corresponding day of the final month, or on
 * that month's last day when it has no such day (2026-01-31 + 1 month → 2026-02-28).
 */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = parseIsoDate(date);
  const targetMonthIndex = m - 1 + months;
  const lastDayOfTarget = new Date(Date.UTC(y, targetMonthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, targetMonthIndex, Math.min(d, lastDayOfTarget))).toISOString().slice(0, 10);
}
