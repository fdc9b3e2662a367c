import { beijingDateOf, type Sql } from '@credence/shared';
import type { RecordedEvent } from '@credence/event-store';
import { countDay, countStage } from './statistics-counters';
import { CLOSING_EVENTS, COMMITMENT_RESULTS } from './statistics-facts';

/** The case an event belongs to, as the `cases` row owns it. */
export interface CaseOwner {
  id: string;
  type: string;
  authority_code: string;
  authority_path: string;
  subject_code: string;
  title: string;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const obj = (v: unknown): Data | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : null;
const dateOf = (iso: unknown, fallback: Date) => beijingDateOf(str(iso) ? new Date(iso as string) : fallback);

/** The latest run of a clock: a clock event always speaks of the run in progress. */
const LATEST_RUN = `case_id = $1 AND clock = $2
  AND run = (SELECT max(run) FROM statistics_clocks WHERE case_id = $1 AND clock = $2)`;

/**
 * Applies one event to the read model. `lastWorkflowEvent` is the workflow event before it in its stream: the clock
 * stops an append records follow the event that caused them.
 */
export async function applyEvent(
  tx: Sql,
  e: RecordedEvent,
  owner: CaseOwner,
  lastWorkflowEvent: string | null,
): Promise<void> {
  const d = e.data;
  const on = beijingDateOf(e.recordedAt);
  switch (e.type) {
    case 'ClockStarted': {
      const limit = obj(d.limit) ?? {};
      const label = obj(limit.label) ?? {};
      // A case is opened (reaches an authority) when its first statutory clock starts.
      const opened = await tx.query(
        `INSERT INTO statistics_cases (case_id, case_type, authority_code, authority_path, subject_code, title,
                                       opened_at, opened_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
        [
          owner.id,
          owner.type,
          owner.authority_code,
          owner.authority_path,
          owner.subject_code,
          owner.title,
          e.recordedAt,
          on,
        ],
      );
      if (opened.rowCount) await countDay(tx, owner, on, 'opened');
      await tx.query(
        `INSERT INTO statistics_clocks (case_id, clock, run, case_type, authority_code, authority_path, limit_key,
                                        label_zh, label_en, working_days, started_at, due_date, due_at)
         SELECT $1, $2, coalesce(max(run), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12::timestamptz
           FROM statistics_clocks WHERE case_id = $1 AND clock = $2`,
        [
          owner.id,
          d.clock,
          owner.type,
          owner.authority_code,
          owner.authority_path,
          str(limit.key) ?? String(d.clock),
          str(label.zh) ?? String(d.clock),
          str(label.en) ?? String(d.clock),
          Number(limit.workingDays ?? 0),
          str(d.startedAt) ?? e.recordedAt.toISOString(),
          str(d.dueDate),
          str(d.dueAt),
        ],
      );
      await tx.query(
        `INSERT INTO statistics_stages (limit_key, case_type, clock, label_zh, label_en) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (limit_key) DO NOTHING`,
        [
          str(limit.key) ?? String(d.clock),
          owner.type,
          d.clock,
          str(label.zh) ?? String(d.clock),
          str(label.en) ?? String(d.clock),
        ],
      );
      return;
    }
    case 'ClockPaused':
      await tx.query(
        `UPDATE statistics_clocks SET pauses = pauses + 1, due_date = NULL, due_at = NULL WHERE ${LATEST_RUN}`,
        [owner.id, d.clock],
      );
      return;
    case 'ClockResumed':
    case 'ClockRecomputed':
    case 'ClockExtended':
      await tx.query(
        `UPDATE statistics_clocks SET extended_days = extended_days + $3,
                due_date = CASE WHEN $4::date IS NULL THEN due_date ELSE $4::date END,
                due_at = CASE WHEN $4::date IS NULL THEN due_at ELSE $5::timestamptz END
          WHERE ${LATEST_RUN}`,
        [
          owner.id,
          d.clock,
          e.type === 'ClockExtended' ? Number(d.workingDays ?? 0) : 0,
          str(d.dueDate),
          str(d.dueAt),
        ],
      );
      return;
    case 'ClockStopped': {
      const stopped = await tx.query<{ limit_key: string }>(
        `UPDATE statistics_clocks SET stopped_at = $3, stopped_on = $4, outcome = $5, stopped_by = $6
          WHERE ${LATEST_RUN} RETURNING limit_key`,
        [
          owner.id,
          d.clock,
          str(d.stoppedAt) ?? e.recordedAt.toISOString(),
          dateOf(d.stoppedAt, e.recordedAt),
          str(d.outcome),
          lastWorkflowEvent,
        ],
      );
      const stage = stopped.rows[0]?.limit_key;
      if (stage)
        await countStage(
          tx,
          owner,
          stage,
          dateOf(d.stoppedAt, e.recordedAt),
          str(d.outcome),
          lastWorkflowEvent,
        );
      return;
    }
  }
  await applyWorkflowEvent(tx, e, owner, on);
}

async function applyWorkflowEvent(tx: Sql, e: RecordedEvent, owner: CaseOwner, on: string): Promise<void> {
  const d = e.data;
  const outcome = CLOSING_EVENTS[e.type];
  if (outcome) {
    // The first end counts (an appeal withdrawn after the answer does not undo the answer).
    const decided = await tx.query(
      `UPDATE statistics_cases SET decided_on = $2, outcome = $3, objection_outcome = $4
        WHERE case_id = $1 AND decided_on IS NULL RETURNING case_id`,
      [owner.id, on, outcome, e.type === 'ObjectionAnswered' ? str(d.outcome) : null],
    );
    if (decided.rowCount) await countDay(tx, owner, on, 'decided');
    return;
  }
  const result = COMMITMENT_RESULTS[e.type];
  if (result) {
    await tx.query(
      `UPDATE statistics_commitments SET result = $2, result_on = $3, breach_ground = $4
        WHERE case_id = $1 AND result IS NULL`,
      [owner.id, result, on, result === 'broken' ? str(d.ground) : null],
    );
    return;
  }
  switch (e.type) {
    case 'AppealDecided':
      await tx.query(
        `UPDATE statistics_cases SET appeal_decision = $2, appeal_decided_on = $3 WHERE case_id = $1`,
        [owner.id, str(d.decision), on],
      );
      return;
    case 'RepairApprovalRevoked':
      return revocation(tx, e, owner, str(d.ground) ?? 'unknown', on);
    case 'RepairRevoked':
      // The record's side of a revocation: counted only when no repair decision stands behind it (by hand).
      if (!str(d.repairCaseId)) return revocation(tx, e, owner, 'by_hand', on);
      return;
    case 'CreditRecordRegistered':
      return publication(tx, owner, d);
    case 'CommitmentSigned':
      await tx.query(
        `INSERT INTO statistics_commitments (case_id, authority_code, authority_path, commitment_type, signed_on)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`,
        [owner.id, owner.authority_code, owner.authority_path, str(d.type) ?? 'unknown', on],
      );
      return;
    case 'CommitmentTookEffect':
      await tx.query(`UPDATE statistics_commitments SET check_due_on = $2 WHERE case_id = $1`, [
        owner.id,
        str(obj(d.checkDue)?.date),
      ]);
      return;
  }
}

async function revocation(
  tx: Sql,
  e: RecordedEvent,
  owner: CaseOwner,
  ground: string,
  on: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO statistics_revocations (event_id, case_id, case_type, authority_code, authority_path, ground, revoked_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
    [e.eventId, owner.id, owner.type, owner.authority_code, owner.authority_path, ground, on],
  );
}

/** 双公示 as the registration recorded it; records registered before it was recorded carry none and are left out. */
async function publication(tx: Sql, owner: CaseOwner, d: Data): Promise<void> {
  const p = obj(d.publication);
  const record = obj(d.record);
  if (!p || !record) return;
  await tx.query(
    `INSERT INTO statistics_publications (record_id, authority_code, authority_path, kind, decision_date, due_date,
                                          published_on, on_time, provisional)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (record_id) DO NOTHING`,
    [
      owner.id,
      owner.authority_code,
      owner.authority_path,
      str(record.kind) ?? 'unknown',
      str(record.decisionDate),
      str(p.dueDate),
      str(p.publishedOn),
      p.onTime === true,
      p.provisional === true,
    ],
  );
}
