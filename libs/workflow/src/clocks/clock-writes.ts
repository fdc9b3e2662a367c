import type { SqlWrite } from '@credence/shared';
import type { CaseOwnership } from '../case-type';
import type { ClockState } from './clock-state';

/** The clocks a command changed, upserted into `case_clocks` in the statement that appends their events. */
export function clockRowsWrite(
  target: { caseId: string; type: string; streamId: string; ownership: CaseOwnership; at: Date },
  clocks: ClockState[],
  dueSoonAt: (clock: ClockState) => Date | null,
): SqlWrite | null {
  if (clocks.length === 0) return null;
  const column = <T>(pick: (c: ClockState) => T) => clocks.map(pick);
  return {
    text: `INSERT INTO case_clocks (stream_id, name, case_id, case_type, authority_code, authority_path, limit_key,
             label_zh, label_en, status, started_at, due_date, due_at, due_soon_at, remaining_days, provisional,
             due_soon, overdue, outcome, calendar_version, updated_at)
           SELECT $1::text, c.name, $2::uuid, $3::text, $4::text, $5::text, c.limit_key, c.label_zh, c.label_en,
                  c.status, c.started_at, c.due_date, c.due_at, c.due_soon_at, c.remaining_days, c.provisional,
                  c.due_soon, c.overdue, c.outcome, c.calendar_version, $6::timestamptz
             FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::date[],
                         $14::timestamptz[], $15::timestamptz[], $16::int[], $17::boolean[], $18::boolean[],
                         $19::boolean[], $20::text[], $21::text[])
                  AS c(name, limit_key, label_zh, label_en, status, started_at, due_date, due_at, due_soon_at,
                       remaining_days, provisional, due_soon, overdue, outcome, calendar_version)
            WHERE EXISTS (SELECT 1 FROM appended)
           ON CONFLICT (stream_id, name) DO UPDATE SET
             authority_code = EXCLUDED.authority_code, authority_path = EXCLUDED.authority_path,
             limit_key = EXCLUDED.limit_key, label_zh = EXCLUDED.label_zh, label_en = EXCLUDED.label_en,
             status = EXCLUDED.status, started_at = EXCLUDED.started_at, due_date = EXCLUDED.due_date,
             due_at = EXCLUDED.due_at, due_soon_at = EXCLUDED.due_soon_at, remaining_days = EXCLUDED.remaining_days,
             provisional = EXCLUDED.provisional, due_soon = EXCLUDED.due_soon, overdue = EXCLUDED.overdue,
             outcome = EXCLUDED.outcome, calendar_version = EXCLUDED.calendar_version,
             updated_at = EXCLUDED.updated_at`,
    values: [
      target.streamId,
      target.caseId,
      target.type,
      target.ownership.authorityCode,
      target.ownership.authorityPath,
      target.at,
      column((c) => c.name),
      column((c) => c.limitKey),
      column((c) => c.label.zh),
      column((c) => c.label.en),
      column((c) => c.status),
      column((c) => c.startedAt),
      column((c) => c.dueDate),
      column((c) => c.dueAt),
      column((c) => dueSoonAt(c)?.toISOString() ?? null),
      column((c) => (c.status === 'paused' ? c.remainingAtPause : null)),
      column((c) => c.provisional),
      column((c) => c.dueSoon),
      column((c) => c.overdue),
      column((c) => c.outcome),
      column((c) => c.calendarVersion),
    ],
  };
}
