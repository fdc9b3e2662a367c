import { Client } from 'pg';
import { bootThroughOutages } from './wait-for-database';

/*
 * A process whose database goes away while it boots (after the wait, during migrations or while the application
 * connects) waits for it and boots again, instead of exiting half-started; other errors still end the boot.
 */
describe('booting through a database outage', () => {
  const url = process.env.CREDENCE_TEST_SERVER_URL!;
  const wait = { maxWaitSeconds: 30, connectTimeoutMs: 2000, initialDelayMs: 10 };

  /** A step whose own connection is terminated by the server the first `failures` times (SQLSTATE 57P01). */
  function stepLosingItsConnection(failures: number) {
    let calls = 0;
    const step = async () => {
      calls++;
      const client = new Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      try {
        if (calls <= failures) await client.query('SELECT pg_terminate_backend(pg_backend_pid())');
        const { rows } = await client.query<{ answer: number }>('SELECT 42 AS answer');
        return rows[0].answer;
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    return { step, calls: () => calls };
  }

  it('runs the step again after the server terminated its connection, and answers', async () => {
    const lines: string[] = [];
    const { step, calls } = stepLosingItsConnection(2);
    await expect(bootThroughOutages(step, url, (l) => lines.push(l), wait)).resolves.toBe(42);
    expect(calls()).toBe(3);
    expect(lines.filter((l) => l.includes('went away during start-up'))).toHaveLength(2);
  });

  it('ends the boot at once on an error that is not an outage', async () => {
    let calls = 0;
    const wrongSql = async () => {
      calls++;
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return await client.query('SELECT * FROM no_such_table_anywhere');
      } finally {
        await client.end();
      }
    };
    await expect(bootThroughOutages(wrongSql, url, () => undefined, wait)).rejects.toMatchObject({
      code: '42P01',
    });
    expect(calls).toBe(1);
  });
});
