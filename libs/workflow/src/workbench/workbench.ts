import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuthorityPolicies } from '@credence/authority-policies';
import { beijingDateOf, Clock, NotFoundError } from '@credence/shared';
import { StatutoryTime } from '@credence/working-calendar';
import type { LoadedCase, RequestOrigin } from '../case-command';
import { CaseEngine } from '../case-engine';
import type { WorkflowActor } from '../case-event';
import { decide, returnTargetsOf, stateKey, type Effect, type ReturnTarget } from '../machine-runtime';
import { joinedReason } from '../actions/action-table';
import { pendingSigners } from './holding';
import { WorkbenchAccess, type StaffStep } from './workbench-access';
import { refusals } from './workbench-refusals';
import {
  CASE_RETURNED,
  type SignMode,
  type WorkbenchEventData,
  type WorkbenchEventType,
} from './workbench-events';

/** A workbench event an operation implies, recorded in the same append before the operation's own. */
interface Implied<T extends WorkbenchEventType> {
  type: T;
  data: WorkbenchEventData[T];
}

/** An internal comment on a case, as staff read them (never shown to the applicant or the public). */
export interface CaseComment {
  version: number;
  at: string;
  by: string;
  role: string;
  comment: string;
}

/**
 * The reviewer workbench (ADR 0027): the operations staff take on a case's current step — claim, release,
 * transfer, delegate and resolve, return, co-signers, recall, copy, urge, comments — once for every workflow.
 * Each is an event on the case's stream recorded by the engine in one statement with the `case_work` row; the
 * checks are WorkbenchAccess's.
 */
@Injectable()
export class Workbench {
  constructor(
    private readonly engine: CaseEngine,
    private readonly access: WorkbenchAccess,
    private readonly clock: Clock,
    private readonly time: StatutoryTime,
    private readonly modules: ModuleRef,
  ) {}

  /** 认领: an unclaimed item becomes the actor's; taking over a colleague's needs a reason (recorded). */
  async claim(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    reason?: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    const step = this.access.stepOf(loaded);
    const holder = loaded.holding.holder;
    if (holder === actor.id) throw refusals.alreadyHolder();
    if (holder && !reason) throw refusals.heldByAnother();
    await this.access.recipient(loaded, step, actor.id, { self: true });
    return this.record(loaded, actor, origin, 'WorkItemClaimed', {
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
    return this.record(loaded, actor, origin, 'WorkItemReleased', {
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
    return this.record(
      loaded,
      actor,
      origin,
      'WorkItemTransferred',
      { step: stateKey(loaded.snapshot), from: loaded.holding.holder, to, reason },
      this.rearm(loaded, to),
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
    return this.record(
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
    return this.record(loaded, actor, origin, 'WorkItemResolved', {
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
      effects: this.rearm(loaded, holder),
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

  /** 加签: co-signers who give their opinion before (前加签) or after (后加签) the holder's; the holder decides. */
  async addSigners(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    accounts: string[],
    mode: SignMode,
    reason?: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    const step = this.access.stepOf(loaded);
    await this.access.mustHoldOrPool(loaded, step, actor);
    const unique = [...new Set(accounts)];
    for (const account of unique) {
      if (account === actor.id || account === loaded.holding.holder) throw refusals.selfRecipient();
      if (loaded.holding.signers.some((s) => s.account === account)) throw refusals.alreadySigner();
      await this.access.recipient(loaded, step, account);
    }
    return this.record(loaded, actor, origin, 'SignersAdded', {
      step: stateKey(loaded.snapshot),
      accounts: unique,
      mode,
      reason: reason ?? null,
    });
  }

  /** 减签: a co-signer removed before they gave their opinion, by the holder or whoever added them. */
  async removeSigner(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    account: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    this.access.stepOf(loaded);
    const signer = loaded.holding.signers.find((s) => s.account === account);
    if (!signer) throw new NotFoundError({ zh: '会签人', en: 'Co-signer' }, { accountId: account });
    if (signer.addedBy !== actor.id && !(await this.access.holds(loaded.holding, actor)))
      throw refusals.notHolder();
    if (signer.signed) throw refusals.alreadySigned();
    return this.record(loaded, actor, origin, 'SignerRemoved', {
      step: stateKey(loaded.snapshot),
      account,
      reason: null,
    });
  }

  /**
   * A co-signer's opinion (会签意见). A 后加签 co-signer gives it after the holder has given theirs (the holder signs
   * too, then), a 前加签 one at any time before the holder acts.
   */
  async sign(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    agree: boolean,
    opinion: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    this.access.stepOf(loaded);
    const holding = loaded.holding;
    const mine = holding.signers.find((s) => s.account === actor.id);
    const holderSigning =
      !mine && (await this.access.holds(holding, actor)) && holding.signers.some((s) => s.mode === 'after');
    if (!holderSigning && (!mine || mine.signed)) throw refusals.notSigner();
    if (mine?.mode === 'after' && !holding.signers.some((s) => s.account === holding.holder && s.signed))
      throw refusals.signersPending(1);
    if (holderSigning && holding.holder) {
      // The holder's own opinion, recorded as a signature so the after-signers may follow; both in one append,
      // so a concurrent change never leaves the holder listed as a signer without their opinion.
      const step = stateKey(loaded.snapshot);
      const asSigner: Implied<'SignersAdded'> = {
        type: 'SignersAdded',
        data: { step, accounts: [holding.holder], mode: 'before', reason: null },
      };
      return this.record(
        loaded,
        actor,
        origin,
        'CaseSigned',
        { step, signer: holding.holder, agree, opinion, passesTo: null },
        [],
        [asSigner],
      );
    }
    return this.record(loaded, actor, origin, 'CaseSigned', {
      step: stateKey(loaded.snapshot),
      signer: actor.id,
      agree,
      opinion,
      passesTo: null,
    });
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
    return this.record(loaded, actor, origin, 'ActionRecalled', {
      step: stateKey(loaded.snapshot),
      recalled: move.kind,
      holder:
        move.kind === 'WorkItemTransferred' ? (move.previousHolder ?? '') : (loaded.holding.holder ?? ''),
    });
  }

  /** 抄送: to colleagues of the authority (never twice to the same one, never to a related one). */
  async copy(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    to: string[],
    note?: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    const fresh = [...new Set(to)].filter((a) => !loaded.holding.copiedTo.includes(a));
    for (const account of fresh) {
      await this.access.staffAccount(account, loaded.ownership.authorityCode);
      if (await this.access.isRelated(loaded, account)) throw refusals.related(false);
    }
    if (fresh.length === 0) throw refusals.alreadyCopied();
    return this.record(loaded, actor, origin, 'CaseCopied', { to: fresh, note: note ?? null }, [
      {
        type: 'emitOutbox',
        params: { topic: 'case.copied', payload: { caseId, to: fresh, note: note ?? null } },
      },
    ]);
  }

  /** 催办: the holder (or the step's roles, when nobody holds it) is chased, at most once per interval. */
  async urge(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    note?: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    const step = this.access.stepOf(loaded);
    const today = beijingDateOf(this.clock.now());
    const last = loaded.holding.lastUrgedOn;
    if (last) {
      const policies = this.modules.get(AuthorityPolicies, { strict: false });
      const interval = (await policies.get('workbench.urge-interval', loaded.ownership.authorityPath)).value;
      const calendar = (await this.time.snapshot()).calendarFor(loaded.ownership.authorityCode);
      const next = calendar.addWorkingDays(last, interval).value;
      if (today < next) throw refusals.alreadyUrged(next);
    }
    const holder = loaded.holding.delegate?.to ?? loaded.holding.holder;
    const data = {
      step: stateKey(loaded.snapshot),
      holder,
      roles: step.roles,
      note: note ?? null,
      workingDay: today,
    };
    return this.record(loaded, actor, origin, 'CaseUrged', data, [
      { type: 'emitOutbox', params: { topic: 'case.urged', payload: { caseId, ...data } } },
    ]);
  }

  /** An internal comment (staff only; never in the applicant's or the public's views). */
  async comment(
    caseId: string,
    actor: WorkflowActor,
    origin: RequestOrigin,
    comment: string,
  ): Promise<LoadedCase> {
    const loaded = await this.access.open(caseId, actor);
    return this.record(loaded, actor, origin, 'CaseCommented', { comment, internal: true });
  }

  async comments(caseId: string, actor: WorkflowActor): Promise<CaseComment[]> {
    const loaded = await this.access.open(caseId, actor);
    return loaded.events
      .filter((e) => e.type === 'CaseCommented')
      .map((e) => ({
        version: e.streamVersion,
        at: e.recordedAt.toISOString(),
        by: e.metadata.actorId,
        role: e.metadata.actorRole,
        comment: (e.data as { comment?: string }).comment ?? '',
      }));
  }

  /** Records `type` (after the events the operation implies, in the same append). */
  private record<T extends WorkbenchEventType>(
    loaded: LoadedCase,
    actor: WorkflowActor,
    origin: RequestOrigin,
    type: T,
    data: WorkbenchEventData[T],
    effects: Effect[] = [],
    implied: Implied<WorkbenchEventType>[] = [],
  ): Promise<LoadedCase> {
    return this.engine.record(loaded, { type, data, effects }, actor, origin, undefined, implied);
  }

  /**
   * Reminders re-arm for the new holder: a clock already past its due-soon (or due) instant reminded the previous
   * holder, so the new one is told now, through the same outbox topic.
   */
  private rearm(loaded: LoadedCase, holder: string | null): Effect[] {
    return [...loaded.clocks.values()]
      .filter((c) => c.status === 'running' && (c.dueSoon || c.overdue))
      .map((c) => ({
        type: 'emitOutbox' as const,
        params: {
          topic: c.overdue ? 'clock.overdue' : 'clock.due-soon',
          payload: { clock: c.name, dueDate: c.dueDate, dueAt: c.dueAt, holder, rearmed: true },
        },
      }));
  }
}
