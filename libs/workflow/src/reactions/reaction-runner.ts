import { Injectable, Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Database, DomainError, metricsRegistry, type Sql } from '@credence/shared';
import {
  SELECT_COLUMNS,
  StreamVersionConflictError,
  Subscription,
  toRecordedEvent,
  type EventRow,
  type RecordedEvent,
} from '@credence/event-store';
import { CaseEngine } from '../case-engine';
import { SYSTEM_ACTOR } from '../case-event';
import type { Reaction, ReactionCommand } from './reaction';

export const REACTION_BATCH = 200;

export interface ReactionRefusal {
  reaction: string;
  causeEventId: string;
  caseType: string;
  caseId: string;
  eventType: string;
  code: string;
  message: string;
  refusedAt: Date;
}

const reactions = new Counter({
  name: 'credence_reactions_total',
  help: 'Commands issued by reactions, by reaction and outcome',
  labelNames: ['reaction', 'outcome'] as const,
  registers: [metricsRegistry],
});

/**
 * Runs every registered reaction as a checkpointed subscription: a batch's commands, their writes and the
 * checkpoint commit in one transaction, so each effect happens once, in event order, even across restarts and
 * with several workers (the checkpoint row is taken with SKIP LOCKED).
 *
 * A command the target case refuses (the record expired meanwhile, it was already repaired by an admin) is a
 * business fact, not a failure: it is rolled back to its savepoint, kept in `reaction_refusals` with its cause (see
 * `refusalsCausedBy`), logged and counted, and the batch goes on.
 * Anything else (a concurrent write to the target, the database down) fails the batch, which is retried from the
 * same checkpoint.
 */
@Injectable()
export class ReactionRunner {
  private readonly logger = new Logger(ReactionRunner.name);
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly reactions = new Map<string, Reaction>();

  constructor(
    private readonly db: Database,
    private readonly engine: CaseEngine,
  ) {}

  register(reaction: Reaction): void {
    this.reactions.set(reaction.name, reaction);
    const wanted = new Set<string>(reaction.eventTypes);
    this.subscriptions.set(
      reaction.name,
      new Subscription(
        this.db,
        `reaction:${reaction.name}`,
        async (events, tx) => {
          // Only the declared types reach `react`: a reaction reads them as its catalogue types them.
          for (const event of events) if (wanted.has(event.type)) await this.run(reaction, event, tx);
        },
        { batchSize: REACTION_BATCH, streamTypes: reaction.streamTypes },
      ),
    );
  }

  /** One batch of every reaction; true when some reaction had a full batch (more is waiting). */
  async pollOnce(): Promise<boolean> {
    let more = false;
    for (const subscription of this.subscriptions.values())
      more = (await subscription.pollOnce()) >= REACTION_BATCH || more;
    return more;
  }

  /**
   * Runs every reaction until nothing is left, repeating while reactions cause reactions. An event committed while
   * an older transaction is still open waits below the horizon (see Subscription); drain waits for it (up to
   * `waitMs`) rather than stop early. For tests and the CLI; the worker polls instead.
   */
  async drain(waitMs = 30_000): Promise<number> {
    const deadline = Date.now() + waitMs;
    let total = 0;
    for (;;) {
      let handled = 0;
      for (const subscription of this.subscriptions.values()) handled += await subscription.drain();
      total += handled;
      if (handled > 0) continue;
      const pending = await Promise.all([...this.subscriptions.values()].map((s) => s.hasPending()));
      if (!pending.includes(true) || Date.now() > deadline) return total;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The reactions a case's decisions caused that their targets refused, for the case's view. */
  async refusalsCausedBy(streamId: string): Promise<ReactionRefusal[]> {
    const { rows } = await this.db.query<ReactionRefusal>(
      `SELECT reaction, cause_event_id AS "causeEventId", case_type AS "caseType", case_id AS "caseId",
              event_type AS "eventType", code, message, refused_at AS "refusedAt"
         FROM reaction_refusals WHERE cause_stream_id = $1 ORDER BY id`,
      [streamId],
    );
    return rows;
  }

  /**
   * Carries out once more a command its target refused (an operator retrying the incident, after what stood in the
   * way was put right): the reaction decides afresh from its cause, and only the refused command — same target case
   * and event type — runs, in `tx`, as the system caused by the same event. Refused again, the answer says why and
   * nothing changes; `gone` when the reaction no longer runs here or no longer issues that command.
   */
  async retryRefused(
    refusal: Pick<ReactionRefusal, 'reaction' | 'causeEventId' | 'caseId' | 'eventType'>,
    tx: Sql,
  ): Promise<{ outcome: 'recorded' } | { outcome: 'refused' | 'gone'; code: string; message: string }> {
    const reaction = this.reactions.get(refusal.reaction);
    const { rows } = await tx.query<EventRow>(`SELECT ${SELECT_COLUMNS} FROM events WHERE event_id = $1`, [
      refusal.causeEventId,
    ]);
    const gone = { outcome: 'gone' as const, code: 'REACTION.GONE', message: 'nothing left to carry out' };
    if (!reaction || rows.length === 0) return gone;
    const cause = toRecordedEvent(rows[0]);
    const command = (await reaction.react(cause, tx)).find(
      (c) => c.caseId === refusal.caseId && c.eventType === refusal.eventType,
    );
    if (!command) return gone;
    try {
      await this.engine.execute(
        {
          ...command,
          actor: SYSTEM_ACTOR,
          origin: { correlationId: cause.metadata.correlationId, causationId: cause.eventId },
        },
        tx,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error instanceof StreamVersionConflictError) throw error;
      return { outcome: 'refused', code: error.code, message: error.message };
    }
    reactions.inc({ reaction: reaction.name, outcome: 'recorded' });
    return { outcome: 'recorded' };
  }

  private async run(reaction: Reaction, event: RecordedEvent, tx: Sql): Promise<void> {
    const commands = await reaction.react(event, tx);
    for (const command of commands) await this.execute(reaction, event, command, tx);
  }

  private async execute(reaction: Reaction, cause: RecordedEvent, command: ReactionCommand, tx: Sql) {
    await tx.query('SAVEPOINT reaction');
    try {
      await this.engine.execute(
        {
          ...command,
          actor: SYSTEM_ACTOR,
          origin: { correlationId: cause.metadata.correlationId, causationId: cause.eventId },
        },
        tx,
      );
      await tx.query('RELEASE SAVEPOINT reaction');
      reactions.inc({ reaction: reaction.name, outcome: 'recorded' });
    } catch (error) {
      // A lost race with another writer of the target case is retried with the batch, never dropped.
      if (!(error instanceof DomainError) || error instanceof StreamVersionConflictError) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT reaction');
      await tx.query(
        `INSERT INTO reaction_refusals (reaction, cause_event_id, cause_stream_id, case_type, case_id, event_type, code,
                                        message, refused_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT DO NOTHING`,
        [
          reaction.name,
          cause.eventId,
          cause.streamId,
          command.caseType,
          command.caseId,
          command.eventType,
          error.code,
          error.message,
        ],
      );
      reactions.inc({ reaction: reaction.name, outcome: 'refused' });
      this.logger.warn(
        { reaction: reaction.name, cause: cause.eventId, command: command.eventType, code: error.code },
        'a reaction was refused by the case it targets; nothing was changed',
      );
    }
  }
}
