import { Injectable } from '@nestjs/common';
import type { AnyMachineSnapshot } from 'xstate';
import { Counter } from 'prom-client';
import { Clock, Database, metricsRegistry, NotFoundError, type Sql } from '@credence/shared';
import { StatutoryTime, type StatutoryTimeSnapshot } from '@credence/working-calendar';
import { EventStore, StreamVersionConflictError } from '@credence/event-store';
import { streamIdOf, type CaseCommand, type LoadedCase, type RequestOrigin } from './case-command';
import { commandWrites, type CommitInput } from './case-commit';
import { SYSTEM_ACTOR, type MachineEvent, type WorkflowActor } from './case-event';
import { CaseAccessPolicy, type CaseTypeDefinition } from './case-type';
import { CaseTypeRegistry } from './case-type-registry';
import { clockThresholdOf, ClockPlanner, declaredClocks } from './clocks/clock-planner';
import { foldClocks, type ClockState } from './clocks/clock-state';
import { CaseAlreadyExistsError, ClockNotWaitingError } from './errors';
import {
  availableTransitions,
  decide,
  foldVisiting,
  initialSnapshot,
  stateKey,
  type Effect,
} from './machine-runtime';
import { applyToHolding, EMPTY_HOLDING } from './workbench/holding';
import { actionOptions, refusalError, type ActionOption } from './refusals/explain-refusal';

export { streamIdOf, type CaseCommand, type LoadedCase, type RequestOrigin } from './case-command';

const commands = new Counter({
  name: 'credence_workflow_commands_total',
  help: 'Case commands by case type, event and outcome',
  labelNames: ['case_type', 'event', 'outcome'] as const,
  registers: [metricsRegistry],
});

/**
 * The one engine: read the stream, fold it through the pure machine, decide the new event (time inside it),
 * then in ONE transaction append it (optimistic concurrency + hash chain), update the case row and the inline
 * read model, and write the timers and outbox rows the machine asked for.
 */
@Injectable()
export class CaseEngine {
  readonly store: EventStore;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly registry: CaseTypeRegistry,
    private readonly access: CaseAccessPolicy,
    private readonly statutoryTime: StatutoryTime,
    store: EventStore,
  ) {
    this.store = store;
  }

  /** Runs a command in its own transaction, or in the caller's (`tx`, e.g. the timer worker's). */
  async execute(command: CaseCommand, tx?: Sql): Promise<LoadedCase> {
    if (tx) return this.executeIn(tx, command);
    const attempts = command.expectedVersion === undefined && !command.create ? 2 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        // No explicit transaction: the read is optimistic and every write rides in the append statement.
        return await this.executeIn(this.db, command);
      } catch (error) {
        if (!(error instanceof StreamVersionConflictError) || attempt >= attempts) {
          commands.inc({ case_type: command.caseType, event: command.eventType, outcome: 'refused' });
          throw error;
        }
      }
    }
  }

  /**
   * Loads a case the actor may see (404 otherwise), optionally as it was at an instant or right after a version
   * (the answer of a command whose first request died before answering, ADR 0006).
   */
  async load(
    caseType: string,
    caseId: string,
    actor: WorkflowActor,
    options: { until?: Date; version?: number } = {},
    tx: Sql = this.db,
  ): Promise<LoadedCase> {
    const definition = this.registry.get(caseType);
    const loaded = await this.fold(definition, caseId, options.until, tx, options.version);
    if (!loaded || !this.access.canSee(actor, loaded.ownership))
      throw new NotFoundError({ zh: '案件', en: 'Case' }, { caseId });
    return loaded;
  }

  /** The case type of an id, from the case row (null when there is no such case). */
  async typeOf(caseId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ type: string }>('SELECT type FROM cases WHERE id = $1', [caseId]);
    return rows[0]?.type ?? null;
  }

  availableActions(
    loaded: LoadedCase,
    actor: WorkflowActor,
  ): { action: string; eventType: string; label: unknown }[] {
    const byEvent = new Map(
      Object.entries(loaded.definition.actions).map(([action, eventType]) => [eventType, action]),
    );
    return availableTransitions(loaded.snapshot, actor, this.clock.now().toISOString())
      .filter((t) => byEvent.has(t.eventType))
      .map((t) => ({ action: byEvent.get(t.eventType)!, eventType: t.eventType, label: t.label }));
  }

  /**
   * Every action of the case type that leaves the current state, each available to this actor now or not; an
   * unavailable one carries the refusal it would meet (a console shows it on a disabled button).
   */
  actionsOf(loaded: LoadedCase, actor: WorkflowActor): ActionOption[] {
    return actionOptions(loaded.definition, loaded.snapshot, actor, this.clock.now().toISOString());
  }

  private async executeIn(tx: Sql, command: CaseCommand): Promise<LoadedCase> {
    const definition = this.registry.get(command.caseType);
    const streamId = streamIdOf(definition.type, command.caseId);
    // A new case has no history to read: the append's primary key refuses an existing stream.
    const reuse =
      command.loaded && command.loaded.version === command.expectedVersion ? command.loaded : null;
    const current = command.create
      ? null
      : (reuse ?? (await this.fold(definition, command.caseId, undefined, tx)));
    if (!command.create && (!current || !this.access.canSee(command.actor, current.ownership))) {
      throw new NotFoundError({ zh: '案件', en: 'Case' }, { caseId: command.caseId });
    }
    const version = current?.version ?? 0;
    if (command.expectedVersion !== undefined && command.expectedVersion !== version) {
      throw new StreamVersionConflictError(streamId, command.expectedVersion);
    }
    const [time, now] = [await this.statutoryTime.snapshot(), this.clock.now()];
    const threshold = clockThresholdOf(command);
    if (threshold) return this.recordThreshold(tx, command, current, threshold, time, now);

    const snapshot = current?.snapshot ?? initialSnapshot(definition.machine, command.caseId);
    const decision = this.decideOrRefuse(definition, snapshot, command, now);
    const ownership = definition.ownershipOf(decision.next.context);
    const planner = new ClockPlanner(
      current?.clocks ?? new Map<string, ClockState>(),
      time,
      ownership.authorityCode,
      now,
    );
    const plan = planner.transition(current ? snapshot : null, decision.next, decision.effects);
    return this.commit(tx, command, {
      definition,
      current,
      snapshot: decision.next,
      ownership,
      now,
      machineEvent: {
        type: command.eventType,
        data: command.data,
        effects: [...decision.effects, ...(command.effects ?? [])],
      },
      plan,
      clockEventsBefore: 0,
      time,
    });
  }

  /**
   * A clock threshold timer fired: record the reminder (due soon) or the overdue flag, and on elapse the machine
   * event the state declared for it (escalate, close …), with whatever clocks that transition starts or stops.
   */
  private async recordThreshold(
    tx: Sql,
    command: CaseCommand,
    current: LoadedCase | null,
    threshold: { clock: string; threshold: 'due-soon' | 'elapsed' },
    time: StatutoryTimeSnapshot,
    now: Date,
  ): Promise<LoadedCase> {
    if (!current) throw new NotFoundError({ zh: '案件', en: 'Case' }, { caseId: command.caseId });
    const planner = new ClockPlanner(current.clocks, time, current.ownership.authorityCode, now);
    const plan = planner.threshold(threshold.clock, threshold.threshold);
    if (!plan) throw new ClockNotWaitingError(threshold.clock, threshold.threshold);
    const clockEventsBefore = plan.events.length;
    const onElapsed =
      threshold.threshold === 'elapsed'
        ? declaredClocks(current.snapshot).get(threshold.clock)?.onElapsed
        : undefined;
    const elapsed = plan.clocks.get(threshold.clock)!;
    const event: MachineEvent | null = onElapsed
      ? {
          type: onElapsed,
          data: { clock: threshold.clock, dueDate: elapsed.dueDate, dueAt: elapsed.dueAt },
          actor: command.actor,
          at: now.toISOString(),
        }
      : null;
    const decision = event ? decide(current.snapshot.machine, current.snapshot, event) : null;
    let snapshot = current.snapshot;
    let machineEvent: CommitInput['machineEvent'] = null;
    if (event && decision?.accepted) {
      planner.transition(current.snapshot, decision.next, decision.effects);
      snapshot = decision.next;
      machineEvent = { type: event.type, data: event.data, effects: decision.effects };
    }
    return this.commit(tx, command, {
      definition: current.definition,
      current,
      snapshot,
      ownership: current.definition.ownershipOf(snapshot.context),
      now,
      machineEvent,
      plan,
      clockEventsBefore,
      time,
    });
  }

  /**
   * Records a workbench event (claim, transfer, 催办 …) on a loaded case: it leaves the machine and the clocks where
   * they were and changes who holds the step; the append expects the loaded version (a concurrent change is 409).
   * `before` are workbench events the same operation implies (delegating an unclaimed item claims it first): they
   * go into the same append, so a conflict records none of them.
   */
  async record(
    loaded: LoadedCase,
    event: { type: string; data: Record<string, unknown>; effects?: Effect[] },
    actor: WorkflowActor,
    origin: RequestOrigin,
    tx: Sql = this.db,
    before: { type: string; data: Record<string, unknown> }[] = [],
  ): Promise<LoadedCase> {
    const [time, now] = [await this.statutoryTime.snapshot(), this.clock.now()];
    const plan = new ClockPlanner(loaded.clocks, time, loaded.ownership.authorityCode, now).unchanged();
    const command: CaseCommand = {
      caseType: loaded.definition.type,
      caseId: loaded.caseId,
      eventType: event.type,
      data: event.data,
      actor,
      origin,
      expectedVersion: loaded.version,
    };
    return this.commit(tx, command, {
      definition: loaded.definition,
      current: loaded,
      snapshot: loaded.snapshot,
      ownership: loaded.ownership,
      now,
      machineEvent: { type: event.type, data: event.data, effects: event.effects ?? [], workbench: true },
      workbenchBefore: before,
      plan,
      clockEventsBefore: 0,
      time,
    });
  }

  /** Recomputes a case's provisional deadlines against the calendar now loaded; null when nothing moved. */
  async recomputeClocks(caseType: string, caseId: string, origin: RequestOrigin): Promise<LoadedCase | null> {
    const definition = this.registry.get(caseType);
    const current = await this.fold(definition, caseId, undefined, this.db);
    if (!current) return null;
    const [time, now] = [await this.statutoryTime.snapshot(), this.clock.now()];
    const plan = new ClockPlanner(current.clocks, time, current.ownership.authorityCode, now).recompute();
    if (plan.events.length === 0) return null;
    const command: CaseCommand = {
      caseType,
      caseId,
      eventType: 'ClockRecomputed',
      data: {},
      actor: SYSTEM_ACTOR,
      origin,
      expectedVersion: current.version,
    };
    return this.commit(this.db, command, {
      definition,
      current,
      snapshot: current.snapshot,
      ownership: current.ownership,
      now,
      machineEvent: null,
      plan,
      clockEventsBefore: plan.events.length,
      time,
    });
  }

  /** Decides the event, or throws the refusal that says why not (see refusalError). */
  private decideOrRefuse(
    definition: CaseTypeDefinition,
    snapshot: AnyMachineSnapshot,
    command: CaseCommand,
    now: Date,
  ): { next: AnyMachineSnapshot; effects: Effect[] } {
    const event: MachineEvent = {
      type: command.eventType,
      data: command.data,
      actor: command.actor,
      at: now.toISOString(),
    };
    const decision = decide(snapshot.machine, snapshot, event);
    if (decision.accepted) return decision;
    throw refusalError(definition, snapshot, event);
  }

  /** Appends the command's events with every write that goes with them, in one statement (see commandWrites). */
  private async commit(tx: Sql, command: CaseCommand, input: CommitInput): Promise<LoadedCase> {
    const { definition, current, snapshot, ownership, plan } = input;
    const { streamId, events, alongside, holding, newCaseTimers } = commandWrites(command, input);
    const appended = await this.store
      .append(
        streamId,
        events,
        {
          expectedVersion: current?.version ?? 0,
          expectedHash: current?.events.at(-1)?.hash,
          recordedAt: input.now,
          alongside,
        },
        tx,
      )
      .catch((error: unknown) => {
        if (command.create && error instanceof StreamVersionConflictError)
          throw new CaseAlreadyExistsError(command.caseId);
        throw error;
      });
    commands.inc({ case_type: command.caseType, event: command.eventType, outcome: 'recorded' });
    return {
      definition,
      caseId: command.caseId,
      streamId,
      snapshot,
      version: appended.version,
      ownership,
      events: [...(current?.events ?? []), ...appended.events],
      clocks: plan.clocks,
      holding,
      pendingTimers: newCaseTimers,
    };
  }

  private async fold(
    definition: CaseTypeDefinition,
    caseId: string,
    until: Date | undefined,
    tx: Sql,
    version?: number,
  ): Promise<LoadedCase | null> {
    const streamId = streamIdOf(definition.type, caseId);
    const stream = await this.store.readStream(streamId, { until }, tx);
    const events = version === undefined ? stream : stream.filter((e) => e.streamVersion <= version);
    if (events.length === 0) return null;
    const machine = this.registry.machineFor(definition, events[0].metadata.machine?.version);
    let holding = EMPTY_HOLDING;
    const snapshot = foldVisiting(machine, caseId, events, (event, after) => {
      holding = applyToHolding(holding, {
        type: event.type,
        data: event.data,
        actorId: event.metadata.actorId,
        actorRole: event.metadata.actorRole,
        version: event.streamVersion,
        at: event.recordedAt.toISOString(),
        stepAfter: stateKey(after),
      });
    });
    return {
      definition,
      caseId,
      streamId,
      snapshot,
      version: events.length,
      ownership: definition.ownershipOf(snapshot.context),
      events,
      clocks: foldClocks(events),
      holding,
    };
  }
}
