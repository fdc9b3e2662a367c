import type { AnyMachineSnapshot } from 'xstate';
import { uuidv7, type Sql } from '@credence/shared';
import type { RecordedEvent } from '@credence/event-store';
import type { CaseOwnership } from './case-type';
import { activeStatePaths, stateLabel, workItemOf, type Effect } from './machine-runtime';

/** The generic case row, timers and outbox, written in the append transaction. */
export async function upsertCaseRow(
  tx: Sql,
  row: {
    caseId: string;
    type: string;
    streamId: string;
    snapshot: AnyMachineSnapshot;
    version: number;
    ownership: CaseOwnership;
    at: Date;
  },
): Promise<void> {
  const label = stateLabel(row.snapshot);
  const work = workItemOf(row.snapshot);
  const machine = row.snapshot.machine;
  await tx.query(
    `INSERT INTO cases (id, type, stream_id, state, state_label_zh, state_label_en, status, version, machine_id, machine_version,
                        authority_code, authority_path, subject_code, subject_name, title, work_roles, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
     ON CONFLICT (id) DO UPDATE SET state = $4, state_label_zh = $5, state_label_en = $6, status = $7, version = $8,
       authority_code = $11, authority_path = $12, subject_code = $13, subject_name = $14, title = $15, work_roles = $16,
       updated_at = $17`,
    [
      row.caseId,
      row.type,
      row.streamId,
      activeStatePaths(row.snapshot),
      label.zh,
      label.en,
      row.snapshot.status === 'active' ? 'active' : 'done',
      row.version,
      machine.id,
      machine.version ?? '1',
      row.ownership.authorityCode,
      row.ownership.authorityPath,
      row.ownership.subjectCode,
      row.ownership.subjectName,
      row.ownership.title,
      work?.roles ?? [],
      row.at,
    ],
  );
}

/** Timers and outbox rows the machine asked for, as data, in order. */
export async function applyEffects(
  tx: Sql,
  target: { caseId: string; type: string; streamId: string; at: Date; cause: RecordedEvent },
  effects: Effect[],
): Promise<void> {
  for (const effect of effects) {
    switch (effect.type) {
      case 'scheduleTimer':
        await tx.query(
          `INSERT INTO timers (id, case_id, case_type, stream_id, name, event_type, due_at, status, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)
           ON CONFLICT (stream_id, name) WHERE status = 'pending'
           DO UPDATE SET due_at = EXCLUDED.due_at, event_type = EXCLUDED.event_type`,
          [
            uuidv7(target.at),
            target.caseId,
            target.type,
            target.streamId,
            effect.params.name,
            effect.params.event,
            effect.params.dueAt,
            target.at,
          ],
        );
        break;
      case 'cancelTimer':
        await tx.query(
          `UPDATE timers SET status = 'cancelled', settled_at = $3 WHERE stream_id = $1 AND name = $2 AND status = 'pending'`,
          [target.streamId, effect.params.name, target.at],
        );
        break;
      case 'emitOutbox':
        await tx.query(
          `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            uuidv7(target.at),
            target.caseId,
            target.cause.eventId,
            effect.params.topic,
            JSON.stringify({
              ...(effect.params.payload ?? {}),
              eventType: target.cause.type,
              data: target.cause.data,
            }),
            target.at,
          ],
        );
        break;
    }
  }
}

export interface TimerView {
  name: string;
  eventType: string;
  dueAt: string;
}

export async function pendingTimers(tx: Sql, streamId: string): Promise<TimerView[]> {
  const { rows } = await tx.query<{ name: string; event_type: string; due_at: Date }>(
    `SELECT name, event_type, due_at FROM timers WHERE stream_id = $1 AND status = 'pending' ORDER BY due_at`,
    [streamId],
  );
  return rows.map((r) => ({ name: r.name, eventType: r.event_type, dueAt: r.due_at.toISOString() }));
}
