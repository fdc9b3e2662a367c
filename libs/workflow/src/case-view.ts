import { Injectable } from '@nestjs/common';
import type { BilingualText } from '@credence/shared';
import { Database } from '@credence/shared';
import type { WorkflowActor } from './case-event';
import { CaseEngine, type LoadedCase } from './case-engine';
import { pendingTimers, type TimerView } from './case-records';
import { activeStatePaths, stateLabel, workItemOf } from './machine-runtime';

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
  workItem: { roles: string[]; label: BilingualText } | null;
  timers: TimerView[];
  data: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

@Injectable()
export class CaseViews {
  constructor(
    private readonly engine: CaseEngine,
    private readonly db: Database,
  ) {}

  async of(loaded: LoadedCase, actor: WorkflowActor): Promise<CaseView> {
    const { snapshot, definition } = loaded;
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
      availableActions: this.engine.availableActions(loaded, actor),
      workItem: workItemOf(snapshot) ?? null,
      timers: await pendingTimers(this.db, loaded.streamId),
      data: definition.viewOf?.(snapshot.context) ?? {},
      createdAt: loaded.events[0].recordedAt.toISOString(),
      updatedAt: loaded.events[loaded.events.length - 1].recordedAt.toISOString(),
    };
  }
}
