import { beijingDateOf, type Database } from '@credence/shared';
import type { StatutoryTimeSnapshot } from '@credence/working-calendar';
import { CLOCK_EVENT_TYPES, foldClocks, type ClockState } from './clock-state';
import { clockViewOf, type ClockView } from './clock-view';

/**
 * The clocks of a case as every read shows them (the case page, the work queue): the authority's calendar and its
 * due-soon threshold, open clocks first. One wording of remaining and overdue working days for every view (ADR 0009).
 */
export function clockViewsOf(
  clocks: Iterable<ClockState>,
  time: StatutoryTimeSnapshot,
  authorityCode: string,
  now: Date,
): ClockView[] {
  const dueSoonDays = time.limit('reminder.due-soon', authorityCode, beijingDateOf(now)).workingDays;
  const calendar = time.calendarFor(authorityCode);
  return [...clocks]
    .map((c) => clockViewOf(c, calendar, now, dueSoonDays))
    .sort((a, b) => Number(a.status === 'stopped') - Number(b.status === 'stopped'));
}

/**
 * The clocks of several cases folded from their clock events alone, in one read: a list page (the work queue) shows
 * the same remaining days as the case page without loading and folding each case's machine. The start day of a
 * clock is not counted, and only the events know it (`case_clocks` keeps due dates, not the day counting began).
 */
export async function clocksOfCases(
  db: Database,
  caseIds: string[],
): Promise<Map<string, Map<string, ClockState>>> {
  const byCase = new Map<string, { type: string; data: Record<string, unknown> }[]>();
  if (caseIds.length === 0) return new Map();
  const { rows } = await db.query<{ case_id: string; type: string; data: Record<string, unknown> }>(
    `SELECT c.id AS case_id, e.type, e.data
       FROM cases c JOIN events e ON e.stream_id = c.stream_id
      WHERE c.id = ANY ($1::uuid[]) AND e.type = ANY ($2::text[])
      ORDER BY c.id, e.stream_version`,
    [caseIds, [...CLOCK_EVENT_TYPES]],
  );
  for (const row of rows) {
    const events = byCase.get(row.case_id) ?? [];
    events.push({ type: row.type, data: row.data });
    byCase.set(row.case_id, events);
  }
  return new Map([...byCase].map(([caseId, events]) => [caseId, foldClocks(events)]));
}

/**
 * For a list page: the open clock each case's row shows — the running one due first, as the list's own ordering
 * picks it — worded as the case page words it (remaining working days, start day uncounted; overdue working days).
 */
export async function nearestClockViews(
  db: Database,
  time: StatutoryTimeSnapshot,
  now: Date,
  cases: { caseId: string; authorityCode: string }[],
): Promise<Map<string, ClockView>> {
  const clocks = await clocksOfCases(
    db,
    cases.map((c) => c.caseId),
  );
  const nearest = new Map<string, ClockView>();
  for (const { caseId, authorityCode } of cases) {
    const views = clockViewsOf(clocks.get(caseId)?.values() ?? [], time, authorityCode, now);
    const running = views
      .filter((v) => v.status === 'running' && v.dueAt !== null)
      .sort((a, b) => a.dueAt!.localeCompare(b.dueAt!))[0];
    if (running) nearest.set(caseId, running);
  }
  return nearest;
}
