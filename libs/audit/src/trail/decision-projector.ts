import { Injectable } from '@nestjs/common';
import { Database, type Sql } from '@credence/shared';
import { EventStore, Subscription, type RecordedEvent } from '@credence/event-store';
import { CaseTypeRegistry } from '@credence/workflow';
import { displayNames } from './names';
import { trailSteps, type TrailCaseType, type TrailStep } from './trail-steps';

/** The checkpoint name of the projector in `subscription_checkpoints`. */
export const AUDIT_DECISIONS_SUBSCRIPTION = 'audit-decisions';
/** Events per projection batch (one transaction with its checkpoint). */
export const PROJECTOR_BATCH = 500;

interface CaseRow {
  stream_id: string;
  id: string;
  type: string;
  authority_code: string;
  authority_path: string;
  subject_code: string;
  subject_name: string;
  title: string;
}

const COLUMNS = `event_id uuid, global_position bigint, case_id uuid, case_type text, stream_id text,
  stream_version integer, event_type text, action text, action_label_zh text, action_label_en text,
  state_before_zh text, state_before_en text, state_after_zh text, state_after_en text, outcome text,
  actor_id text, actor_name text, actor_role text, actor_authority text, authority_code text, authority_path text,
  subject_code text, subject_name text, title text, rule_set text, reasons text, opinion text, legal_basis text,
  correlation_id text, event_hash text, recorded_at timestamptz`;

// One statement per batch; ON CONFLICT makes a replayed batch (a crash between insert and checkpoint cannot happen
// inside one transaction, but a rebuilt checkpoint can) harmless.
const INSERT = `
INSERT INTO audit_decisions (event_id, global_position, case_id, case_type, stream_id, stream_version, event_type,
  action, action_label_zh, action_label_en, state_before_zh, state_before_en, state_after_zh, state_after_en, outcome,
  actor_id, actor_name, actor_role, actor_authority, authority_code, authority_path, subject_code, subject_name, title,
  rule_set, reasons, opinion, legal_basis, correlation_id, event_hash, recorded_at)
SELECT event_id, global_position, case_id, case_type, stream_id, stream_version, event_type, action, action_label_zh,
       action_label_en, state_before_zh, state_before_en, state_after_zh, state_after_en, outcome, actor_id, actor_name,
       actor_role, actor_authority, authority_code, authority_path, subject_code, subject_name, title, rule_set, reasons,
       opinion, legal_basis, correlation_id, decode(event_hash, 'hex'), recorded_at
  FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMNS})
ON CONFLICT (event_id) DO NOTHING`;

/** Several reasons in one cell: the search and the exports show them as one text. */
const joinReasons = (step: TrailStep) =>
  [...step.reasonCodes.map((c) => `[${c}]`), ...step.reasons].join('；') || null;

/**
 * Keeps `audit_decisions` — one row per event of every case, with the case's ownership and the trail's labels —
 * by following the event store (a checkpointed Subscription; the batch and its checkpoint commit together).
 * Ownership is the case row's when the event is projected: the case row is written in the event's own append
 * statement, so it is always there.
 */
@Injectable()
export class DecisionProjector {
  readonly subscription: Subscription;

  constructor(
    db: Database,
    private readonly store: EventStore,
    private readonly registry: CaseTypeRegistry,
  ) {
    this.subscription = new Subscription(
      db,
      AUDIT_DECISIONS_SUBSCRIPTION,
      (events, tx) => this.project(events, tx),
      {
        batchSize: PROJECTOR_BATCH,
      },
    );
  }

  /** Handles one batch; 0 when there is nothing new (or another process holds the checkpoint). */
  pollOnce(): Promise<number> {
    return this.subscription.pollOnce();
  }

  /**
   * Polls until nothing new is left, waiting (up to `waitMs`) for events an older open transaction anywhere in the
   * cluster still holds behind the horizon: a catch-up must not stop early (tests, and reads right after a write).
   */
  catchUp(waitMs = 30_000): Promise<number> {
    return this.subscription.drainHeldBack(waitMs);
  }

  private async project(events: RecordedEvent[], tx: Sql): Promise<void> {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    const { rows: cases } = await tx.query<CaseRow>(
      `SELECT stream_id, id::text AS id, type, authority_code, authority_path, subject_code, subject_name, title
         FROM cases WHERE stream_id = ANY($1::text[])`,
      [[...byStream.keys()]],
    );
    const caseOf = new Map(cases.map((c) => [c.stream_id, c]));
    const names = await displayNames(
      tx,
      events.map((e) => e.metadata.actorId),
    );
    const rows: Record<string, unknown>[] = [];
    for (const [streamId, batch] of byStream) {
      const owner = caseOf.get(streamId);
      if (!owner) continue; // not a case stream
      // The whole stream is folded for the states before and after; a batch rarely holds a case's whole history.
      const history = await this.store.readStream(streamId, {}, tx);
      const steps = trailSteps(owner.id, history, this.caseTypeOf(owner.type, history));
      const wanted = new Set(batch.map((e) => e.eventId));
      for (const step of steps.filter((s) => wanted.has(s.eventId)))
        rows.push(this.rowOf(step, owner, streamId, names));
    }
    if (rows.length > 0) await tx.query(INSERT, [JSON.stringify(rows)]);
  }

  private caseTypeOf(type: string, history: RecordedEvent[]): TrailCaseType | null {
    try {
      const definition = this.registry.get(type);
      return {
        machine: this.registry.machineFor(definition, history[0]?.metadata.machine?.version),
        actions: definition.actions,
      };
    } catch {
      return null; // a case type this process does not run: rows without state labels, never a stuck projector
    }
  }

  private rowOf(
    step: TrailStep,
    owner: CaseRow,
    streamId: string,
    names: Map<string, string>,
  ): Record<string, unknown> {
    return {
      event_id: step.eventId,
      global_position: step.globalPosition,
      case_id: owner.id,
      case_type: owner.type,
      stream_id: streamId,
      stream_version: step.streamVersion,
      event_type: step.eventType,
      action: step.action,
      action_label_zh: step.actionLabel.zh,
      action_label_en: step.actionLabel.en,
      state_before_zh: step.stateBefore?.label.zh ?? null,
      state_before_en: step.stateBefore?.label.en ?? null,
      state_after_zh: step.stateAfter?.label.zh ?? null,
      state_after_en: step.stateAfter?.label.en ?? null,
      outcome: step.outcome,
      actor_id: step.actor.id,
      actor_name: names.get(step.actor.id) ?? null,
      actor_role: step.actor.role,
      actor_authority: step.actor.authorityCode,
      authority_code: owner.authority_code,
      authority_path: owner.authority_path,
      subject_code: owner.subject_code,
      subject_name: owner.subject_name,
      title: owner.title,
      rule_set: step.ruleSet,
      reasons: joinReasons(step),
      opinion: step.opinion,
      legal_basis: step.legalBasis,
      correlation_id: step.correlationId,
      event_hash: step.chain.hash,
      recorded_at: step.recordedAt,
    };
  }
}
