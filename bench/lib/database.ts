import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  APP_ROLE,
  Database,
  EMBEDDED_PG_SETTINGS,
  createDataSource,
  runMigrations,
  startEmbeddedPostgres,
} from '@credence/shared';
import { migrations } from '@credence/migrations';

export interface BenchDatabase {
  /** Owner/superuser URL: for creating bench-only tables. */
  url: string;
  /** The application's view (app role), with a pool large enough for every worker. */
  db: Database;
  /** What the run measured against, for the results file. */
  server: { embedded: boolean; version: string; settings: Record<string, string> };
  stop(): Promise<void>;
}

const DATABASE = 'credence_bench';

/**
 * BENCH_DATABASE_URL when set (migrated in place); otherwise a throw-away embedded PostgreSQL with the product's
 * settings (EMBEDDED_PG_SETTINGS; durable: fsync on, synchronous_commit on), so numbers include the WAL flush of
 * every commit. BENCH_PG_SETTINGS compares others: `stock` for the server's own defaults, or `name=value,…` laid
 * over the product's.
 */
export async function startBenchDatabase(poolSize: number): Promise<BenchDatabase> {
  let url = process.env.BENCH_DATABASE_URL;
  let stopServer = (): Promise<void> => Promise.resolve();
  if (!url) {
    const parent = mkdtempSync(join(tmpdir(), 'credence-bench-'));
    chmodSync(parent, 0o755); // the server runs as its own OS user
    const server = await startEmbeddedPostgres(join(parent, 'pg'), {
      persistent: false,
      settings: benchSettings(process.env.BENCH_PG_SETTINGS),
    });
    const admin = new Client({ connectionString: server.serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    url = server.urlFor(DATABASE);
    stopServer = async () => {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    };
  }
  await runMigrations(url, migrations);
  const dataSource = createDataSource({
    url,
    appRole: APP_ROLE,
    poolSize,
    applicationName: 'credence-bench',
  });
  await dataSource.initialize();
  const db = new Database(dataSource);
  const server = await describeServer(db);
  return {
    url,
    db,
    server: { embedded: !process.env.BENCH_DATABASE_URL, ...server },
    stop: async () => {
      await dataSource.destroy();
      await stopServer();
    },
  };
}

function benchSettings(spec: string | undefined): Record<string, string> | undefined {
  if (!spec) return undefined;
  if (spec === 'stock') return {};
  const pairs = spec.split(',').map((pair) => pair.split('=').map((s) => s.trim()) as [string, string]);
  return { ...EMBEDDED_PG_SETTINGS, ...Object.fromEntries(pairs) };
}

async function describeServer(db: Database) {
  const { rows } = await db.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings
      WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'wal_level',
                     'wal_buffers', 'max_wal_size', 'checkpoint_timeout', 'jit', 'commit_delay')`,
  );
  const settings = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  return { version: settings.server_version ?? 'unknown', settings };
}

/** Runs DDL as the owner (the app role may not create tables). */
export async function asOwner(url: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
