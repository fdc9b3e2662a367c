import { appendFile } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
import { Subscription, type RecordedEvent } from '@credence/event-store';
import { Clock, Database, Env, uuidv7, type Sql } from '@credence/shared';
import { checkpointView, latestCheckpoint, type Checkpoint } from './checkpoints';
import { leafHash, type MerkleFrontier } from './merkle';
import { isStoredLevel, loadFrontier } from './merkle-store';
import { checkpointNoteText, SigningKey } from './signing';

/** The subscription the sealer reads events through (its checkpoint row is named so). */
export const SEALER_SUBSCRIPTION = 'audit-ledger-sealer';
/** Advisory lock serialising every write to the ledger, whichever process and path makes it. */
const SEALER_LOCK = 7_361_000_001;
/** Subscription batch: one INSERT of this many leaves per transaction. */
const BATCH_SIZE = 2000;

/**
 * Seals events into the Merkle ledger in subscription order — (transaction_id, global_position) below the xmin
 * horizon, so an event that commits late is never skipped — and signs checkpoints of the tree.
 *
 * Each batch runs in the subscription's transaction: leaves, interior nodes, the checkpoint when due and the
 * subscription's own checkpoint commit together. The frontier of the tree stays in memory, so a checkpoint costs
 * O(log n) hashes; under the advisory lock the sealer compares it with the ledger's size and reloads it when
 * another process sealed in between (or a transaction of its own rolled back).
 */
@Injectable()
export class LedgerSealer {
  private readonly logger = new Logger(LedgerSealer.name);
  private readonly subscription: Subscription;
  private frontier: MerkleFrontier | null = null;
  /** Checkpoints written in the current transaction, for the anchor file once it commits. */
  private pendingAnchors: Checkpoint[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly key: SigningKey,
  ) {
    this.subscription = new Subscription(db, SEALER_SUBSCRIPTION, (events, tx) => this.seal(events, tx), {
      batchSize: BATCH_SIZE,
    });
  }

  /** One batch of events (at most BATCH_SIZE), then a checkpoint if one is due by time. Returns events sealed. */
  async sealOnce(): Promise<number> {
    const sealed = await this.run(() => this.subscription.pollOnce());
    await this.run(() => this.checkpointIfDue(false));
    return sealed;
  }

  /**
   * Seals what the subscription can see and, with `checkpoint`, signs a checkpoint of the result if the last one
   * does not cover it already. Returns the events sealed and the latest checkpoint.
   *
   * With `waitMs`, keeps going until every committed event is sealed: a transaction still open anywhere in the
   * cluster holds the xmin horizon back, and events committed after it started stay invisible to the
   * subscription until it ends (tests and tools that need "everything so far" use this).
   */
  async sealAll(
    options: { checkpoint?: boolean; waitMs?: number } = {},
  ): Promise<{ sealed: number; checkpoint: Checkpoint | null }> {
    const deadline = Date.now() + (options.waitMs ?? 0);
    let sealed = 0;
    const poll = () => this.run(() => this.subscription.pollOnce());
    for (;;) {
      for (let n = await poll(); n > 0; n = await poll()) sealed += n;
      if (Date.now() >= deadline || !(await this.eventsBehind())) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await this.run(() => this.checkpointIfDue(options.checkpoint ?? false));
    return { sealed, checkpoint: await latestCheckpoint(this.db) };
  }

  /** Committed events after the sealer's position (a range scan of the subscription-order index). */
  private async eventsBehind(): Promise<boolean> {
    const { rows } = await this.db.query<{ behind: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM events e, subscription_checkpoints s
                       WHERE s.name = $1
                         AND (e.transaction_id, e.global_position) > (s.transaction_id, s.global_position)) AS behind`,
      [SEALER_SUBSCRIPTION],
    );
    return rows[0].behind;
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    this.pendingAnchors = [];
    try {
      const result = await work();
      await this.anchor(this.pendingAnchors);
      return result;
    } catch (error) {
      this.frontier = null; // the in-memory tree may be ahead of what committed
      throw error;
    } finally {
      this.pendingAnchors = [];
    }
  }

  private async seal(events: RecordedEvent[], tx: Sql): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [SEALER_LOCK]);
    const frontier = await this.syncedFrontier(tx);
    const first = frontier.size;
    const leaves: Buffer[] = [];
    const nodes: { level: number; index: number; hash: Buffer }[] = [];
    for (const event of events) {
      const leaf = leafHash(event.hash);
      leaves.push(leaf);
      frontier.append(leaf, (s, hash) => {
        if (isStoredLevel(s.level)) nodes.push({ ...s, hash });
      });
    }
    await tx.query(
      `INSERT INTO audit_ledger (ledger_index, global_position, stream_id, stream_version, event_hash, leaf_hash,
                                 sealed_at)
       SELECT i, p, s, v, e, l, $7
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::bytea[], $6::bytea[]) AS t(i, p, s, v, e, l)`,
      [
        events.map((_, i) => first + i),
        events.map((e) => e.globalPosition),
        events.map((e) => e.streamId),
        events.map((e) => e.streamVersion),
        events.map((e) => e.hash),
        leaves,
        this.clock.now(),
      ],
    );
    if (nodes.length > 0) {
      await tx.query(
        `INSERT INTO audit_merkle_nodes (level, node_index, hash)
         SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
        [nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => n.hash)],
      );
    }
    const last = await latestCheckpoint(tx);
    if (frontier.size - (last?.treeSize ?? 0) >= this.env.AUDIT_CHECKPOINT_EVERY_EVENTS)
      await this.writeCheckpoint(tx, frontier, last);
  }

  /** A checkpoint when the tree grew since the last one and either `force` or AUDIT_CHECKPOINT_EVERY_SECONDS passed. */
  private checkpointIfDue(force: boolean): Promise<Checkpoint | null> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        SEALER_LOCK,
      ]);
      if (!rows[0].locked) return null; // another process is sealing; it will checkpoint
      const frontier = await this.syncedFrontier(tx);
      const last = await latestCheckpoint(tx);
      if (frontier.size === 0 || frontier.size === last?.treeSize) return null;
      if (!force) {
        const since = last?.sealedAt ?? (await this.firstSealedAt(tx));
        if (this.clock.now().getTime() - since.getTime() < this.env.AUDIT_CHECKPOINT_EVERY_SECONDS * 1000)
          return null;
      }
      return this.writeCheckpoint(tx, frontier, last);
    });
  }

  private async writeCheckpoint(
    tx: Sql,
    frontier: MerkleFrontier,
    previous: Checkpoint | null,
  ): Promise<Checkpoint> {
    const unsigned = {
      treeSize: frontier.size,
      rootHash: frontier.root(),
      sealedAt: this.clock.now(),
      origin: this.env.AUDIT_LOG_ORIGIN,
    };
    const checkpoint: Checkpoint = {
      ...unsigned,
      keyId: this.key.keyId,
      algorithm: this.key.algorithm,
      signature: this.key.sign(checkpointNoteText(unsigned)),
      previousTreeSize: previous?.treeSize ?? null,
    };
    await tx.query(
      `INSERT INTO audit_checkpoints (tree_size, root_hash, sealed_at, origin, key_id, algorithm, signature,
                                      previous_tree_size)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        checkpoint.treeSize,
        checkpoint.rootHash,
        checkpoint.sealedAt,
        checkpoint.origin,
        checkpoint.keyId,
        checkpoint.algorithm,
        checkpoint.signature,
        checkpoint.previousTreeSize,
      ],
    );
    if (this.env.AUDIT_CHECKPOINT_OUTBOX) {
      const id = uuidv7();
      await tx.query(
        `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at, platform_code)
         VALUES ($1, NULL, NULL, 'audit.checkpoint', $2, $3, 'audit-anchor')`,
        [id, JSON.stringify(checkpointView(checkpoint)), checkpoint.sealedAt],
      );
    }
    this.pendingAnchors.push(checkpoint);
    return checkpoint;
  }

  /** The in-memory frontier, reloaded when the ledger's size says it is stale. Call under the sealer lock. */
  private async syncedFrontier(tx: Sql): Promise<MerkleFrontier> {
    const { rows } = await tx.query<{ size: string }>(
      `SELECT coalesce(max(ledger_index) + 1, 0) AS size FROM audit_ledger`,
    );
    const size = Number(rows[0].size);
    if (this.frontier?.size !== size) this.frontier = await loadFrontier(tx, size);
    return this.frontier;
  }

  private async firstSealedAt(tx: Sql): Promise<Date> {
    const { rows } = await tx.query<{ sealed_at: Date }>(
      `SELECT sealed_at FROM audit_ledger WHERE ledger_index = 0`,
    );
    return rows[0]?.sealed_at ?? this.clock.now();
  }

  /** After commit: one JSON line per checkpoint, for copying somewhere the database's administrators cannot write. */
  private async anchor(checkpoints: Checkpoint[]): Promise<void> {
    if (this.env.AUDIT_CHECKPOINT_FILE === '' || checkpoints.length === 0) return;
    const lines = checkpoints.map((c) => `${JSON.stringify(checkpointView(c))}\n`).join('');
    try {
      await appendFile(this.env.AUDIT_CHECKPOINT_FILE, lines, 'utf8');
    } catch (error) {
      // The checkpoint is committed and signed; a missed line is visible as a gap in the file's tree sizes.
      this.logger.error(
        { err: error, file: this.env.AUDIT_CHECKPOINT_FILE },
        'could not append the checkpoint file',
      );
    }
  }
}
