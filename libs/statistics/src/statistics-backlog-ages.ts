import { addDays } from '@credence/shared';
import type { StatutoryTimeSnapshot, WorkingCalendar } from '@credence/working-calendar';

/** Backlog age buckets in working days (inclusive bounds; null: no upper bound). */
export const BACKLOG_BUCKETS = [
  { key: '0-3', min: 0, max: 3 },
  { key: '4-10', min: 4, max: 10 },
  { key: '11-20', min: 11, max: 20 },
  { key: '21+', min: 21, max: null },
] as const;

/**
 * For each bucket with an upper bound, the earliest opening day whose age is still within it: the age of a case
 * opened on `d` is the number of working days in (d, asOf], which only grows as `d` goes back, so each bucket is a
 * range of opening days and a case is bucketed by comparing its opening day with these cut-off days.
 */
export function bucketCutoffs(calendar: WorkingCalendar, asOf: string): string[] {
  const cutoffs: string[] = [];
  let age = 0;
  let day = asOf;
  for (const bucket of BACKLOG_BUCKETS) {
    if (bucket.max === null) break;
    // Step back while the day before is still within the bucket: its age adds `day` if `day` is a working day.
    for (;;) {
      const before = addDays(day, -1);
      const ageBefore = age + (calendar.isWorkingDay(day) ? 1 : 0);
      if (ageBefore > bucket.max) break;
      day = before;
      age = ageBefore;
    }
    cutoffs.push(day);
  }
  return cutoffs;
}

/**
 * The SQL of a pending case's bucket index (0…3), on the calendar of its province: the provinces with their own
 * schedule get their own cut-off days, every other case the national ones. `params` receives the cut-off days.
 */
export function bucketExpression(
  time: StatutoryTimeSnapshot,
  asOf: string,
  alias: string,
  params: unknown[],
): string {
  const byCutoffs = (calendar: WorkingCalendar) => {
    const parts = bucketCutoffs(calendar, asOf).map((cutoff, i) => {
      params.push(cutoff);
      return `WHEN ${alias}.opened_on >= $${params.length}::date THEN ${i}`;
    });
    return `CASE ${parts.join(' ')} ELSE ${BACKLOG_BUCKETS.length - 1} END`;
  };
  const regions = [...new Set(time.schedules.map((s) => s.region).filter((r): r is string => !!r))].sort();
  if (regions.length === 0) return byCutoffs(time.calendarFor(null));
  // The province of a case is the first two digits of its authority path (GB/T 2260: every code under a province
  // starts with the province's two digits), as the clocks read it from the authority code.
  const branches = regions.map((region) => {
    params.push(region.slice(0, 2));
    return `WHEN left(${alias}.authority_path, 2) = $${params.length} THEN ${byCutoffs(time.calendarFor(region))}`;
  });
  return `CASE ${branches.join(' ')} ELSE ${byCutoffs(time.calendarFor(null))} END`;
}
