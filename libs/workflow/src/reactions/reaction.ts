import type { Sql } from '@credence/shared';
import type { CaseCommand } from '../case-command';
import type { CatalogueEvent, RecordedEventOf } from '../event-catalogue';

/**
 * A consequence one case's event has on other cases (an approved repair repairs the record, an accepted objection
 * marks it). Declared by the workflow that causes it, run by the one ReactionRunner from the event store.
 */
export interface Reaction<TEvent extends CatalogueEvent = CatalogueEvent> {
  /** Stable name: the subscription checkpoint is kept under it, so renaming it replays history. */
  name: string;
  /** The stream types (case types) whose events it reads. */
  streamTypes: string[];
  /**
   * The event types it reacts to, from the catalogues of those streams (`Reaction<EventOf<RepairEvent, …>>`): the
   * runner hands `react` only these, so it receives the event narrowed to them.
   */
  readonly eventTypes: readonly TEvent['type'][];
  /**
   * The commands the event causes, decided from the event and what `tx` reads. Each runs as the system, caused by
   * the event (causationId) and in its correlation. Plain writes that are not case events (outbox rows) go through
   * `tx` here: they commit with the commands and the checkpoint, or not at all.
   */
  react(event: RecordedEventOf<TEvent>, tx: Sql): Promise<ReactionCommand[]>;
}

/** A command a reaction issues; actor and origin are filled in by the runner. */
export type ReactionCommand = Omit<CaseCommand, 'actor' | 'origin'>;
