/** Statutory time is Beijing time (ADR 0009): every date and time the console shows is in Asia/Shanghai. */
export const BEIJING = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BEIJING,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function beijingParts(instant: Date): Record<string, string> {
  return Object.fromEntries(parts.formatToParts(instant).map((p) => [p.type, p.value]));
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `2026-12-08`: a calendar date (already a Beijing date) as it is; an instant as its Beijing date. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const p = beijingParts(new Date(value));
  return `${p.year}-${p.month}-${p.day}`;
}

/** `2026-12-08 16:30` in Beijing time, whatever the browser's own time zone. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const p = beijingParts(new Date(value));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
