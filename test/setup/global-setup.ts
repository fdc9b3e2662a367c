import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// globalSetup runs outside Jest's module system (no moduleNameMapper): relative imports only.
import { runMigrations } from '../../libs/shared/src/database/data-source';
import { startEmbeddedPostgres } from '../../libs/shared/src/database/embedded-postgres';
import { migrations } from '../../migrations';
const TEMPLATE_DATABASE = 'credence_test_template';

/**
 * Starts one real PostgreSQL for the whole run (embedded, or the server at TEST_DATABASE_URL), migrates a template
 * database once, and lets every test file clone it. Workers inherit the address through the environment.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const parent = mkdtempSync(join(tmpdir(), 'credence-test-'));
    chmodSync(parent, 0o755); // the server runs as its own OS user and must reach its data directory
    const dataDir = join(parent, 'pg');
    const server = await startEmbeddedPostgres(dataDir, { persistent: false });
    (globalThis as { __CREDENCE_PG__?: { stop(): Promise<void> } }).__CREDENCE_PG__ = server;
    serverUrl = server.serverUrl;
  }
  process.env.CREDENCE_TEST_SERVER_URL = serverUrl;

  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(serverUrl, TEMPLATE_DATABASE), migrations);
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
