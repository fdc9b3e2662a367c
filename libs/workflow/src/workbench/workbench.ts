import { Injectable } from '@nestjs/common';
import { Clock } from '@credence/shared';
import type { LoadedCase, RequestOrigin } from '../case-command';
import { CaseEngine } from '../case-engine';
import type { WorkflowActor } from '../case-event';
import { decide, returnTargetsOf, stateKey, type ReturnTarget } from '../machine-runtime';
import { joinedReason } from '../actions/action-table';
import { pendingSigners } from './holding';
import { WorkbenchAccess, type StaffStep } from './workbench-access';
import { refusals } from './workbench-refusals';
import { CASE_RETURNED } from './workbench-events';
import { rearmReminders, recordWorkbenchEvent, type Implied } from './workbench-record';

/**
 * The reviewer workbench (ADR 0027): the operations staff take on a case's current step, once for every workflow.
 * Here who holds it — claim, release, transfer, delegate and resolve, return, recall; co-signing is CoSigning's,
 * copies, urging and comments CaseNotes'. Each is an event on the case's stream recorded by the engine in one
 * statement with the `case_work` row; the checks are WorkbenchAccess's.
 */
@Injectable()
export class Workbench {
  constructor(
    private readonly engine: CaseEngine,
    private readonly access: WorkbenchAccess,
    private readonly clock: Clock,
  ) {}

  /** 认领: an unclaimed item becomes the actor's; taking over a colleague's needs a reason (recorded). */
  async claim(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    reason?: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    const holder = loaded.holding.holder;
    await this.access.mustBeAbleToClaim(loaded, actor, { withReason: Boolean(reason) });
    return recordWorkbenchEvent(this.engine, loaded, actor, origin, 'WorkItemClaimed', {
      step: stateKey(loaded.snapshot),
      holder: actor.id,
      takenFrom: holder,
      reason: reason ?? null,
    });
  }

  /** 释放: the holder gives the item back to the authority's pool. */
  async release(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    reason?: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    this.access.stepOf(loaded);
    if (!loaded.holding.holder || !(await this.access.holds(loaded.holding, actor)))
      throw refusals.notHolder();
    if (loaded.holding.delegate) throw refusals.delegationPending();
    return recordWorkbenchEvent(this.engine, loaded, actor, origin, 'WorkItemReleased', {
      step: stateKey(loaded.snapshot),
      holder: loaded.holding.holder,
      reason: reason ?? null,
    });
  }

  /** 指派 / 转办: to a named colleague who may take the step; the previous holder loses it. */
  async transfer(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    to: string,
    reason: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    return this.transferLoaded(loaded, actor, origin, to, reason);
  }

  async transferLoaded(
    loaded: LoadedCase,
    actor: WorkflowActor,
    origin: RequestOrigin,
    to: string,
    reason: string,
  ): Promise<LoadedCase> {
    const step = this.access.stepOf(loaded);
    if (!reason.trim()) throw refusals.reasonRequired({ zh: '转办', en: 'A transfer' });
    // A leader assigns from the pool; a holder hands on their own item.
    await this.access.mustHoldOrPool(loaded, step, actor);
    if (loaded.holding.delegate) throw refusals.delegationPending();
    if (loaded.holding.holder === to) throw refusals.recipientIsHolder();
    await this.access.recipient(loaded, step, to);
    return recordWorkbenchEvent(
      this.engine,
      loaded,
      actor,
      origin,
      'WorkItemTransferred',
      { step: stateKey(loaded.snapshot), from: loaded.holding.holder, to, reason },
      rearmReminders(loaded, to),
    );
  }

  /** 委派: a colleague works on it and gives it back; the holder (the delegator) decides. */
  async delegate(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    to: string,
    reason: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    const current = this.access.stepOf(loaded);
    if (!reason.trim()) throw refusals.reasonRequired({ zh: '委派', en: 'A delegation' });
    if (to === actor.id) throw refusals.selfRecipient();
    await this.access.mustHoldOrPool(loaded, current, actor);
    if (loaded.holding.delegate) throw refusals.delegationPending();
    await this.access.recipient(loaded, current, to);
    // Delegating an unclaimed item claims it: the delegator is who decides. Both in one append, so a concurrent
    // change leaves neither (never a claim without the delegation it was for).
    const delegator = loaded.holding.holder ?? actor.id;
    const step = stateKey(loaded.snapshot);
    const claim: Implied<'WorkItemClaimed'>[] = loaded.holding.holder
      ? []
      : [{ type: 'WorkItemClaimed', data: { step, holder: actor.id, takenFrom: null, reason: null } }];
    return recordWorkbenchEvent(
      this.engine,
      loaded,
      actor,
      origin,
      'WorkItemDelegated',
      { step, delegator, to, reason },
      [],
      claim,
    );
  }

  /** 归还: the delegate gives the item back with their opinion. */
  async resolve(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    opinion: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    this.access.stepOf(loaded);
    const delegation = loaded.holding.delegate;
    if (!delegation || delegation.to !== actor.id) throw refusals.notDelegate();
    return recordWorkbenchEvent(this.engine, loaded, actor, origin, 'WorkItemResolved', {
      step: stateKey(loaded.snapshot),
      delegator: delegation.by,
      by: actor.id,
      opinion,
    });
  }

  /** Where the case's current step may be returned to (退回), as its workflow declares. */
  async returnTargets(caseId: string, actor: WorkflowActor): Promise<ReturnTarget[]> {
    const loaded = await this.access.open(caseId, actor);
    return returnTargetsOf(loaded.snapshot);
  }

  /**
   * 退回: the holder sends the case back to a step the workflow declares, with reasons; whoever last took that
   * step holds it again (if they still may). Clocks are the machine's: a return stays inside the states whose
   * limits run, so no limit restarts, and a pause (补正) keeps its exact remaining days.
   */
  async returnTo(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    to: string,
    reasons: string[],
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    const step = this.access.stepOf(loaded);
    await this.access.mustHoldOrPool(loaded, step, actor);
    if (loaded.holding.delegate) throw refusals.delegationPending();
    if (pendingSigners(loaded.holding).length)
      throw refusals.signersPending(pendingSigners(loaded.holding).length);
    if (!reasons.some((r) => r.trim())) throw refusals.reasonRequired({ zh: '退回', en: 'A return' });
    return this.returnCase(loaded, actor, origin, to, reasons, false);
  }

  private async returnCase(
    loaded: LoadedCase,
    actor: WorkflowActor,
    origin: RequestOrigin,
    to: string,
    reasons: string[],
    recall: boolean,
  ): Promise<LoadedCase> {
    const targets = returnTargetsOf(loaded.snapshot);
    if (targets.length === 0) throw refusals.noReturnTarget(this.access.stepOf(loaded).label);
    if (!targets.some((t) => t.to === to)) throw refusals.notReturnTarget(targets.map((t) => t.to));
    const at = this.clock.now().toISOString();
    const from = stateKey(loaded.snapshot);
    const probe = decide(loaded.snapshot.machine, loaded.snapshot, {
      type: CASE_RETURNED,
      data: { to, from, holder: null, reasons, reason: joinedReason(reasons) ?? '', recall },
      actor,
      at,
    });
    if (!probe.accepted) throw refusals.notReturnTarget(targets.map((t) => t.to));
    const holder = recall ? actor.id : await this.returnHolder(loaded, probe.next);
    const data = { to, from, holder, reasons, reason: joinedReason(reasons) ?? '', recall };
    return this.engine.execute({
      caseType: loaded.definition.type,
      caseId: loaded.caseId,
      eventType: CASE_RETURNED,
      data,
      actor,
      origin,
      expectedVersion: loaded.version,
      loaded,
      effects: rearmReminders(loaded, holder),
    });
  }

  /** Whoever last moved the case out of the step returned to, if they may still take it; else the authority's pool. */
  private async returnHolder(loaded: LoadedCase, next: LoadedCase['snapshot']): Promise<string | null> {
    const previous = loaded.holding.movers[stateKey(next)];
    if (!previous) return null;
    const step = { label: { zh: '', en: '' }, roles: ['officer', 'senior_reviewer'] } satisfies StaffStep;
    try {
      await this.access.recipient(loaded, step, previous, { snapshot: next });
      return previous;
    } catch {
      return null;
    }
  }

  /** 撤回: the actor's own last step or hand-over, while the next holder has not acted on it. */
  async recall(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    reason?: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    const move = loaded.holding.lastMove;
    if (!move || move.by !== actor.id) throw refusals.notRecallable();
    if (move.kind === 'step') {
      const target = returnTargetsOf(loaded.snapshot).find((t) => t.stateKey === move.from);
      if (!target) throw refusals.notRecallable();
      return this.returnCase(loaded, actor, origin, target.to, reason ? [reason] : ['撤回本人提交'], true);
    }
    return recordWorkbenchEvent(this.engine, loaded, actor, origin, 'ActionRecalled', {
      step: stateKey(loaded.snapshot),
      recalled: move.kind,
      holder:
        move.kind === 'WorkItemTransferred' ? (move.previousHolder ?? '') : (loaded.holding.holder ?? ''),
    });
  }
}
