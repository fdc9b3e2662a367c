import type { AnyMachineSnapshot } from 'xstate';
import { uuidv7, type SqlWrite } from '@credence/shared';
import type { EventMetadata, NewEvent } from '@credence/event-store';
import type { StatutoryTimeSnapshot } from '@credence/working-calendar';
import { streamIdOf, type CaseCommand, type LoadedCase } from './case-command';
import { caseRowWrite, effectWrites, timersOfNewCase, type TimerView } from './case-records';
import type { CaseOwnership, CaseTypeDefinition } from './case-type';
import type { ClockPlan } from './clocks/clock-planner';
import { clockRowsWrite } from './clocks/clock-writes';
import { applyToHolding, EMPTY_HOLDING, type Holding } from './workbench/holding';
import { holdingRowWrite } from './workbench/holding-writes';
import { stateKey, type Effect } from './machine-runtime';

export interface CommitInput {
  definition: CaseTypeDefinition;
  current: LoadedCase | null;
  snapshot: AnyMachineSnapshot;
  ownership: CaseOwnership;
  now: Date;
  machineEvent: {
    type: string;
    data: Record<string, unknown>;
    effects: Effect[];
    /** A workbench event (claim, transfer …): the engine's own, not the workflow's read model's. */
    workbench?: boolean;
  } | null;
  /** Workbench events recorded in the same append just before `machineEvent` (one operation, one append). */
  workbenchBefore?: { type: string; data: Record<string, unknown> }[];
  plan: ClockPlan;
  /** Clock events recorded before the machine event (the threshold that caused it). */
  clockEventsBefore: number;
  time: StatutoryTimeSnapshot;
}

/**
 * What one command writes, in order: the clock events recorded before the machine's (the threshold that caused
 * it), the machine's event, the clock events it caused; and, beside them in the same statement, the case row, the
 * timers and outbox rows, the type's read model and the clock rows.
 */
export function commandWrites(
  command: CaseCommand,
  input: CommitInput,
): {
  streamId: string;
  events: NewEvent[];
  alongside: SqlWrite[];
  holding: Holding;
  /** Set when the command creates the case: its pending timers, known without reading them back. */
  newCaseTimers: TimerView[] | undefined;
} {
  const { definition, current, snapshot, ownership, now, machineEvent, plan } = input;
  const streamId = streamIdOf(definition.type, command.caseId);
  const clockEvents = plan.events.map((e) => ({ ...e, eventId: uuidv7(now) }));
  const main = machineEvent ? { ...machineEvent, eventId: uuidv7(now) } : null;
  const implied = (input.workbenchBefore ?? []).map((e) => ({ ...e, eventId: uuidv7(now) }));
  const ordered = [
    ...clockEvents.slice(0, input.clockEventsBefore),
    ...implied,
    ...(main ? [main] : []),
    ...clockEvents.slice(input.clockEventsBefore),
  ];
  const cause = main ?? ordered[0];
  const stepAfter = stateKey(snapshot);
  const holding = ordered.reduce(
    (h, e, i) =>
      applyToHolding(h, {
        type: e.type,
        data: e.data,
        actorId: command.actor.id,
        actorRole: command.actor.role,
        version: (current?.version ?? 0) + i + 1,
        at: now.toISOString(),
        stepAfter,
      }),
    current?.holding ?? EMPTY_HOLDING,
  );
  const change = {
    caseId: command.caseId,
    streamId,
    snapshot,
    ownership,
    version: (current?.version ?? 0) + ordered.length,
    at: now,
  };
  const effects = [...(main?.effects ?? []), ...plan.timers, ...reminderEffects(clockEvents, holding.holder)];
  const alongside = [
    caseRowWrite({ ...change, type: definition.type }),
    ...effectWrites(
      { ...change, type: definition.type, eventId: cause.eventId, eventType: cause.type, data: cause.data },
      effects,
    ),
    holdingRowWrite(command.caseId, holding, now),
    ...(main && !main.workbench
      ? (definition.project?.({
          ...change,
          event: { eventId: main.eventId, type: main.type, data: main.data },
        }) ?? [])
      : []),
    clockRowsWrite(
      { ...change, type: definition.type },
      [...plan.changed].map((name) => plan.clocks.get(name)!),
      (clock) => plan.dueSoonAt(clock),
    ),
  ].filter((w): w is SqlWrite => w !== null);
  const machine = current?.snapshot.machine ?? definition.machine;
  const metadata = metadataOf(command, machine.id, machine.version ?? '1');
  return {
    streamId,
    events: ordered.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata })),
    alongside,
    holding,
    newCaseTimers: current ? undefined : timersOfNewCase(effects),
  };
}

/** Every reminder and overdue flag also leaves an outbox row, for whoever delivers notices (mail, SMS, portal). */
function reminderEffects(
  events: { type: string; data: Record<string, unknown> }[],
  holder: string | null,
): Effect[] {
  return events
    .filter((e) => e.type === 'ClockDueSoon' || e.type === 'ClockElapsed')
    .map((e) => ({
      type: 'emitOutbox' as const,
      params: {
        topic: e.type === 'ClockDueSoon' ? 'clock.due-soon' : 'clock.overdue',
        // Whoever holds the step is reminded; null: the step's roles at the authority (nobody claimed it).
        payload: { ...e.data, holder },
      },
    }));
}

/** Who, on whose behalf, from where, under which machine and rule set: stored with every event of the command. */
function metadataOf(command: CaseCommand, machineId: string, machineVersion: string): EventMetadata {
  return {
    actorId: command.actor.id,
    actorRole: command.actor.role,
    authorityCode: command.actor.authorityCode,
    authorityPath: command.actor.authorityPath,
    actorSubjectCode: command.actor.subjectCode,
    correlationId: command.origin.correlationId,
    causationId: command.origin.causationId ?? null,
    idempotencyKey: command.origin.idempotencyKey ?? null,
    origin:
      command.origin.ip || command.origin.userAgent
        ? { ip: command.origin.ip ?? undefined, userAgent: command.origin.userAgent ?? undefined }
        : null,
    machine: { id: machineId, version: machineVersion },
    ruleSet: command.ruleSet ?? null,
  };
}
