import { Injectable } from '@nestjs/common';
import { Database, NotFoundError, type BilingualText } from '@credence/shared';
import { recomputeHash } from '@credence/event-store';
import {
  CaseEngine,
  CaseTypeRegistry,
  stateLabel,
  type LoadedCase,
  type WorkflowActor,
} from '@credence/workflow';
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

/** Reads a case (404 outside the reader's scope) and turns its events into a readable trail. */
@Injectable()
export class DecisionTrails {
  constructor(
    private readonly db: Database,
    private readonly engine: CaseEngine,
    private readonly registry: CaseTypeRegistry,
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
