import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { spawnApi, spawnWorker, waitForHealth } from './support/processes';
import { until } from './support/until';

/*
 * Issue 14, item 16: an API and a worker started together on an empty database both come up, taking turns at the
 * migrations under an advisory lock instead of racing to create the same tables (one of them died in 2 of 4 tries).
 */
const figures: string[] = [];
afterAll(() => process.stdout.write(`migrations-together figures:\n${figures.join('\n')}\n`));

describe('an API and a worker started together on an empty database (reliability)', () => {
  const server = () => {
    const url = process.env.CREDENCE_TEST_SERVER_URL;
    if (!url) throw new Error('the test database server is not running (jest globalSetup)');
    return url;
  };
  const withDatabase = (name: string) => {
    const url = new URL(server());
    url.pathname = `/${name}`;
    return url.toString();
  };
  async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: server() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it.each([1, 2, 3])(
    'both come up (try %i)',
    async (attempt) => {
      const name = `credence_boot_${randomBytes(4).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      const url = withDatabase(name);
      const started = Date.now();
      const worker = spawnWorker(url, { LOG_LEVEL: 'warn' });
      const api = await spawnApi(url, { SEED_DEMO: 'false' }, { waitForHealth: false });
      try {
        await Promise.all([
          waitForHealth(api, 60_000),
          until(
            () => worker.output().includes('Credence worker is running'),
            60_000,
            'the worker start',
            worker,
          ),
        ]);
        expect(worker.child.exitCode).toBeNull();
        expect(api.child.exitCode).toBeNull();
        const waited = /Another process is migrating/.test(api.output() + worker.output());
        figures.push(
          `  together, try ${attempt}: both up in ${Date.now() - started} ms (one waited for the lock: ${waited})`,
        );
      } finally {
        await Promise.all([api.stop(), worker.stop()]);
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      }
    },
    90_000,
  );
});
