import type { Sql } from '@credence/shared';
import { APPLICANT_END_EVENTS, APPLICANT_WINDOWS } from './statistics-facts';
import type { CaseOwner } from './statistics-writes';

/*
 * The day counters the figures sum (docs/statistics.md): cases opened and ended, stage runs decided and on time, per
 * authority and day. Written with the rows, in the projector's transaction, once per event (the stream guard).
 */

/**
 * A stage run decided on a day, on time or not, in the stage counters — unless the stage is the applicant's window
 * or the run was stopped by the applicant ending the case (docs/statistics.md, on-time rate).
 */
export async function countStage(
  tx: Sql,
  owner: CaseOwner,
  stage: string,
  day: string,
  outcome: string | null,
  stoppedBy: string | null,
): Promise<void> {
  if (APPLICANT_WINDOWS.includes(stage) || (stoppedBy && APPLICANT_END_EVENTS.includes(stoppedBy))) return;
  const onTime = outcome === 'met' ? 1 : 0;
  await tx.query(
    `INSERT INTO statistics_stage_days (authority_code, authority_path, case_type, limit_key, day, decided, on_time)
     VALUES ($1, $2, $3, $4, $5, 1, $6)
     ON CONFLICT (authority_code, limit_key, day) DO UPDATE
       SET decided = statistics_stage_days.decided + 1, on_time = statistics_stage_days.on_time + $6`,
    [owner.authority_code, owner.authority_path, owner.type, stage, day, onTime],
  );
}

/** One more case opened or ended on a day, in the day counters (docs/statistics.md). */
export async function countDay(
  tx: Sql,
  owner: CaseOwner,
  day: string,
  measure: 'opened' | 'decided',
): Promise<void> {
  await tx.query(
    `INSERT INTO statistics_case_days (authority_code, authority_path, case_type, day, ${measure})
     VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (authority_code, case_type, day) DO UPDATE SET ${measure} = statistics_case_days.${measure} + 1`,
    [owner.authority_code, owner.authority_path, owner.type, day],
  );
}
