/*
 * Time travel over a case's trail: the instants an auditor can stop at (each moment the case's events were
 * recorded), where a given instant falls among them, the instant as Beijing wall-clock time for the date-time
 * picker, and which credit record a case is about (so the page can show that record as of the same instant).
 */

/** The distinct instants at which the case's events were recorded, oldest first (several events may share one). */
export function trailInstants(steps: readonly { source: string; recordedAt: string }[]): string[] {
  const times = steps.filter((s) => s.source === 'event').map((s) => Date.parse(s.recordedAt));
  return [...new Set(times)].sort((a, b) => a - b).map((t) => new Date(t).toISOString());
}

/**
 * The index of the last instant at or before `at` (the as-of read folds the events recorded at or before it); the
 * latest when `at` is absent (the case as it is now); -1 before the first.
 */
export function instantIndexAt(instants: readonly string[], at: string | null): number {
  if (at === null) return instants.length - 1;
  const t = Date.parse(at);
  let index = -1;
  instants.forEach((instant, i) => {
    if (Date.parse(instant) <= t) index = i;
  });
  return index;
}

/** `?at=` of an address: an instant the API accepts (ISO 8601), or null for the present. */
export function instantOf(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return null;
  return Number.isNaN(Date.parse(value)) ? null : new Date(value).toISOString();
}

const BEIJING_MS = 8 * 60 * 60 * 1000;

/**
 * `2026-12-03 10:15:30`: the instant on a Beijing clock, whatever the browser's time zone (the picker shows the
 * wall-clock text it is given). China keeps no daylight saving: the offset is fixed.
 */
export function beijingWallClock(instant: string): string {
  return new Date(Date.parse(instant) + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * How the page names a moment of the trail: to the second, or to the millisecond when another moment of the trail
 * falls in the same second (one command's events, a quick succession), so two stops never read alike.
 */
export function instantLabel(instant: string, instants: readonly string[]): string {
  const second = Math.floor(Date.parse(instant) / 1000);
  const crowded = instants.some((i) => i !== instant && Math.floor(Date.parse(i) / 1000) === second);
  if (!crowded) return beijingWallClock(instant);
  const ms = String(new Date(instant).getUTCMilliseconds()).padStart(3, '0');
  return `${beijingWallClock(instant)}.${ms}`;
}

/** The instant of a Beijing wall-clock time `YYYY-MM-DD HH:mm:ss` (what the picker gives back). */
export function instantOfBeijing(wallClock: string): string {
  return new Date(`${wallClock.replace(' ', 'T')}+08:00`).toISOString();
}

/**
 * The credit record a case is about: a credit record's case is the record itself; a repair or an objection keeps
 * the record it concerns in its data (`record.id`); other cases concern none.
 */
export function recordIdOf(view: {
  type: string;
  caseId: string;
  data: Record<string, unknown>;
}): string | null {
  if (view.type === 'creditRecord') return view.caseId;
  const record = view.data.record;
  if (record && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string')
    return (record as { id: string }).id;
  return null;
}
