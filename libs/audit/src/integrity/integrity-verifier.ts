import { verify as verifyChains, verifyParallel, type VerifyReport } from '@credence/event-store';
import type { Sql } from '@credence/shared';
import { allCheckpoints, checkpointAt, latestCheckpoint, type Checkpoint } from './checkpoints';
import { leafHash, MerkleFrontier, verifyConsistency, verifyInclusion } from './merkle';
import { consistencyPath, inclusionPath } from './proofs';
import { SEALER_SUBSCRIPTION } from './ledger-sealer';
import { checkpointNoteText, verifySignature } from './signing';
import { publishedKeys, trustedKeys } from './signing-keys';
import { checkChainsSealedSince, type VerifiedPoint } from './sealed-since';
import type {
  IntegrityFailure,
  IntegrityOptions,
  IntegrityProgress,
  IntegrityReport,
} from './integrity-report';

export * from './integrity-report';

const MAX_REPORTED = 1000;

interface LedgerCheckRow {
  ledger_index: string;
  stream_id: string;
  stream_version: number;
  event_hash: Buffer;
  leaf_hash: Buffer;
  global_position: string | null;
  current_hash: Buffer | null;
}

/**
 * Everything `credence audit verify` checks: every stream's hash chain; every ledger leaf against its event
 * (catches what chains cannot: a removed stream, a cut tail, a re-hashed edit, swapped events) and the ledger's
 * gaplessness; events the sealer passed but never sealed; every checkpoint's signature, its root against the root
 * recomputed from the ledger, and consistency with the checkpoint before it.
 */
export class IntegrityVerifier {
  private failures: IntegrityFailure[] = [];
  private found = 0;
  private readonly perCheck = new Map<string, number>();

  constructor(
    private readonly sql: Sql,
    private readonly options: IntegrityOptions,
  ) {}

  async run(): Promise<IntegrityReport> {
    const { streamId, since } = this.options;
    if (since && streamId !== undefined)
      throw new RangeError('an incremental verification covers the whole ledger, not one stream');
    const pageSize = this.options.pageSize ?? 5000;
    const total = await this.totalWork();
    let chainsDone = 0;
    let ledgerDone = 0;
    const progress = async (phase: IntegrityProgress['phase']) =>
      this.options.onProgress?.({ phase, checked: chainsDone + ledgerDone, total, failures: this.found });
    const start = since ? await this.startingPoint(since) : null;

    // The chain pass (worker threads or this one) and the ledger pass (this thread) read side by side.
    const [chains, ledger] = await Promise.all([
      this.chainPass(pageSize, start, (n) => {
        chainsDone = n;
        void progress('chains');
      }),
      streamId === undefined
        ? this.checkWholeLedger(pageSize, start, (n) => {
            ledgerDone = n;
            return progress('ledger');
          })
        : this.checkStreamLedger(streamId),
    ]);
    for (const f of chains.failures) this.fail({ check: 'chain', ...f });
    chainsDone = chains.eventsChecked;
    ledgerDone = ledger.leavesChecked;
    if (streamId === undefined) await this.checkUnsealed(start?.frontier.size ?? 0);
    await progress('checkpoints');
    const checkpoints = await this.checkCheckpoints(ledger.roots, ledger.size, start?.checkpoint ?? null);
    ledgerDone += checkpoints.checked;
    await progress('done');
    // Both passes ran at once; the report lists chains, then the ledger, then checkpoints, as a reader expects.
    this.failures.sort((a, b) => CHECK_ORDER[a.check] - CHECK_ORDER[b.check]);
    const ok = this.found === 0;
    return {
      ok,
      streamId: streamId ?? null,
      chains: { streamsChecked: chains.streamsChecked, eventsChecked: chains.eventsChecked },
      ledger: { leavesChecked: ledger.leavesChecked, size: ledger.size },
      checkpoints,
      failuresFound: this.found,
      failures: this.failures,
      since: since?.treeSize ?? null,
      verifiedPoint: ok ? (ledger.point ?? null) : null,
    };
  }

  private chainPass(
    pageSize: number,
    start: StartingPoint | null,
    onProgress: (eventsChecked: number) => void,
  ): Promise<VerifyReport> {
    const { streamId, connection, threads } = this.options;
    if (start) return checkChainsSealedSince(this.sql, start.frontier.size, pageSize, onProgress);
    const report = (p: { eventsChecked: number }) => onProgress(p.eventsChecked);
    if (connection !== undefined && streamId === undefined)
      return verifyParallel(this.sql, { connection, threads, onProgress: report });
    return verifyChains(this.sql, { streamId, batchSize: pageSize, onProgress: report });
  }

  /**
   * The point an incremental run continues from must still be what the clean run saw: its checkpoint is in the
   * database with the same root, and the remembered frontier folds to that root (so the new leaves extend the tree
   * that was verified, not a substitute).
   */
  private async startingPoint(point: VerifiedPoint): Promise<StartingPoint> {
    const frontier = new MerkleFrontier(
      point.treeSize,
      point.frontier.map((h) => Buffer.from(h, 'hex')),
    );
    if (frontier.root().toString('hex') !== point.rootHash)
      throw new RangeError('the verified point is not self-consistent (its frontier does not give its root)');
    const checkpoint = await checkpointAt(this.sql, point.treeSize);
    if (!checkpoint || checkpoint.rootHash.toString('hex') !== point.rootHash)
      this.fail({
        check: 'checkpoint',
        problem: 'root-mismatch',
        treeSize: point.treeSize,
        expected: point.rootHash,
        actual: checkpoint?.rootHash.toString('hex'),
      });
    return { frontier, checkpoint };
  }

  private fail(failure: IntegrityFailure): void {
    this.found++;
    const n = this.perCheck.get(failure.check) ?? 0;
    this.perCheck.set(failure.check, n + 1);
    if (n < MAX_REPORTED) this.failures.push(failure);
  }

  private async totalWork(): Promise<number> {
    const since = this.options.since;
    if (since) {
      const { rows } = await this.sql.query<{ leaves: string; checkpoints: string }>(
        `SELECT (SELECT count(*) FROM audit_ledger WHERE ledger_index >= $1) AS leaves,
                (SELECT count(*) FROM audit_checkpoints WHERE tree_size > $1) AS checkpoints`,
        [since.treeSize],
      );
      return 2 * Number(rows[0].leaves) + Number(rows[0].checkpoints);
    }
    const { rows } = await this.sql.query<{ events: string; leaves: string; checkpoints: string }>(
      `SELECT (SELECT count(*) FROM events WHERE $1::text IS NULL OR stream_id = $1) AS events,
              (SELECT count(*) FROM audit_ledger WHERE $1::text IS NULL OR stream_id = $1) AS leaves,
              (SELECT count(*) FROM audit_checkpoints) AS checkpoints`,
      [this.options.streamId ?? null],
    );
    return Number(rows[0].events) + Number(rows[0].leaves) + Number(rows[0].checkpoints);
  }

  /**
   * Streams the ledger in index order against the events (from the starting point's size when incremental);
   * recomputes the root at every checkpoint's size and keeps the frontier at the latest one.
   */
  private async checkWholeLedger(
    pageSize: number,
    start: StartingPoint | null,
    onPage: (checked: number) => Promise<void>,
  ) {
    const from = start?.frontier.size ?? 0;
    const sizes = new Set<number>();
    let latest = from;
    for await (const c of allCheckpoints(this.sql, 1000, from)) {
      sizes.add(c.treeSize);
      latest = c.treeSize;
    }
    const roots = new Map<number, Buffer>();
    const frontier = start
      ? new MerkleFrontier(start.frontier.size, start.frontier.subtrees)
      : new MerkleFrontier();
    let point: VerifiedPoint | null = start ? pointOf(frontier) : null;
    let expected = from;
    let checked = 0;
    for (;;) {
      const { rows } = await this.sql.query<LedgerCheckRow>(
        `SELECT l.ledger_index, l.stream_id, l.stream_version, l.event_hash, l.leaf_hash,
                e.global_position, e.hash AS current_hash
           FROM audit_ledger l LEFT JOIN events e USING (stream_id, stream_version)
          WHERE l.ledger_index >= $1 ORDER BY l.ledger_index LIMIT $2`,
        [expected, pageSize],
      );
      for (const row of rows) {
        const index = Number(row.ledger_index);
        if (index !== expected) {
          this.fail({
            check: 'ledger',
            problem: 'ledger-gap',
            ledgerIndex: expected,
            expected: String(expected),
            actual: String(index),
          });
          // Later roots cannot match the checkpoints anyway; keep checking the leaves against their events.
          expected = index;
        }
        this.checkLeaf(row, index);
        frontier.append(row.leaf_hash);
        if (sizes.has(frontier.size)) roots.set(frontier.size, frontier.root());
        if (frontier.size === latest) point = pointOf(frontier);
        expected++;
        checked++;
      }
      await onPage(checked);
      if (rows.length < pageSize) break;
    }
    return { leavesChecked: checked, size: expected, roots, point };
  }

  private checkLeaf(row: LedgerCheckRow, ledgerIndex: number): void {
    const at = { streamId: row.stream_id, streamVersion: row.stream_version, ledgerIndex };
    if (!leafHash(row.event_hash).equals(row.leaf_hash))
      this.fail({
        check: 'ledger',
        problem: 'leaf-mismatch',
        ...at,
        expected: leafHash(row.event_hash).toString('hex'),
        actual: row.leaf_hash.toString('hex'),
      });
    if (row.current_hash === null)
      this.fail({
        check: 'ledger',
        problem: 'event-missing',
        ...at,
        expected: row.event_hash.toString('hex'),
      });
    else if (!row.current_hash.equals(row.event_hash))
      this.fail({
        check: 'ledger',
        problem: 'event-changed',
        ...at,
        globalPosition: Number(row.global_position),
        expected: row.event_hash.toString('hex'),
        actual: row.current_hash.toString('hex'),
      });
  }

  /** One stream: its leaves against its events, and each leaf's inclusion in the latest checkpoint. */
  private async checkStreamLedger(streamId: string) {
    const { rows } = await this.sql.query<LedgerCheckRow>(
      `SELECT l.ledger_index, l.stream_id, l.stream_version, l.event_hash, l.leaf_hash,
              e.global_position, e.hash AS current_hash
         FROM audit_ledger l LEFT JOIN events e USING (stream_id, stream_version)
        WHERE l.stream_id = $1 ORDER BY l.ledger_index`,
      [streamId],
    );
    const latest = await latestCheckpoint(this.sql);
    for (const row of rows) {
      const index = Number(row.ledger_index);
      this.checkLeaf(row, index);
      if (latest && index < latest.treeSize) {
        const path = await inclusionPath(this.sql, index, latest.treeSize).catch(() => null);
        if (
          !path ||
          !verifyInclusion(index, latest.treeSize, leafHash(row.event_hash), path, latest.rootHash)
        )
          this.fail({
            check: 'ledger',
            problem: 'inclusion-failed',
            streamId,
            streamVersion: row.stream_version,
            ledgerIndex: index,
            treeSize: latest.treeSize,
          });
      }
    }
    const { rows: size } = await this.sql.query<{ n: string }>(
      `SELECT coalesce(max(ledger_index) + 1, 0) AS n FROM audit_ledger`,
    );
    return { leavesChecked: rows.length, size: Number(size[0].n), roots: null, point: null };
  }

  /**
   * Events the sealer has passed that have no leaf. An incremental run looks only after the event of the last leaf
   * before its starting point (the sealer goes in subscription order, so nothing before it is newly unsealed).
   */
  private async checkUnsealed(fromIndex: number): Promise<void> {
    // The event of the last leaf before the starting point bounds the search from below (an index range on
    // events_subscription_order); a full run, or a bound whose event is gone, searches from the start.
    const { rows: bound } =
      fromIndex > 0
        ? await this.sql.query<{ transaction_id: string; global_position: string }>(
            `SELECT e.transaction_id::text, e.global_position FROM audit_ledger l
               JOIN events e USING (stream_id, stream_version) WHERE l.ledger_index = $1`,
            [fromIndex - 1],
          )
        : { rows: [] };
    const after = bound[0] ? `AND (e.transaction_id, e.global_position) > ($3::xid8, $4::bigint)` : '';
    const { rows } = await this.sql.query<{
      stream_id: string;
      stream_version: number;
      global_position: string;
    }>(
      `SELECT e.stream_id, e.stream_version, e.global_position
         FROM events e, subscription_checkpoints s
        WHERE s.name = $1
          AND (e.transaction_id, e.global_position) <= (s.transaction_id, s.global_position) ${after}
          AND NOT EXISTS (SELECT 1 FROM audit_ledger l
                           WHERE l.stream_id = e.stream_id AND l.stream_version = e.stream_version)
        ORDER BY e.global_position LIMIT $2`,
      [
        SEALER_SUBSCRIPTION,
        MAX_REPORTED,
        ...(bound[0] ? [bound[0].transaction_id, bound[0].global_position] : []),
      ],
    );
    for (const r of rows)
      this.fail({
        check: 'ledger',
        problem: 'unsealed-event',
        streamId: r.stream_id,
        streamVersion: r.stream_version,
        globalPosition: Number(r.global_position),
      });
  }

  /**
   * Signatures by trusted keys; roots against the recomputed ones (whole-ledger runs); the chain of
   * previous_tree_size; consistency proofs between neighbours, from the stored nodes.
   */
  private async checkCheckpoints(
    roots: Map<number, Buffer> | null,
    ledgerSize: number,
    verified: Checkpoint | null,
  ) {
    const anchor = this.options.trustAnchor;
    const trusted = trustedKeys(
      { keyId: anchor.keyId, algorithm: anchor.algorithm, publicKey: anchor.publicKeyPem },
      await publishedKeys(this.sql),
    );
    // An incremental run starts after the verified checkpoint: the next must name it and be consistent with it.
    let previous: Checkpoint | null = verified;
    let checked = 0;
    for await (const c of allCheckpoints(this.sql, 1000, verified?.treeSize ?? 0)) {
      checked++;
      const at = { check: 'checkpoint' as const, treeSize: c.treeSize };
      const key = trusted.get(c.keyId);
      if (!key || key.algorithm !== c.algorithm)
        this.fail({ ...at, problem: 'untrusted-key', actual: c.keyId });
      else if (!verifySignature(c.algorithm, key.publicKey, checkpointNoteText(c), c.signature))
        this.fail({ ...at, problem: 'bad-signature', actual: c.keyId });
      if (c.treeSize > ledgerSize)
        this.fail({
          ...at,
          problem: 'checkpoint-beyond-ledger',
          expected: `≤ ${ledgerSize}`,
          actual: String(c.treeSize),
        });
      else if (roots) {
        const root = roots.get(c.treeSize);
        if (!root || !root.equals(c.rootHash))
          this.fail({
            ...at,
            problem: 'root-mismatch',
            expected: root?.toString('hex'),
            actual: c.rootHash.toString('hex'),
          });
      }
      if (c.previousTreeSize !== (previous?.treeSize ?? null) || (previous && c.sealedAt < previous.sealedAt))
        this.fail({
          ...at,
          problem: 'checkpoint-chain-broken',
          expected: String(previous?.treeSize ?? null),
          actual: String(c.previousTreeSize),
        });
      if (previous && c.treeSize <= ledgerSize) {
        const proof = await consistencyPath(this.sql, previous.treeSize, c.treeSize).catch(() => null);
        if (!proof || !verifyConsistency(previous.treeSize, c.treeSize, previous.rootHash, c.rootHash, proof))
          this.fail({
            ...at,
            problem: 'inconsistent-checkpoints',
            expected: `consistent with ${previous.treeSize}`,
          });
      }
      previous = c;
    }
    return { checked, latestTreeSize: previous?.treeSize ?? null, trustedKeyIds: [...trusted.keys()] };
  }
}

interface StartingPoint {
  frontier: MerkleFrontier;
  /** The verified checkpoint as stored now (null when it is gone: reported as a root mismatch). */
  checkpoint: Checkpoint | null;
}

const CHECK_ORDER: Record<IntegrityFailure['check'], number> = { chain: 0, ledger: 1, checkpoint: 2 };

function pointOf(frontier: MerkleFrontier): VerifiedPoint {
  return {
    treeSize: frontier.size,
    rootHash: frontier.root().toString('hex'),
    frontier: frontier.subtrees.map((h) => h.toString('hex')),
  };
}
