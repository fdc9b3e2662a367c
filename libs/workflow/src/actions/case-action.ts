import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StreamVersionConflictError } from '@credence/event-store';
import { Clock, Database, NotFoundError, type Sql } from '@credence/shared';
import type { LoadedCase, RequestOrigin } from '../case-command';
import { CaseEngine } from '../case-engine';
import type { MachineEvent, WorkflowActor } from '../case-event';
import { CaseTypeRegistry } from '../case-type-registry';
import { safeCan } from '../machine-runtime';
import { refusalError } from '../refusals/explain-refusal';
import type { ActionTable, Resolve } from './action-table';
import { PreconditionFailedError } from './precondition-failed';
import { WorkbenchAccess } from '../workbench/workbench-access';

/** Reads and decisions an action without If-Match gets when other writers keep landing first. */
const UNCONDITIONED_ATTEMPTS = 3;

/** An action on an existing case of any workflow, as its action table declares it. */
export class CaseActionCommand extends Command<LoadedCase> {
  constructor(
    readonly caseType: string,
    readonly caseId: string,
    readonly action: string,
    readonly input: unknown,
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
    /** The version If-Match named; undefined without the header. */
    readonly ifMatch?: number,
  ) {
    super();
  }
}

/**
 * The one pipeline every action of every workflow runs through: load (one fold; 404 when the actor may not see the
 * case), If-Match (412 when stale), authorise (回避), gather the action's facts, decide (one machine evaluation on
 * the loaded snapshot), commit (the engine's one statement), answer (the case after).
 */
@CommandHandler(CaseActionCommand)
@Injectable()
export class CaseActionHandler implements ICommandHandler<CaseActionCommand> {
  constructor(
    private readonly engine: CaseEngine,
    private readonly registry: CaseTypeRegistry,
    private readonly modules: ModuleRef,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly workbench: WorkbenchAccess,
  ) {}

  async execute(command: CaseActionCommand): Promise<LoadedCase> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(command);
      } catch (error) {
        if (!(error instanceof StreamVersionConflictError)) throw error;
        // Another writer holding the same version appended first: with If-Match that is the precondition failing.
        if (command.ifMatch !== undefined)
          throw new PreconditionFailedError(command.caseId, command.ifMatch, null);
        // Without it the caller asked for the action on the case as it is now: a write that landed between the
        // read and the append (a colleague, or the system's reaction to the case's last event) is read and the
        // action decided again — refused with its reason if it no longer applies. 409 only if it keeps losing.
        if (attempt >= UNCONDITIONED_ATTEMPTS) throw error;
      }
    }
  }

  private async attempt(command: CaseActionCommand): Promise<LoadedCase> {
    const { caseType, caseId, action, actor, origin } = command;
    const table = this.tableOf(caseType);
    const entry = table.actions[action];
    if (!entry) throw new NotFoundError({ zh: '操作', en: 'Action' }, { caseType, action });
    const loaded = await this.engine.load(caseType, caseId, actor);
    if (command.ifMatch !== undefined && command.ifMatch !== loaded.version)
      throw new PreconditionFailedError(caseId, command.ifMatch, loaded.version);
    const context = loaded.snapshot.context as never;
    await this.authorise(table, actor, context);
    // Who holds the step (claim, transfer, delegation, co-signers) decides who may take it: once, for every workflow.
    await this.workbench.gate(loaded, actor);
    entry.precheck?.({ loaded, context, actor, use: this.use });
    this.refuseEarly(loaded, entry, actor);
    const decide = async (tx?: Sql) =>
      this.engine.execute(
        {
          caseType,
          caseId,
          eventType: entry.event,
          data: await entry.facts({
            input: command.input as never,
            loaded,
            context,
            actor,
            origin,
            tx,
            use: this.use,
          }),
          actor,
          origin,
          // The facts were read on this version: a concurrent write makes them stale (read and decided again).
          expectedVersion: loaded.version,
          loaded,
          ruleSet: table.ruleSet?.(context) ?? null,
        },
        tx,
      );
    return this.inTransaction(entry, command.input) ? this.db.transaction(decide) : decide();
  }

  private readonly use: Resolve = (type) => this.modules.get(type, { strict: false });

  private tableOf(caseType: string): ActionTable<never> {
    const table = this.registry.get(caseType).actionTable;
    if (!table) throw new NotFoundError({ zh: '操作', en: 'Action' }, { caseType });
    return table;
  }

  /** 回避 is a fact of the database, not a rule of the machine: checked before any fact is gathered. */
  private async authorise(table: ActionTable<never>, actor: WorkflowActor, context: never): Promise<void> {
    const recusal = table.recusal;
    if (!recusal || !recusal.roles.has(actor.role)) return;
    if (await recusal.isRelated({ actorId: actor.id, context, use: this.use }))
      throw recusal.refusal(context);
  }

  /**
   * Facts are gathered only for an action the actor may take now: gathering them may consume a case number or sign
   * a commitment, and a fact's own error would hide the machine's reason. So the machine is asked first, for this
   * one event only and on an empty payload (guards of its transitions, not every action of the state); a refusal is
   * explained by the refusal machinery. The decision itself is the one evaluation with the gathered data.
   */
  private refuseEarly(loaded: LoadedCase, entry: { event: string }, actor: WorkflowActor): void {
    const probe: MachineEvent = { type: entry.event, data: {}, actor, at: this.clock.now().toISOString() };
    if (!safeCan(loaded.snapshot, probe)) throw refusalError(loaded.definition, loaded.snapshot, probe);
  }

  private inTransaction(
    entry: { transaction?: boolean | ((input: never) => boolean) },
    input: unknown,
  ): boolean {
    const { transaction } = entry;
    return typeof transaction === 'function' ? transaction(input as never) : transaction === true;
  }
}
