import { Injectable } from '@nestjs/common';
import type { BilingualText } from '@credence/shared';
import { Clock, Database } from '@credence/shared';
import { StatutoryTime } from '@credence/working-calendar';
import type { WorkflowActor } from './case-event';
import { CaseEngine, type LoadedCase } from './case-engine';
import type { ClockView } from './clocks/clock-view';
import { clockViewsOf } from './clocks/clock-views';
import { pendingTimers, type TimerView } from './case-records';
import { activeStatePaths, stateLabel, workItemOf } from './machine-runtime';
import type { ActionOption } from './refusals/explain-refusal';
import { gatedActions } from './workbench/standing';
import { WorkbenchAccess } from './workbench/workbench-access';

/** What every read of a case returns: state, version (the ETag), owner, what this user may do, running clocks. */
export interface CaseView {
  id: string;
  type: string;
  typeLabel: BilingualText;
  state: string[];
  stateLabel: BilingualText;
  status: 'active' | 'done';
  version: number;
  authorityCode: string;
  subjectCode: string;
  subjectName: string;
  title: string;
  availableActions: { action: string; eventType: string; label: unknown }[];
  /**
   * Every action that leaves the current state, available to this user now or not, each unavailable one with the
   * refusal it would meet (`{ code, message }`), for a console's disabled buttons — the workbench gate's included
   * (a step a colleague holds is not the caller's to act on).
   */
  actions: ActionOption[];
  workItem: { roles: string[]; label: BilingualText } | null;
  timers: TimerView[];
  /** Statutory clocks, open ones first. */
  clocks: ClockView[];
  data: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

@Injectable()
export class CaseViews {
  constructor(
    private readonly engine: CaseEngine,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly statutoryTime: StatutoryTime,
    private readonly workbench: WorkbenchAccess,
  ) {}

  async of(loaded: LoadedCase, actor: WorkflowActor): Promise<CaseView> {
    const { snapshot, definition } = loaded;
    const actions = await gatedActions(this.workbench, loaded, actor, this.engine.actionsOf(loaded, actor));
    const gated = new Set(actions.filter((a) => !a.available).map((a) => a.action));
    return {
      id: loaded.caseId,
      type: definition.type,
      typeLabel: definition.label,
      state: activeStatePaths(snapshot),
      stateLabel: stateLabel(snapshot),
      status: snapshot.status === 'active' ? 'active' : 'done',
      version: loaded.version,
      authorityCode: loaded.ownership.authorityCode,
      subjectCode: loaded.ownership.subjectCode,
      subjectName: loaded.ownership.subjectName,
      title: loaded.ownership.title,
      availableActions: this.engine.availableActions(loaded, actor).filter((a) => !gated.has(a.action)),
      actions,
      workItem: workItemOf(snapshot) ?? null,
      timers: loaded.pendingTimers ?? (await pendingTimers(this.db, loaded.streamId)),
      clocks: await this.clocksOf(loaded),
      data: definition.viewOf?.(snapshot.context) ?? {},
      createdAt: loaded.events[0].recordedAt.toISOString(),
      updatedAt: loaded.events[loaded.events.length - 1].recordedAt.toISOString(),
    };
  }

  private async clocksOf(loaded: LoadedCase): Promise<ClockView[]> {
    if (loaded.clocks.size === 0) return [];
    const time = await this.statutoryTime.snapshot();
    return clockViewsOf(loaded.clocks.values(), time, loaded.ownership.authorityCode, this.clock.now());
  }
}
