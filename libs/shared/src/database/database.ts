import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from './connection-errors';

/** Anything that runs SQL: the pool, or one connection inside a transaction. */
export interface Sql {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** The role every application connection runs as: it may not UPDATE, DELETE or TRUNCATE events. */
export const APP_ROLE = 'credence_app';

/**
 * SQL access for the product. TypeORM owns the connection pool and the migrations; repositories, the event
 * store and projections write plain SQL through pg, so what runs against the database is visible in review.
 */
export class Database implements Sql {
  readonly pool: Pool;

  constructor(readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<R>> {
    return this.pool.query<R>(text, values);
  }

  /** Runs `work` in one transaction on one connection; rolls back on any error. */
  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    // While checked out, a connection has no listener of the pool's: a server that goes away between two
    // statements would emit an unhandled 'error' and end the process. The failing statement reports it instead.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost ??= error);
    client.on('error', onError);
    let failure: unknown;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failure = error;
      // A connection that lost its server is discarded (rolled back by the server); no ROLLBACK to wait for.
      if (!lost && !isDatabaseUnavailable(error)) await client.query('ROLLBACK').catch(() => undefined);
      // The server's own reason (e.g. 57P01 admin_shutdown) rather than pg's "not queryable" that followed it.
      throw lost ?? error;
    } finally {
      client.removeListener('error', onError);
      const discard = lost ?? (isDatabaseUnavailable(failure) ? (failure as Error) : undefined);
      client.release(discard);
    }
  }
}

/**
 * A write to run in the same statement as an event append (a data-modifying CTE): read models, timers, outbox.
 * Placeholders are numbered from $1 within the write; it must only take effect when the append did, by selecting
 * `FROM appended` or guarding with `WHERE EXISTS (SELECT 1 FROM appended)`. Give parameters explicit casts.
 */
export interface SqlWrite {
  text: string;
  values: unknown[];
}

/** SQLSTATE of a unique violation: the database said two writers wanted the same slot. */
export const UNIQUE_VIOLATION = '23505';

/**
 * A statement PostgreSQL aborted because it lost a race with another transaction (deadlock_detected 40P01,
 * serialization_failure 40001): nothing it wrote stands, and the same work tried again on fresh reads may succeed.
 */
export function isLostRace(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '40P01' || code === '40001';
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
}
