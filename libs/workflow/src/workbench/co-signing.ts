import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@credence/shared';
import type { LoadedCase, RequestOrigin } from '../case-command';
import { CaseEngine } from '../case-engine';
import type { WorkflowActor } from '../case-event';
import { stateKey } from '../machine-runtime';
import { WorkbenchAccess } from './workbench-access';
import { refusals } from './workbench-refusals';
import type { SignMode } from './workbench-events';
import { recordWorkbenchEvent, type Implied } from './workbench-record';

/**
 * Co-signing on the workbench (会签, ADR 0027): co-signers added before or after the holder's opinion, removed
 * before they sign, and their opinions. The holder still decides; the checks are WorkbenchAccess's.
 */
@Injectable()
export class CoSigning {
  constructor(
    private readonly engine: CaseEngine,
    private readonly access: WorkbenchAccess,
  ) {}

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
    return recordWorkbenchEvent(this.engine, loaded, actor, origin, 'SignersAdded', {
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
    return recordWorkbenchEvent(this.engine, loaded, actor, origin, 'SignerRemoved', {
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
      return recordWorkbenchEvent(
        this.engine,
        loaded,
        actor,
        origin,
        'CaseSigned',
        { step, signer: holding.holder, agree, opinion, passesTo: null },
        [],
        [asSigner],
      );
    }
    return recordWorkbenchEvent(this.engine, loaded, actor, origin, 'CaseSigned', {
      step: stateKey(loaded.snapshot),
      signer: actor.id,
      agree,
      opinion,
      passesTo: null,
    });
  }
}
