import { Client } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';

/** Limits that keep a lost or hung database from holding requests for ever (all in milliseconds; 0: none). */
export interface DatabaseTimeouts {
  /** A connection not established by then fails. */
  connectMs: number;
  /** Server-side statement_timeout; the client gives up a little after it, should the server not answer at all. */
  statementMs: number;
  /** Server-side idle_in_transaction_session_timeout. */
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5000,
  statementMs: 0,
  // A stuck transaction holds back the xmin horizon and stalls every subscription (eventstore-anchors §4).
  idleInTransactionMs: 60_000,
};

/** How much longer than statement_timeout the client waits before it gives up on a server that does not answer. */
const CLIENT_GRACE_MS = 2000;

export interface DataSourceOptions {
  url: string;
  /** SET ROLE on every connection (the app's restricted role). Omit for migrations, which run as the owner. */
  appRole?: string;
  poolSize?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  applicationName?: string;
  timeouts?: Partial<DatabaseTimeouts>;
  /**
   * Errors of idle pooled connections (the server went away between queries). pg emits them on the pool; without a
   * listener they would end the process.
   */
  onIdleConnectionError?: (error: Error) => void;
}

/** pg connection settings that enforce the timeouts, shared by the pool and by single clients. */
export function connectionTimeoutSettings(timeouts: Partial<DatabaseTimeouts> = {}): Record<string, unknown> {
  const t = { ...DEFAULT_DATABASE_TIMEOUTS, ...timeouts };
  return {
    connectionTimeoutMillis: t.connectMs,
    // A dead peer on TCP is noticed by the kernel instead of never.
    keepAlive: true,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    ...(t.statementMs > 0
      ? { statement_timeout: t.statementMs, query_timeout: t.statementMs + CLIENT_GRACE_MS }
      : {}),
  };
}

/** One TypeORM DataSource over a pg pool. Schema changes live only in migrations/ (synchronize is never on). */
export function createDataSource(options: DataSourceOptions): DataSource {
  const startup = options.appRole ? `-c role=${quoteIdent(options.appRole)}` : undefined;
  return new DataSource({
    type: 'postgres',
    url: options.url,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    migrations: options.migrations ?? [],
    entities: options.entities ?? [],
    logging: false,
    applicationName: options.applicationName ?? 'credence',
    poolErrorHandler: (error: Error) => options.onIdleConnectionError?.(error),
    extra: {
      max: options.poolSize ?? 20,
      ...(startup ? { options: startup } : {}),
      ...connectionTimeoutSettings(options.timeouts),
    },
  });
}

/**
 * Key of the session-level advisory lock held while migrating: processes started together on an empty database
 * (an API and a worker) take turns instead of racing to create the same tables.
 */
export const MIGRATION_LOCK_KEY = 7_146_582_003;

export async function runMigrations(
  url: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  // The lock lives on its own connection: the migrations' pool has one connection, which they need.
  const lock = new Client({
    connectionString: url,
    application_name: 'credence-migrate-lock',
    ...connectionTimeoutSettings(),
  });
  lock.on('error', () => undefined); // a lost lock connection fails the migration's own queries instead
  await lock.connect();
  try {
    const free = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      MIGRATION_LOCK_KEY,
    ]);
    if (!free.rows[0]?.ok) {
      log('Another process is migrating the database; waiting for it (另一进程正在迁移数据库，等待中)');
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    const ds = createDataSource({ url, migrations, poolSize: 1, applicationName: 'credence-migrate' });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
  } finally {
    // Ending the session releases the lock, also when unlocking fails.
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid role name: ${name}`);
  return name;
}
