import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { APP_ROLE, Database, createDataSource } from '@credence/shared';

/** Migrated once by global-setup.ts; every test file clones it. */
export const TEMPLATE_DATABASE = 'credence_test_template';

export interface TestDatabase {
  /** Connection URL of this test file's own database (owner/superuser rights). */
  url: string;
  /** The application's view: every connection runs as the restricted app role. */
  db: Database;
  /** A superuser connection, for tests that play the attacker or inspect the catalog. */
  superuser: Client;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.CREDENCE_TEST_SERVER_URL;
  if (!url) throw new Error('the test database server is not running (jest globalSetup)');
  return url;
}

export function databaseUrl(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh, migrated database cloned from the template: each test file gets its own, so files run in parallel. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `credence_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const dataSource = createDataSource({
    url,
    appRole: APP_ROLE,
    poolSize: 20,
    applicationName: 'credence-test',
  });
  await dataSource.initialize();
  const superuser = new Client({ connectionString: url });
  await superuser.connect();
  return {
    url,
    db: new Database(dataSource),
    superuser,
    drop: async () => {
      await superuser.end();
      await dataSource.destroy();
      const cleanup = new Client({ connectionString: serverUrl() });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
