import { Injectable } from '@nestjs/common';
import type { AnyMachineSnapshot } from 'xstate';
import { Counter } from 'prom-client';
import { Clock, Database, metricsRegistry, NotFoundError, uuidv7, type Sql } from '@credence/shared';
import {
  EventStore,
  StreamVersionConflictError,
  type EventMetadata,
  type RecordedEvent,
} from '@credence/event-store';
import type { MachineEvent, WorkflowActor } from './case-event';
import { caseRowWrite, effectWrites } from './case-records';
import { CaseAccessPolicy, type CaseOwnership, type CaseTypeDefinition } from './case-type';
import { CaseTypeRegistry } from './case-type-registry';
import { ActionNotAllowedError, ActionNotPermittedError, CaseAlreadyExistsError } from './errors';
import {
  availableTransitions,
  candidateEventTypes,
  decide,
  fold,
  initialSnapshot,
  stateKey,
} from './machine-runtime';

export interface RequestOrigin {
  correlationId: string;
  causationId?: string | null;
  idempotencyKey?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface CaseCommand {
  caseType: string;
  caseId: string;
  /** The machine event type to record, e.g. `CreditRecordShielded`. */
  eventType: string;
  data: Record<string, unknown>;
  actor: WorkflowActor;
  origin: RequestOrigin;
  /** From If-Match: the version the client saw. Without it a lost race is re-decided once on fresh state. */
  expectedVersion?: number;
  /** Opens a new case: its stream must not exist. */
  create?: boolean;
  /** Rule-set version the decision was made under, recorded in the event's metadata. */
  ruleSet?: string | null;
}

export interface LoadedCase {
  definition: CaseTypeDefinition;
  caseId: string;
  streamId: string;
  snapshot: AnyMachineSnapshot;
  version: number;
  ownership: CaseOwnership;
  events: RecordedEvent[];
}

const commands = new Counter({
  name: 'credence_workflow_commands_total',
  help: 'Case commands by case type, event and outcome',
  labelNames: ['case_type', 'event', 'outcome'] as const,
  registers: [metricsRegistry],
});

export function streamIdOf(caseType: string, caseId: string): string {
  return `${caseType}-${caseId}`;
}

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

  /** Loads a case the actor may see (404 otherwise), optionally as it was at an instant. */
  async load(
    caseType: string,
    caseId: string,
    actor: WorkflowActor,
    options: { until?: Date } = {},
    tx: Sql = this.db,
  ): Promise<LoadedCase> {
    const definition = this.registry.get(caseType);
    const loaded = await this.fold(definition, caseId, options.until, tx);
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

  private async executeIn(tx: Sql, command: CaseCommand): Promise<LoadedCase> {
    const definition = this.registry.get(command.caseType);
    const streamId = streamIdOf(definition.type, command.caseId);
    // A new case has no history to read: the append's primary key refuses an existing stream.
    const current = command.create ? null : await this.fold(definition, command.caseId, undefined, tx);
    if (!command.create && (!current || !this.access.canSee(command.actor, current.ownership))) {
      throw new NotFoundError({ zh: '案件', en: 'Case' }, { caseId: command.caseId });
    }
    const version = current?.version ?? 0;
    if (command.expectedVersion !== undefined && command.expectedVersion !== version) {
      throw new StreamVersionConflictError(streamId, command.expectedVersion);
    }

    const machine = current?.snapshot.machine ?? definition.machine;
    const snapshot = current?.snapshot ?? initialSnapshot(definition.machine, command.caseId);
    const now = this.clock.now();
    const event: MachineEvent = {
      type: command.eventType,
      data: command.data,
      actor: command.actor,
      at: now.toISOString(),
    };
    const decision = decide(machine, snapshot, event);
    if (!decision.accepted) {
      if (candidateEventTypes(snapshot).includes(command.eventType))
        throw new ActionNotPermittedError(command.eventType);
      throw new ActionNotAllowedError(
        command.eventType,
        stateKey(snapshot),
        current ? this.availableActions(current, command.actor).map((a) => a.action) : [],
      );
    }

    const ownership = definition.ownershipOf(decision.next.context);
    const nextVersion = version + 1;
    const eventId = uuidv7(now);
    const change = {
      caseId: command.caseId,
      streamId,
      snapshot: decision.next,
      ownership,
      version: nextVersion,
      at: now,
    };
    const cause = { eventId, eventType: command.eventType, data: command.data };
    // One statement: the append, the case row, the read model, the timers and the outbox (atomic, one round trip).
    const alongside = [
      caseRowWrite({ ...change, type: definition.type }),
      ...effectWrites({ ...change, ...cause, type: definition.type }, decision.effects),
      ...(definition.project?.({
        ...change,
        event: { eventId, type: command.eventType, data: command.data },
      }) ?? []),
    ];
    const appended = await this.store
      .append(
        streamId,
        [
          {
            eventId,
            type: command.eventType,
            data: command.data,
            metadata: this.metadataOf(command, machine.id, machine.version ?? '1'),
          },
        ],
        { expectedVersion: version, expectedHash: current?.events.at(-1)?.hash, recordedAt: now, alongside },
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
      snapshot: decision.next,
      version: appended.version,
      ownership,
      events: [...(current?.events ?? []), ...appended.events],
    };
  }

  private async fold(
    definition: CaseTypeDefinition,
    caseId: string,
    until: Date | undefined,
    tx: Sql,
  ): Promise<LoadedCase | null> {
    const streamId = streamIdOf(definition.type, caseId);
    const events = await this.store.readStream(streamId, { until }, tx);
    if (events.length === 0) return null;
    const machine = this.registry.machineFor(definition, events[0].metadata.machine?.version);
    const snapshot = fold(machine, caseId, events);
    return {
      definition,
      caseId,
      streamId,
      snapshot,
      version: events.length,
      ownership: definition.ownershipOf(snapshot.context),
      events,
    };
  }

  private metadataOf(command: CaseCommand, machineId: string, machineVersion: string): EventMetadata {
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
}
