import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { isDatabaseUnavailable } from './connection-errors';
import { createDataSource } from './data-source';
import { Database } from './database';
import { DatabaseAvailability } from './database-availability';

/*
 * Issue 14, item 12: a server that ends a session while the application holds its connection (a fast shutdown
 * ends every session with 57P01) made pg emit an 'error' no one listened to, and the process died. The statement
 * that needed the connection fails instead, the connection is discarded and the pool carries on.
 */
describe('a connection lost by the application (integration)', () => {
  let t: TestDatabase;
  beforeAll(async () => (t = await createTestDatabase()));
  afterAll(() => t.drop());

  const terminate = (pid: number) => t.superuser.query('SELECT pg_terminate_backend($1)', [pid]);

  it('inside a transaction fails the transaction as "database unavailable", not the process', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const failure = await t.db
        .transaction(async (tx) => {
          const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await terminate(rows[0].pid);
          await new Promise((r) => setTimeout(r, 200)); // the termination arrives while the connection is idle
          await tx.query('SELECT 1');
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(isDatabaseUnavailable(failure)).toBe(true);
      // The server's reason reached the caller: the connection's 'error' was heard, not left unhandled (which
      // ends a Node process).
      expect(failure).toMatchObject({ code: '57P01' });
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    // The lost connection was discarded: the next statements get live ones.
    const again = await Promise.all([1, 2, 3].map(() => t.db.query<{ one: number }>('SELECT 1 AS one')));
    expect(again.map((r) => r.rows[0].one)).toEqual([1, 1, 1]);
  });

  it('while idle in the pool is reported, and the pool carries on', async () => {
    const reported: unknown[] = [];
    const dataSource = createDataSource({
      url: t.url,
      poolSize: 1,
      onIdleConnectionError: (e) => reported.push(e),
    });
    await dataSource.initialize();
    try {
      const db = new Database(dataSource);
      const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(rows[0].pid);
      await new Promise((r) => setTimeout(r, 200));
      expect(reported.length).toBe(1);
      expect(isDatabaseUnavailable(reported[0])).toBe(true);
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });

  it('marks the database down on a lost connection, and up again once a probe answers', async () => {
    const availability = new DatabaseAvailability(t.url);
    try {
      expect(await availability.probe()).toBe('up');
      availability.report(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      );
      expect(availability.isAvailable).toBe(false);
      expect(await availability.probe()).toBe('up');
      expect(availability.isAvailable).toBe(true);
    } finally {
      availability.onApplicationShutdown();
    }
  });
});
