import { Injectable } from '@nestjs/common';
import { DecisionTrails } from '@credence/audit';
import { COMMITMENT, CommitmentQueries } from '@credence/commitments';
import type { Actor } from '@credence/identity';
import { CaseEngine, CaseViews, ReactionRunner, type LoadedCase } from '@credence/workflow';

/**
 * What a reader of a commitment sees: the engine's case view (state, available actions, the fulfilment timer), the
 * commitment's data (promises, promised materials and what arrived, the check, the outcome and each consequence of
 * a breach), the decision trail, the outbox rows a breach wrote, and any effect a target refused.
 */
@Injectable()
export class CommitmentViews {
  constructor(
    private readonly engine: CaseEngine,
    private readonly views: CaseViews,
    private readonly trails: DecisionTrails,
    private readonly queries: CommitmentQueries,
    private readonly reactions: ReactionRunner,
  ) {}

  load(id: string, user: Actor): Promise<LoadedCase> {
    return this.engine.load(COMMITMENT, id, user);
  }

  async of(loaded: LoadedCase, user: Actor) {
    const [view, trail, deliveries, refusedEffects] = await Promise.all([
      this.views.of(loaded, user),
      this.trails.trailOfLoaded(loaded),
      this.queries.deliveries(loaded.caseId),
      this.reactions.refusalsCausedBy(loaded.streamId),
    ]);
    return { ...view, trail: trail.steps, deliveries, refusedEffects };
  }
}
