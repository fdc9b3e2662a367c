import type { Sql } from '@credence/shared';
import type { IdempotencyClaim } from './idempotency-claim';

/** What a command under a key committed: its stream, the version after it and its decision time. */
export interface CommittedCommand {
  streamId: string;
  version: number;
  at: Date;
}

/** One row of `idempotency_keys`, as a retry or the operator sees it. */
export interface IdempotencyKeyRow {
  scope: string;
  key: string;
  method: string;
  path: string;
  requestHash: Buffer;
  state: 'pending' | 'done';
  statusCode: number | null;
  responseBody: unknown;
  headers: Record<string, string> | null;
  /** The owner's token; null for a key claimed before claims had tokens. */
  claim: string | null;
  /** Pending and its owner has not renewed the lease in time: a crash, a kill, a lost connection. */
  ownerGone: boolean;
  committed: CommittedCommand | null;
  createdAt: Date;
}

interface Row {
  scope: string;
  key: string;
  method: string;
  path: string;
  request_hash: Buffer;
  state: 'pending' | 'done';
  status_code: number | null;
  response_body: unknown;
  headers: Record<string, string> | null;
  claim: string | null;
  owner_gone: boolean;
  committed_stream: string | null;
  committed_version: number | null;
  committed_at: Date | null;
  created_at: Date;
}

// A key claimed before leases existed has none: its lease is counted from its claim.
// `$lease` is the placeholder of the lease in milliseconds.
const ownerGone = (lease: string) =>
  `(state = 'pending' AND COALESCE(lease_until, created_at + ${lease}::int * interval '1 millisecond') < now())`;
const OWNER_GONE = ownerGone('$3');
const columns = (lease: string) => `scope, key, method, path, request_hash, state, status_code, response_body,
  headers, claim, ${ownerGone(lease)} AS owner_gone, committed_stream, committed_version, committed_at, created_at`;

function toKeyRow(row: Row): IdempotencyKeyRow {
  return {
    scope: row.scope,
    key: row.key,
    method: row.method,
    path: row.path,
    requestHash: row.request_hash,
    state: row.state,
    statusCode: row.status_code,
    responseBody: row.response_body,
    headers: row.headers,
    claim: row.claim,
    ownerGone: row.owner_gone,
    committed:
      row.committed_stream !== null
        ? { streamId: row.committed_stream, version: row.committed_version!, at: row.committed_at! }
        : null,
    createdAt: row.created_at,
  };
}

/**
 * The Idempotency-Key table (ADR 0006). A request claims `(scope, key)` with a fresh token and a lease it renews
 * while it runs; appends under the claim mark it committed in their own statement (EventStore). A retry that finds
 * the owner gone either rebuilds the answer of the committed command or takes the key over — never both, never
 * while the owner's append may still commit (the append locks the row; the takeover requires it uncommitted).
 */
export class IdempotencyKeys {
  constructor(
    private readonly sql: Sql,
    /** How long a claim stays the owner's without renewal. */
    readonly leaseMs: number,
  ) {}

  /** True when the key was free and is now this claim's. */
  async claim(
    claim: IdempotencyClaim,
    request: { method: string; path: string; hash: Buffer },
  ): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, state, claim, lease_until)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, now() + $7::int * interval '1 millisecond')
       ON CONFLICT DO NOTHING`,
      [claim.scope, claim.key, request.method, request.path, request.hash, claim.token, this.leaseMs],
    );
    return rowCount === 1;
  }

  /** The owner is alive: push its lease out again. */
  async renew(claim: IdempotencyClaim): Promise<void> {
    await this.sql.query(
      `UPDATE idempotency_keys SET lease_until = now() + $4::int * interval '1 millisecond'
        WHERE scope = $1 AND key = $2 AND claim = $3 AND state = 'pending'`,
      [claim.scope, claim.key, claim.token, this.leaseMs],
    );
  }

  async find(scope: string, key: string): Promise<IdempotencyKeyRow | null> {
    const { rows } = await this.sql.query<Row>(
      `SELECT ${columns('$3')} FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key, this.leaseMs],
    );
    return rows[0] ? toKeyRow(rows[0]) : null;
  }

  /**
   * What the key's command committed: the mark its append left, or — for a key claimed before appends marked their
   * claim — the caller's own event carrying the key in its metadata.
   */
  async committedOf(row: IdempotencyKeyRow): Promise<CommittedCommand | null> {
    if (row.committed || row.claim !== null) return row.committed;
    const { rows } = await this.sql.query<{ stream_id: string; stream_version: number; recorded_at: Date }>(
      `SELECT stream_id, stream_version, recorded_at FROM events
        WHERE metadata->>'idempotencyKey' = $2 AND metadata->>'actorId' = $1
        ORDER BY global_position DESC LIMIT 1`,
      [row.scope, row.key],
    );
    return rows[0]
      ? { streamId: rows[0].stream_id, version: rows[0].stream_version, at: rows[0].recorded_at }
      : null;
  }

  /** Records on a key claimed before appends marked their claim what its command committed (found by its event). */
  async markCommitted(row: IdempotencyKeyRow, committed: CommittedCommand): Promise<void> {
    await this.sql.query(
      `UPDATE idempotency_keys SET committed_stream = $3, committed_version = $4, committed_at = $5
        WHERE scope = $1 AND key = $2 AND state = 'pending' AND committed_stream IS NULL`,
      [row.scope, row.key, committed.streamId, committed.version, committed.at],
    );
  }

  /**
   * Takes over a key whose owner is gone and whose command did not commit. False when anything changed since `row`
   * was read — the owner renewed, committed (its append held the row until it did), or another retry took it.
   */
  async takeOver(row: IdempotencyKeyRow, token: string): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `UPDATE idempotency_keys SET claim = $4, lease_until = now() + $3::int * interval '1 millisecond'
        WHERE scope = $1 AND key = $2 AND claim IS NOT DISTINCT FROM $5::uuid
          AND committed_stream IS NULL AND ${OWNER_GONE}`,
      [row.scope, row.key, this.leaseMs, token, row.claim],
    );
    return rowCount === 1;
  }

  /** Stores the first answer; false when the claim was taken over meanwhile (the new owner answers). */
  async complete(claim: IdempotencyClaim, answer: StoredAnswer): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `UPDATE idempotency_keys
          SET state = 'done', status_code = $4, response_body = $5, headers = $6, completed_at = now()
        WHERE scope = $1 AND key = $2 AND claim = $3 AND state = 'pending'`,
      [
        claim.scope,
        claim.key,
        claim.token,
        answer.status,
        JSON.stringify(answer.body ?? null),
        JSON.stringify(answer.headers),
      ],
    );
    return rowCount === 1;
  }

  /** Stores the answer rebuilt for a committed command whose owner is gone. */
  async completeRecovered(
    row: IdempotencyKeyRow,
    committed: CommittedCommand,
    answer: StoredAnswer,
  ): Promise<void> {
    await this.markCommitted(row, committed);
    await this.sql.query(
      `UPDATE idempotency_keys
          SET state = 'done', status_code = $3, response_body = $4, headers = $5, completed_at = now()
        WHERE scope = $1 AND key = $2 AND state = 'pending' AND committed_stream IS NOT NULL`,
      [
        row.scope,
        row.key,
        answer.status,
        JSON.stringify(answer.body ?? null),
        JSON.stringify(answer.headers),
      ],
    );
  }

  /**
   * The request failed on the server's side (5xx): a key whose command did not commit is freed for the retry; one
   * whose command committed stays, its lease ended, so the retry answers from the committed case at once.
   */
  async release(claim: IdempotencyClaim): Promise<void> {
    const { rowCount } = await this.sql.query(
      `DELETE FROM idempotency_keys
        WHERE scope = $1 AND key = $2 AND claim = $3 AND state = 'pending' AND committed_stream IS NULL`,
      [claim.scope, claim.key, claim.token],
    );
    if (rowCount === 0)
      await this.sql.query(
        `UPDATE idempotency_keys SET lease_until = now()
          WHERE scope = $1 AND key = $2 AND claim = $3 AND state = 'pending'`,
        [claim.scope, claim.key, claim.token],
      );
  }

  /** Pending keys whose owner is gone, claimed before `olderThanMs` ago (for the operator). */
  async stuck(olderThanMs: number): Promise<IdempotencyKeyRow[]> {
    const { rows } = await this.sql.query<Row>(
      `SELECT ${columns('$1')} FROM idempotency_keys
        WHERE state = 'pending' AND created_at < now() - $2::bigint * interval '1 millisecond' AND ${ownerGone('$1')}
        ORDER BY created_at`,
      [this.leaseMs, olderThanMs],
    );
    return rows.map(toKeyRow);
  }

  /** Frees a stuck key whose command did not commit (the client's retry runs it). */
  async releaseStuck(row: IdempotencyKeyRow): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `DELETE FROM idempotency_keys
        WHERE scope = $1 AND key = $2 AND claim IS NOT DISTINCT FROM $4::uuid
          AND committed_stream IS NULL AND ${OWNER_GONE}`,
      [row.scope, row.key, this.leaseMs, row.claim],
    );
    return rowCount === 1;
  }
}

export interface StoredAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}
