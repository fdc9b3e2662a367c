import { spawnApi, waitForHealth } from './support/processes';
import { until } from './support/until';
import { DatabaseServer } from './support/database-server';

/*
 * Issue 14, item 12, at start-up: a process started before its database waits for it (a log line per attempt)
 * instead of exiting, and comes up when the database appears.
 */
const figures: string[] = [];
afterAll(() => process.stdout.write(`database boot-wait figures:\n${figures.join('\n')}\n`));

describe('starting while the database is down (reliability)', () => {
  it('waits, saying so on every attempt, and comes up when the database appears', async () => {
    const db = await DatabaseServer.start();
    const url = await db.createDatabase('credence');
    await db.down();
    const api = await spawnApi(url, { SEED_DEMO: 'false' }, { waitForHealth: false });
    try {
      const attempts = () => api.output().match(/Database not reachable yet/g)?.length ?? 0;
      // Generous: on a busy machine loading the product alone takes seconds.
      await until(() => attempts() >= 3, 60_000, 'three logged attempts', api);
      expect(api.child.exitCode).toBeNull();
      await db.up();
      const started = Date.now();
      await waitForHealth(api, 60_000);
      figures.push(
        `  boot: ${attempts()} logged attempts while down; healthy ${Date.now() - started} ms after the database started`,
      );
      expect(api.output()).toMatch(/Database reachable after \d+ attempts/);
    } finally {
      await api.stop();
      await db.destroy();
    }
  }, 150_000);
});
