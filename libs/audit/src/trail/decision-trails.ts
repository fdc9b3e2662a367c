import { Injectable } from '@nestjs/common';
import { Database, NotFoundError, type BilingualText } from '@credence/shared';
import { recomputeHash } from '@credence/event-store';
import { AccountCache } from '@credence/identity';
import {
  CaseEngine,
  CaseTypeRegistry,
  stateLabel,
  type LoadedCase,
  type WorkflowActor,
} from '@credence/workflow';
import { interleaveByTime, type DeliveryTrailStep } from './delivery-steps';
import { DeliveryTrail } from './delivery-trail';
import { displayNames } from './names';
import { trailSteps, type TrailStep } from './trail-steps';

/** The decision trail of one case: who did what, when, why, under what, from which state to which. */
export interface DecisionTrail {
  caseId: string;
  type: string;
  typeLabel: BilingualText;
  title: string;
  authorityCode: string;
  subjectCode: string;
  subjectName: string;
  version: number;
  stateLabel: BilingualText;
  /** Every event's hash recomputed and linked to the previous one (the full proof is the integrity export's). */
  chainIntact: boolean;
  steps: TrailStep[];
}

/** A step of the auditor's trail: an event of the case's hash chain, or a record of one of its deliveries. */
export type AuditTrailStep = (TrailStep & { source: 'event' }) | DeliveryTrailStep;

/** The auditor's trail: the case's events and its deliveries' attempts, receipts and retries, in time order. */
export interface AuditTrail extends Omit<DecisionTrail, 'steps'> {
  steps: AuditTrailStep[];
}

/** Reads a case (404 outside the reader's scope) and turns its events into a readable trail. */
@Injectable()
export class DecisionTrails {
  constructor(
    private readonly db: Database,
    private readonly engine: CaseEngine,
    private readonly registry: CaseTypeRegistry,
    private readonly deliveries: DeliveryTrail,
    private readonly accounts: AccountCache,
  ) {}

  /** The case of any type, as the reader may see it (404 when absent or outside the reader's scope). */
  async load(caseId: string, actor: WorkflowActor, until?: Date): Promise<LoadedCase> {
    const type = await this.engine.typeOf(caseId);
    if (!type) throw new NotFoundError({ zh: '案件', en: 'Case' }, { caseId });
    return this.engine.load(type, caseId, actor, { until });
  }

  async trailOf(caseId: string, actor: WorkflowActor): Promise<DecisionTrail> {
    const loaded = await this.load(caseId, actor);
    return this.trailOfLoaded(loaded);
  }

  /**
   * The trail an auditor reads: the decision trail with the case's delivery records (issue #17: every attempt,
   * answer and receipt visible in the audit trail) placed among the events by time. Case views keep `trailOf`.
   */
  async auditTrailOf(caseId: string, actor: WorkflowActor): Promise<AuditTrail> {
    const loaded = await this.load(caseId, actor);
    const [trail, deliveries] = await Promise.all([
      this.trailOfLoaded(loaded),
      this.deliveries.stepsOf(loaded.caseId),
    ]);
    const events = trail.steps.map((step) => ({ source: 'event' as const, ...step }));
    return { ...trail, steps: interleaveByTime<AuditTrailStep, AuditTrailStep>(events, deliveries) };
  }

  async trailOfLoaded(loaded: LoadedCase): Promise<DecisionTrail> {
    const steps = await this.stepsOf(loaded);
    return {
      caseId: loaded.caseId,
      type: loaded.definition.type,
      typeLabel: loaded.definition.label,
      title: loaded.ownership.title,
      authorityCode: loaded.ownership.authorityCode,
      subjectCode: loaded.ownership.subjectCode,
      subjectName: loaded.ownership.subjectName,
      version: loaded.version,
      stateLabel: stateLabel(loaded.snapshot),
      chainIntact: chainIntact(loaded),
      steps,
    };
  }

  /** The steps of a loaded case, with the actors' display names. */
  async stepsOf(loaded: LoadedCase): Promise<TrailStep[]> {
    const machine = this.registry.machineFor(loaded.definition, loaded.events[0]?.metadata.machine?.version);
    const steps = trailSteps(loaded.caseId, loaded.events, { machine, actions: loaded.definition.actions });
    const names = await displayNames(
      this.db,
      steps.map((s) => s.actor.id),
      (id) => this.accounts.get(id)?.display_name,
    );
    for (const step of steps) step.actor.displayName = names.get(step.actor.id) ?? null;
    return steps;
  }
}

function chainIntact(loaded: LoadedCase): boolean {
  let previous: Buffer | null = null;
  for (const e of loaded.events) {
    if (!recomputeHash(e).equals(e.hash) || (previous !== null && !e.prevHash.equals(previous))) return false;
    previous = e.hash;
  }
  return true;
}
