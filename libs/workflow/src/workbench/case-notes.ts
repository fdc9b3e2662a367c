import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuthorityPolicies } from '@credence/authority-policies';
import { beijingDateOf, Clock } from '@credence/shared';
import { StatutoryTime } from '@credence/working-calendar';
import type { LoadedCase, RequestOrigin } from '../case-command';
import { CaseEngine } from '../case-engine';
import type { WorkflowActor } from '../case-event';
import { stateKey } from '../machine-runtime';
import { WorkbenchAccess } from './workbench-access';
import { refusals } from './workbench-refusals';
import { recordWorkbenchEvent } from './workbench-record';

/** An internal comment on a case, as staff read them (never shown to the applicant or the public). */
export interface CaseComment {
  version: number;
  at: string;
  by: string;
  role: string;
  comment: string;
}

/**
 * What staff add to a case without moving who holds it (ADR 0027): copies to colleagues (抄送), urging (催办) and
 * internal comments. Each is an event on the case's stream; the checks are WorkbenchAccess's.
 */
@Injectable()
export class CaseNotes {
  constructor(
    private readonly engine: CaseEngine,
    private readonly access: WorkbenchAccess,
    private readonly clock: Clock,
    private readonly time: StatutoryTime,
    private readonly modules: ModuleRef,
  ) {}

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
    return recordWorkbenchEvent(
      this.engine,
      loaded,
      actor,
      origin,
      'CaseCopied',
      { to: fresh, note: note ?? null },
      [
        {
          type: 'emitOutbox',
          params: { topic: 'case.copied', payload: { caseId, to: fresh, note: note ?? null } },
        },
      ],
    );
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
    return recordWorkbenchEvent(this.engine, loaded, actor, origin, 'CaseUrged', data, [
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
    return recordWorkbenchEvent(this.engine, loaded, actor, origin, 'CaseCommented', {
      comment,
      internal: true,
    });
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
}
