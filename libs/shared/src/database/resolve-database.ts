import { Client } from 'pg';
import type { Env } from '../config/env';
import { startEmbeddedPostgres } from './embedded-postgres';
import { waitForDatabase, type BootWait } from './wait-for-database';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const DATABASE = 'credence';

/** How long a booting process waits for its database, from the environment. */
export const bootWaitOf = (env: Env): BootWait => ({
  maxWaitSeconds: env.DATABASE_BOOT_WAIT_SECONDS,
  connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
});

/**
 * DATABASE_URL when set (waiting until it answers: a process may start before its database); otherwise an embedded
 * PostgreSQL keeping its data under EMBEDDED_PG_DIR.
 */
export async function resolveDatabase(env: Env, log: (line: string) => void): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    await waitForDatabase(env.DATABASE_URL, log, bootWaitOf(env));
    return { url: env.DATABASE_URL, embedded: false, stop: () => Promise.resolve() };
  }
  log(`DATABASE_URL is not set: starting an embedded PostgreSQL in ${env.EMBEDDED_PG_DIR}`);
  const server = await startEmbeddedPostgres(env.EMBEDDED_PG_DIR, { persistent: true, log });
  const admin = new Client({ connectionString: server.serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return { url: server.urlFor(DATABASE), embedded: true, stop: () => server.stop() };
}
