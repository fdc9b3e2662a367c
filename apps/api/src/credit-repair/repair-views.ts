import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DecisionTrails } from '@credence/audit';
import { RepairCommitments } from '@credence/commitments';
import {
  REPAIR_APPLICATION,
  repairDecisionDocument,
  RepairQueries,
  type RepairContext,
} from '@credence/credit-repair';
import { renderDecisionPdf } from '@credence/documents';
import type { Actor } from '@credence/identity';
import { CaseEngine, CaseViews, ReactionRunner, type LoadedCase } from '@credence/workflow';

/**
 * What a reader of an application sees: the engine's case view (state, available actions, clocks), the
 * application's data (record, materials with digests, commitment, decision), where its repair commitment stands
 * now, the decision trail, each downstream platform's delivery row, and any effect on the record that it refused.
 */
@Injectable()
export class RepairViews {
  constructor(
    private readonly engine: CaseEngine,
    private readonly views: CaseViews,
    private readonly trails: DecisionTrails,
    private readonly queries: RepairQueries,
    private readonly reactions: ReactionRunner,
    private readonly commitments: RepairCommitments,
  ) {}

  load(id: string, user: Actor): Promise<LoadedCase> {
    return this.engine.load(REPAIR_APPLICATION, id, user);
  }

  /** The full view (GET); an action's answer leaves out the trail, which replays the case and is read separately. */
  async of(loaded: LoadedCase, user: Actor, options: { trail: boolean } = { trail: true }) {
    const commitmentId = (loaded.snapshot.context as RepairContext).commitment?.caseId;
    const [view, trail, deliveries, refusedEffects, commitmentState] = await Promise.all([
      this.views.of(loaded, user),
      options.trail ? this.trails.trailOfLoaded(loaded) : null,
      this.queries.deliveries(loaded.caseId),
      this.reactions.refusalsCausedBy(loaded.streamId),
      commitmentId ? this.commitments.stateOf(commitmentId) : null,
    ]);
    return {
      ...view,
      ...(trail ? { trail: trail.steps } : {}),
      commitmentState,
      deliveries,
      refusedEffects,
    };
  }

  /** The latest decision's document, rendered from the case's events (the same bytes every time). */
  async decisionDocument(id: string, user: Actor) {
    const loaded = await this.load(id, user);
    const document = repairDecisionDocument(loaded.snapshot.context as RepairContext);
    const pdf = await renderDecisionPdf(document);
    return {
      pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      fileName: `${document.documentNumber}-${document.title.zh}.pdf`,
    };
  }
}
