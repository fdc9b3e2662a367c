import type { AnyMachineSnapshot } from 'xstate';
import { uuidv7, type Sql, type SqlWrite } from '@credence/shared';
import type { CaseOwnership } from './case-type';
import { activeStatePaths, stateLabel, workItemOf, type Effect } from './machine-runtime';

// The engine's own writes, run in the statement that appends the event (they take effect only if it does).
const ONLY_IF_APPENDED = 'WHERE EXISTS (SELECT 1 FROM appended)';

/** The generic case row: state, labels, version, owner and work item. */
export function caseRowWrite(row: {
  caseId: string;
  type: string;
  streamId: string;
  snapshot: AnyMachineSnapshot;
  version: number;
  ownership: CaseOwnership;
  at: Date;
}): SqlWrite {
  const label = stateLabel(row.snapshot);
  const work = workItemOf(row.snapshot);
  const machine = row.snapshot.machine;
  return {
    text: `INSERT INTO cases (id, type, stream_id, state, state_label_zh, state_label_en, status, version, machine_id,
             machine_version, authority_code, authority_path, subject_code, subject_name, title, work_roles, created_at, updated_at)
           SELECT $1::uuid, $2::text, $3::text, $4::text[], $5::text, $6::text, $7::text, $8::int, $9::text, $10::text,
                  $11::text, $12::text, $13::text, $14::text, $15::text, $16::text[], $17::timestamptz, $17::timestamptz
           ${ONLY_IF_APPENDED}
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, state_label_zh = EXCLUDED.state_label_zh,
             state_label_en = EXCLUDED.state_label_en, status = EXCLUDED.status, version = EXCLUDED.version,
             authority_code = EXCLUDED.authority_code, authority_path = EXCLUDED.authority_path,
             subject_code = EXCLUDED.subject_code, subject_name = EXCLUDED.subject_name, title = EXCLUDED.title,
             work_roles = EXCLUDED.work_roles, updated_at = EXCLUDED.updated_at`,
    values: [
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
  };
}

type TimerSchedule = Extract<Effect, { type: 'scheduleTimer' }>['params'];

/** Timer effects reduced to their net result per name: the last word on each name wins. */
export function netTimerEffects(effects: Effect[]): { schedules: TimerSchedule[]; cancels: string[] } {
  const timers = new Map<string, Effect>();
  for (const effect of effects)
    if (effect.type === 'scheduleTimer' || effect.type === 'cancelTimer')
      timers.set(effect.params.name, effect);
  const last = [...timers.values()];
  return {
    schedules: last.flatMap((e) => (e.type === 'scheduleTimer' ? [e.params] : [])),
    cancels: last.flatMap((e) => (e.type === 'cancelTimer' ? [e.params.name] : [])),
  };
}

// The order pendingTimers reads in (due time, then name in code-point order, as COLLATE "C").
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The pending timers of a case its command has just created: exactly the ones it scheduled (no read needed). */
export function timersOfNewCase(effects: Effect[]): TimerView[] {
  return netTimerEffects(effects)
    .schedules.map((t) => ({ name: t.name, eventType: t.event, dueAt: new Date(t.dueAt).toISOString() }))
    .sort((a, b) => byCodePoint(a.dueAt, b.dueAt) || byCodePoint(a.name, b.name));
}

/**
 * Timers and outbox rows the machine asked for, as data. Timer effects are reduced to their net result per name
 * (a state entered and left in one macrostep schedules and cancels the same timer), then written in at most two
 * statements.
 */
export function effectWrites(
  target: {
    caseId: string;
    type: string;
    streamId: string;
    at: Date;
    eventId: string;
    eventType: string;
    data: unknown;
  },
  effects: Effect[],
): SqlWrite[] {
  const writes: SqlWrite[] = [];
  for (const effect of effects)
    if (effect.type === 'emitOutbox') writes.push(outboxWrite(target, effect.params));
  const { schedules, cancels } = netTimerEffects(effects);
  if (cancels.length > 0) {
    writes.push({
      text: `UPDATE timers SET status = 'cancelled', settled_at = $3::timestamptz
              WHERE stream_id = $1::text AND name = ANY($2::text[]) AND status = 'pending' AND EXISTS (SELECT 1 FROM appended)`,
      values: [target.streamId, cancels, target.at],
    });
  }
  if (schedules.length > 0) {
    writes.push({
      text: `INSERT INTO timers (id, case_id, case_type, stream_id, name, event_type, due_at, status, created_at)
             SELECT t.id, $1::uuid, $2::text, $3::text, t.name, t.event_type, t.due_at, 'pending', $4::timestamptz
               FROM unnest($5::uuid[], $6::text[], $7::text[], $8::timestamptz[]) AS t(id, name, event_type, due_at)
              ${ONLY_IF_APPENDED}
             ON CONFLICT (stream_id, name) WHERE status = 'pending'
             DO UPDATE SET due_at = EXCLUDED.due_at, event_type = EXCLUDED.event_type`,
      values: [
        target.caseId,
        target.type,
        target.streamId,
        target.at,
        schedules.map(() => uuidv7(target.at)),
        schedules.map((p) => p.name),
        schedules.map((p) => p.event),
        schedules.map((p) => p.dueAt),
      ],
    });
  }
  return writes;
}

function outboxWrite(
  target: { caseId: string; at: Date; eventId: string; eventType: string; data: unknown },
  params: { topic: string; payload?: Record<string, unknown> },
): SqlWrite {
  return {
    text: `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at)
           SELECT $1::uuid, $2::uuid, $3::uuid, $4::text, $5::jsonb, $6::timestamptz ${ONLY_IF_APPENDED}`,
    values: [
      uuidv7(target.at),
      target.caseId,
      target.eventId,
      params.topic,
      JSON.stringify({ ...(params.payload ?? {}), eventType: target.eventType, data: target.data }),
      target.at,
    ],
  };
}

export interface TimerView {
  name: string;
  eventType: string;
  dueAt: string;
}

export async function pendingTimers(tx: Sql, streamId: string): Promise<TimerView[]> {
  const { rows } = await tx.query<{ name: string; event_type: string; due_at: Date }>(
    `SELECT name, event_type, due_at FROM timers WHERE stream_id = $1 AND status = 'pending' ORDER BY due_at, name COLLATE "C"`,
    [streamId],
  );
  return rows.map((r) => ({ name: r.name, eventType: r.event_type, dueAt: r.due_at.toISOString() }));
}
