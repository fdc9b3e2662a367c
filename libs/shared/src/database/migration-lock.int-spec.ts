import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrations } from '@credence/migrations';
import { runMigrations } from './data-source';

/*
 * Issue 14, item 16: processes started together on an empty database (an API and a worker) raced in the
 * migrations ("relation schema_migrations already exists", a duplicate pg_type) and one of them died. Under the
 * advisory lock they take turns: every run succeeds and each migration is applied once.
 */
describe('migrations run by several processes at once', () => {
  const server = process.env.CREDENCE_TEST_SERVER_URL!;
  const urlOf = (name: string) => Object.assign(new URL(server), { pathname: `/${name}` }).toString();

  async function admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  it.each([1, 2, 3])('take turns on an empty database (try %i)', async () => {
    const name = `credence_migrate_${randomBytes(4).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    try {
      const waits: string[] = [];
      const runs = await Promise.allSettled(
        [1, 2, 3].map(() => runMigrations(urlOf(name), migrations, (line) => waits.push(line))),
      );
      expect(runs.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
        'ok',
        'ok',
        'ok',
      ]);
      expect(waits.length).toBeGreaterThan(0);
      const check = new Client({ connectionString: urlOf(name) });
      await check.connect();
      const { rows } = await check.query<{ n: string; distinct: string }>(
        'SELECT count(*) AS n, count(DISTINCT name) AS distinct FROM schema_migrations',
      );
      await check.end();
      expect(Number(rows[0].n)).toBe(migrations.length);
      expect(rows[0].distinct).toBe(rows[0].n);
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
