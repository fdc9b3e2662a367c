import { Injectable } from '@nestjs/common';
import { Database, DomainError, NotFoundError, type BilingualText } from '@credence/shared';
import { CREDIT_RECORD, CreditRecordQueries, type CreditRecordView } from '@credence/credit-records';
import {
  activeStatePaths,
  candidateEventTypes,
  stateLabel,
  workItemOf,
  type ClockState,
  type LoadedCase,
  type WorkflowActor,
} from '@credence/workflow';
import { DecisionTrails } from './decision-trails';

/** A case as it stood at an instant: only what its events up to then say (nothing computed from today). */
export interface CaseAsOf {
  asOf: string;
  caseId: string;
  type: string;
  typeLabel: BilingualText;
  /** Events recorded up to the instant. */
  version: number;
  state: string[];
  stateLabel: BilingualText;
  status: 'active' | 'done';
  authorityCode: string;
  subjectCode: string;
  subjectName: string;
  title: string;
  workItem: { roles: string[]; label: BilingualText } | null;
  /** Actions the machine listened for in that state (who could take them is the guards' business). */
  possibleActions: { action: string | null; eventType: string }[];
  /** Statutory clocks as their events had them then. */
  clocks: ClockState[];
  /** Timers that were pending at the instant. */
  timers: { name: string; eventType: string; dueAt: string }[];
  data: Record<string, unknown>;
  /** The last event recorded by then (its readable form is the trail's step of the same version). */
  lastEvent: {
    streamVersion: number;
    eventType: string;
    recordedAt: string;
    actorId: string;
    actorRole: string;
  };
  createdAt: string;
  updatedAt: string;
}

/** A credit record's content and status as they were at an instant. */
export interface CreditRecordAsOf {
  asOf: string;
  id: string;
  version: number;
  record: CreditRecordView['record'];
  publicStatus: CreditRecordView['publicStatus'];
  publicStatusLabel: BilingualText;
  objectionMarked: boolean;
  ruleSet: string;
  repairableFrom: string;
  publicityEndsAfter: string;
  state: string[];
  stateLabel: BilingualText;
  updatedAt: string;
}

export class CaseNotYetOpenedError extends DomainError {
  constructor(caseId: string, asOf: Date, openedAt: string) {
    super({
      code: 'AUDIT.CASE_NOT_YET_OPENED',
      status: 404,
      message: { zh: '该时点案件尚未建立', en: 'The case did not exist yet at that instant' },
      details: { caseId, asOf: asOf.toISOString(), openedAt },
    });
  }
}

/** Time travel: the case folded from its events recorded at or before the instant (`CaseEngine.load` until). */
@Injectable()
export class CaseTimeTravel {
  constructor(
    private readonly db: Database,
    private readonly trails: DecisionTrails,
    private readonly records: CreditRecordQueries,
  ) {}

  async caseAsOf(caseId: string, at: Date, actor: WorkflowActor): Promise<CaseAsOf> {
    const loaded = await this.loadAsOf(caseId, at, actor, null, (id, until) =>
      this.trails.load(id, actor, until),
    );
    const { snapshot, definition } = loaded;
    const actionOf = new Map(Object.entries(definition.actions).map(([a, e]) => [e, a]));
    const last = loaded.events[loaded.events.length - 1];
    return {
      asOf: at.toISOString(),
      caseId,
      type: definition.type,
      typeLabel: definition.label,
      version: loaded.version,
      state: activeStatePaths(snapshot),
      stateLabel: stateLabel(snapshot),
      status: snapshot.status === 'active' ? 'active' : 'done',
      authorityCode: loaded.ownership.authorityCode,
      subjectCode: loaded.ownership.subjectCode,
      subjectName: loaded.ownership.subjectName,
      title: loaded.ownership.title,
      workItem: workItemOf(snapshot) ?? null,
      possibleActions: candidateEventTypes(snapshot).map((eventType) => ({
        action: actionOf.get(eventType) ?? null,
        eventType,
      })),
      clocks: [...loaded.clocks.values()],
      timers: await this.timersPendingAt(loaded.streamId, at),
      data: definition.viewOf?.(snapshot.context) ?? {},
      // Not a trail step: that needs a second fold of the whole history, doubling the cost of the read.
      lastEvent: {
        streamVersion: last.streamVersion,
        eventType: last.type,
        recordedAt: last.recordedAt.toISOString(),
        actorId: last.metadata.actorId,
        actorRole: last.metadata.actorRole,
      },
      createdAt: loaded.events[0].recordedAt.toISOString(),
      updatedAt: last.recordedAt.toISOString(),
    };
  }

  async creditRecordAsOf(id: string, at: Date, actor: WorkflowActor): Promise<CreditRecordAsOf> {
    const view = await this.loadAsOf(id, at, actor, CREDIT_RECORD, (recordId, until) =>
      this.records.get(recordId, actor, until),
    );
    return {
      asOf: at.toISOString(),
      id: view.id,
      version: view.version,
      record: view.record,
      publicStatus: view.publicStatus,
      publicStatusLabel: view.publicStatusLabel,
      objectionMarked: view.objectionMarked,
      ruleSet: view.ruleSet,
      repairableFrom: view.repairableFrom,
      publicityEndsAfter: view.publicityEndsAfter,
      state: view.state,
      stateLabel: view.stateLabel,
      updatedAt: view.updatedAt,
    };
  }

  /**
   * Loads as of the instant. Nothing recorded by then reads as "not found" to the engine: a case the reader may see
   * today gets the clearer "not yet opened" (one more read, on that path only); anything else stays a plain 404.
   */
  private async loadAsOf<T>(
    id: string,
    at: Date,
    actor: WorkflowActor,
    type: string | null,
    load: (id: string, until?: Date) => Promise<T>,
  ): Promise<T> {
    try {
      return await load(id, at);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const now: LoadedCase | null = await this.trails.load(id, actor).catch(() => null);
      if (now && (type === null || now.definition.type === type))
        throw new CaseNotYetOpenedError(id, at, now.events[0].recordedAt.toISOString());
      throw error;
    }
  }

  private async timersPendingAt(streamId: string, at: Date): Promise<CaseAsOf['timers']> {
    const { rows } = await this.db.query<{ name: string; event_type: string; due_at: Date }>(
      `SELECT name, event_type, due_at FROM timers
        WHERE stream_id = $1 AND created_at <= $2 AND (settled_at IS NULL OR settled_at > $2)
        ORDER BY due_at, name`,
      [streamId, at],
    );
    return rows.map((r) => ({ name: r.name, eventType: r.event_type, dueAt: r.due_at.toISOString() }));
  }
}
