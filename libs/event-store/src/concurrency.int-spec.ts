import { Client } from 'pg';
import { APP_ROLE } from '@credence/shared';
import type { TestDatabase } from '../../../test/setup/test-database';
import { openEventStore, testMetadata } from './testing/open-event-store';
import { StreamVersionConflictError } from './errors';
import { type EventStore } from './event-store';
import { verify } from './verify';

const metadata = testMetadata;

describe('EventStore optimistic concurrency', () => {
  let t: TestDatabase;
  let store: EventStore;
  beforeAll(async () => ({ t, store } = await openEventStore()));
  afterAll(() => t.drop());

  it('lets exactly one of 16 writers win each version; retrying losers lose nothing', async () => {
    const streamId = 'race-1';
    const writers = 16;
    const attemptsPerWriter = 3;
    const wins = new Map<number, number>();
    let conflicts = 0;

    const writer = async (w: number) => {
      for (let a = 0; a < attemptsPerWriter; a++) {
        for (;;) {
          const head = await store.readStream(streamId);
          const last = head[head.length - 1];
          const expectedVersion = last?.streamVersion ?? 0;
          try {
            await store.append(streamId, [{ type: 'Attempted', data: { writer: w, attempt: a }, metadata }], {
              expectedVersion,
              expectedHash: last?.hash,
            });
            wins.set(expectedVersion + 1, (wins.get(expectedVersion + 1) ?? 0) + 1);
            break;
          } catch (error) {
            expect(error).toBeInstanceOf(StreamVersionConflictError);
            expect((error as StreamVersionConflictError).code).toBe('VERSION_CONFLICT');
            conflicts++;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));

    const events = await store.readStream(streamId);
    const total = writers * attemptsPerWriter;
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect([...wins.values()].every((n) => n === 1)).toBe(true);
    expect(wins.size).toBe(total);
    const attempts = new Set(events.map((e) => `${String(e.data.writer)}/${String(e.data.attempt)}`));
    expect(attempts.size).toBe(total);
    expect(conflicts).toBeGreaterThan(0); // the race really happened
    expect(await verify(t.db, { streamId })).toMatchObject({ ok: true, eventsChecked: total });
  });

  it('refuses an append whose expectedHash is not the head hash', async () => {
    const first = await store.append('race-2', [{ type: 'A', data: {}, metadata }], { expectedVersion: 0 });
    const wrong = Buffer.from(first.lastHash).fill(7);
    await expect(
      store.append('race-2', [{ type: 'B', data: {}, metadata }], {
        expectedVersion: 1,
        expectedHash: wrong,
      }),
    ).rejects.toBeInstanceOf(StreamVersionConflictError);
  });
});

describe('EventStore: an append that deadlocks with another writer', () => {
  let t: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    ({ t, store } = await openEventStore());
    await t.superuser.query(`CREATE TABLE race_rows (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)`);
    await t.superuser.query(`INSERT INTO race_rows (id) VALUES (1), (2)`);
    await t.superuser.query(`GRANT SELECT, UPDATE ON race_rows TO ${APP_ROLE}`);
  });
  afterAll(() => t.drop());

  it('is a version conflict (read again and retry), and nothing of it is written', async () => {
    // The other writer holds row 2 and will want row 1; the append's transaction holds row 1 and its write beside
    // the events wants row 2. The other waits 10 s before looking for a deadlock, so the append's side (the server
    // default, 1 s) is the one PostgreSQL aborts.
    const other = new Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query(`SET deadlock_timeout = '10s'`);
      await other.query('BEGIN');
      await other.query('UPDATE race_rows SET n = n + 1 WHERE id = 2');
      const appending = t.db.transaction(async (tx) => {
        await tx.query('UPDATE race_rows SET n = n + 1 WHERE id = 1');
        return store.append(
          'raced-1',
          [{ type: 'Attempted', data: {}, metadata }],
          {
            expectedVersion: 0,
            alongside: [
              {
                text: 'UPDATE race_rows SET n = n + 1 WHERE id = 2 AND EXISTS (SELECT 1 FROM appended)',
                values: [],
              },
            ],
          },
          tx,
        );
      });
      const outcome = appending.then(
        () => 'appended',
        (error: unknown) => error,
      );
      await new Promise((r) => setTimeout(r, 200)); // the append now waits for row 2
      const closing = other.query('UPDATE race_rows SET n = n + 1 WHERE id = 1'); // closes the cycle
      const error = await outcome;
      expect(error).toBeInstanceOf(StreamVersionConflictError);
      await closing;
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    expect(await store.readStream('raced-1')).toEqual([]);
    // Read again, the same append succeeds.
    await store.append('raced-1', [{ type: 'Attempted', data: {}, metadata }], { expectedVersion: 0 });
    expect(await store.readStream('raced-1')).toHaveLength(1);
  });
});
