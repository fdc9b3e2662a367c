import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AnyMachineSnapshot } from 'xstate';
import { AuthorityPolicies } from '@credence/authority-policies';
import {
  beijingDateOf,
  Clock,
  Database,
  DomainError,
  NotFoundError,
  type BilingualText,
} from '@credence/shared';
import type { LoadedCase } from '../case-command';
import type { Role, WorkflowActor } from '../case-event';
import { CaseEngine } from '../case-engine';
import { pendingSigners, type Holding } from './holding';
import { refusals } from './workbench-refusals';
import { mayTakeStep, staffStepOf } from './step';
import { stateLabel } from '../machine-runtime';

export interface StaffStep {
  label: BilingualText;
  roles: string[];
}

const STAFF = new Set(['officer', 'senior_reviewer']);

/**
 * Who may do what on the workbench, and who may receive a case: staff of the case's own authority only (anyone
 * else gets 404, as if the case did not exist), of the step's roles, not related to the subject (回避), and able
 * to take the step as its machine judges them (so the recommender never holds the decision of a four-eyes step).
 */
@Injectable()
export class WorkbenchAccess {
  constructor(
    private readonly engine: CaseEngine,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly modules: ModuleRef,
  ) {}

  /** Loads a case for a workbench operation: 404 unless the actor is staff of the case's own authority. */
  async open(caseId: string, actor: WorkflowActor): Promise<LoadedCase> {
    const notFound = new NotFoundError({ zh: '案件', en: 'Case' }, { caseId });
    if (!STAFF.has(actor.role) || !actor.authorityCode) throw notFound;
    const type = await this.engine.typeOf(caseId);
    if (!type) throw notFound;
    const loaded = await this.engine.load(type, caseId, actor);
    if (loaded.ownership.authorityCode !== actor.authorityCode) throw notFound;
    return loaded;
  }

  /**
   * Whether the actor may take the case's current step themselves (role, 回避, the machine's judgement): a deputy
   * sees an absent colleague's item only when it is theirs to take (the recommender never sees the decision).
   */
  async mayTake(caseId: string, actor: WorkflowActor): Promise<boolean> {
    try {
      const loaded = await this.open(caseId, actor);
      await this.recipient(loaded, this.stepOf(loaded), actor.id, { self: true });
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  }

  /** The step staff hold now, or the refusal that nothing waits for staff. */
  stepOf(loaded: LoadedCase): StaffStep {
    const step = staffStepOf(loaded.snapshot);
    if (!step) throw refusals.noStaffStep(stateLabel(loaded.snapshot));
    return step;
  }

  /** The account today deputising for `accountId` (委托), if any. */
  async deputyOf(accountId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ deputy_id: string }>(
      `SELECT deputy_id FROM account_deputies WHERE account_id = $1 AND from_date <= $2::date AND to_date >= $2::date`,
      [accountId, beijingDateOf(this.clock.now())],
    );
    return rows[0]?.deputy_id ?? null;
  }

  /** Whether the actor holds the step: its holder, or the holder's deputy today. */
  async holds(holding: Holding, actor: WorkflowActor): Promise<boolean> {
    if (!holding.holder) return false;
    if (holding.holder === actor.id) return true;
    return (await this.deputyOf(holding.holder)) === actor.id;
  }

  /** The actor may act for the step: its holder (or deputy), or anyone of its roles while nobody holds it. */
  async mustHoldOrPool(loaded: LoadedCase, step: StaffStep, actor: WorkflowActor): Promise<void> {
    const holding = loaded.holding;
    if (holding.holder) {
      if (!(await this.holds(holding, actor))) throw refusals.notHolder();
      return;
    }
    // Acting from the pool takes the item: the actor must be someone who may receive it (role, 回避, four eyes).
    await this.recipient(loaded, step, actor.id, { self: true });
  }

  /**
   * What 认领 requires, asked by the claim command and by the work answer beforehand: a step for staff, not held by
   * the actor already, a reason to take over a colleague's (接管), and an actor who may receive the step.
   */
  async mustBeAbleToClaim(
    loaded: LoadedCase,
    actor: WorkflowActor,
    claim: { withReason: boolean },
  ): Promise<void> {
    const step = this.stepOf(loaded);
    const holder = loaded.holding.holder;
    if (holder === actor.id) throw refusals.alreadyHolder();
    if (holder && !claim.withReason) throw refusals.heldByAnother();
    await this.recipient(loaded, step, actor.id, { self: true });
  }

  /**
   * The gate every workflow action of a staff step passes (CaseActionCommand): a step someone holds is theirs (or
   * their deputy's); a delegated one waits for the delegate; co-signers give their opinion first; and where the
   * authority requires collective review (会签), enough of them agree.
   */
  async gate(loaded: LoadedCase, actor: WorkflowActor): Promise<void> {
    if (!STAFF.has(actor.role)) return;
    const step = staffStepOf(loaded.snapshot);
    if (!step) return;
    const holding = loaded.holding;
    if (holding.holder && !(await this.holds(holding, actor))) throw refusals.heldByAnother();
    if (holding.delegate) throw refusals.delegationPending();
    const pending = pendingSigners(holding, actor.id);
    if (pending.length) throw refusals.signersPending(pending.length);
    await this.collectiveReview(loaded, step, holding);
  }

  /** 会签 where the authority requires it for the case type's decision steps (senior reviewers only). */
  async collectiveReview(loaded: LoadedCase, step: StaffStep, holding: Holding): Promise<void> {
    if (step.roles.length !== 1 || step.roles[0] !== 'senior_reviewer') return;
    const policies = this.modules.get(AuthorityPolicies, { strict: false });
    const setting = (await policies.get('workbench.collective-review', loaded.ownership.authorityPath)).value;
    if (!setting.caseTypes.includes(loaded.definition.type)) return;
    const signed = holding.signers.filter((s) => s.signed);
    const agreed = signed.filter((s) => s.signed!.agree).length;
    const enough =
      signed.length >= setting.minSigners &&
      (setting.mode === 'all' ? agreed === signed.length : agreed >= setting.quorum);
    if (!enough) throw refusals.collectiveReviewRequired(setting.minSigners, setting.mode, setting.quorum);
  }

  /**
   * Checks that an account may receive the case's step (transfer, delegation, co-signing, deputy, a return's
   * holder) — or, with `self`, that the actor may claim it — and returns it as the machine would see it acting.
   * An account outside the actor's authority is 404, like any id that is not the caller's to name.
   */
  async recipient(
    loaded: LoadedCase,
    step: StaffStep,
    accountId: string,
    options: { self?: boolean; snapshot?: AnyMachineSnapshot } = {},
  ): Promise<WorkflowActor> {
    const account = await this.staffAccount(accountId, loaded.ownership.authorityCode);
    const self = options.self ?? false;
    if (!step.roles.includes(account.role)) throw refusals.wrongRole(step.roles, self);
    if (await this.isRelated(loaded, account.id)) throw refusals.related(self);
    const snapshot = options.snapshot ?? loaded.snapshot;
    if (!mayTakeStep(snapshot, account, this.clock.now().toISOString()))
      throw refusals.cannotTakeStep(step.label, self);
    return account;
  }

  /**
   * The active staff of the actor's own authority (officers and senior reviewers), by name: whom a transfer,
   * delegation, co-signing or copy may name. Whether one of them may receive a given step is still asked of the
   * machine when it is named (recipient); anyone outside the authority gets an empty list.
   */
  async colleagues(
    actor: WorkflowActor,
  ): Promise<{ accountId: string; displayName: string; role: string }[]> {
    if (!STAFF.has(actor.role) || !actor.authorityCode) return [];
    const { rows } = await this.db.query<{ id: string; display_name: string; role: string }>(
      `SELECT id, display_name, role FROM accounts
        WHERE authority_code = $1 AND active AND role IN ('officer', 'senior_reviewer')
        ORDER BY display_name, id`,
      [actor.authorityCode],
    );
    return rows.map((r) => ({ accountId: r.id, displayName: r.display_name, role: r.role }));
  }

  /** An active staff account of the authority, as a workflow actor; 404 for any other id. */
  async staffAccount(accountId: string, authorityCode: string): Promise<WorkflowActor> {
    const { rows } = await this.db.query<{ id: string; role: Role; authority_code: string; path: string }>(
      `SELECT a.id, a.role, a.authority_code, t.path FROM accounts a JOIN authorities t ON t.code = a.authority_code
        WHERE a.id = $1 AND a.active AND a.authority_code = $2 AND a.role IN ('officer', 'senior_reviewer')`,
      [accountId, authorityCode],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError({ zh: '账户', en: 'Account' }, { accountId });
    return {
      id: row.id,
      role: row.role,
      authorityCode: row.authority_code,
      authorityPath: row.path,
      subjectCode: null,
    };
  }

  /** 回避, as the case type declares it (its action table's recusal rule). */
  async isRelated(loaded: LoadedCase, accountId: string): Promise<boolean> {
    const recusal = loaded.definition.actionTable?.recusal;
    if (!recusal) return false;
    return recusal.isRelated({
      actorId: accountId,
      context: loaded.snapshot.context as never,
      use: (type) => this.modules.get(type, { strict: false }),
    });
  }
}
