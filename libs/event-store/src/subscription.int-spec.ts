import { Client } from 'pg';
import { APP_ROLE, type Sql } from '@credence/shared';
import type { TestDatabase } from '../../../test/setup/test-database';
import { openEventStore, testMetadata } from './testing/open-event-store';
import type { RecordedEvent } from './event';
import { type EventStore } from './event-store';
import { Subscription } from './subscription';

const metadata = testMetadata;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * The xmin horizon is cluster-wide: a transaction of a parallel test file, in another database, can hold it back
 * for a moment. That delays delivery (never loses it), so wait for the expected count instead of one drain.
 */
async function drainUntil(
  subscription: Subscription,
  done: () => boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) if ((await subscription.drain()) === 0) await sleep(20);
}

describe('Subscription', () => {
  let t: TestDatabase;
  let store: EventStore;
  beforeAll(async () => ({ t, store } = await openEventStore()));
  afterAll(() => t.drop());

  /** A client of its own, as the app role, for holding a transaction open. */
  async function appClient(): Promise<Client> {
    const client = new Client({ connectionString: t.url, options: `-c role=${APP_ROLE}` });
    await client.connect();
    return client;
  }

  /** Waits until the stream's events are below the (cluster-wide) xmin horizon, i.e. deliverable. */
  async function settled(streamId: string): Promise<void> {
    for (let i = 0; i < 500; i++) {
      const { rows } = await t.db.query<{ ready: boolean }>(
        `SELECT bool_and(transaction_id < pg_snapshot_xmin(pg_current_snapshot())) AS ready FROM events
          WHERE stream_id = $1`,
        [streamId],
      );
      if (rows[0].ready) return;
      await sleep(20);
    }
  }

  function collecting(name: string, options = {}) {
    const seen: RecordedEvent[] = [];
    const subscription = new Subscription(
      t.db,
      name,
      (events) => {
        seen.push(...events);
        return Promise.resolve();
      },
      options,
    );
    return { subscription, seen };
  }

  it('does not pass an open transaction: B committed after A began is held back until A commits', async () => {
    const { subscription, seen } = collecting('out-of-order');
    await subscription.drain();
    seen.length = 0;

    const a = await appClient();
    try {
      await a.query('BEGIN');
      await store.append('order-a', [{ type: 'A', data: {}, metadata }], { expectedVersion: 0 }, a);
      await store.append('order-b', [{ type: 'B', data: {}, metadata }], { expectedVersion: 0 });

      await subscription.drain();
      expect(seen.map((e) => e.streamId)).toEqual([]); // A holds the xmin horizon

      await a.query('COMMIT');
      await drainUntil(subscription, () => seen.length >= 2);
      expect(seen.map((e) => e.streamId).sort()).toEqual(['order-a', 'order-b']);
      await subscription.drain();
      expect(seen).toHaveLength(2);
    } finally {
      await a.end();
    }
  });

  it('handles a batch and the checkpoint in one transaction: a failing handler redelivers', async () => {
    await store.append('retry-1', [{ type: 'X', data: {}, metadata }], { expectedVersion: 0 });
    await settled('retry-1');
    let fail = true;
    const seen: string[] = [];
    const subscription = new Subscription(
      t.db,
      'failing',
      (events, tx: Sql) => {
        if (fail) return Promise.reject(new Error('projection down'));
        seen.push(...events.map((e) => e.eventId));
        return tx.query('SELECT 1').then(() => undefined);
      },
      { streamTypes: ['retry'] },
    );
    await expect(subscription.pollOnce()).rejects.toThrow('projection down');
    fail = false;
    expect(await subscription.drain()).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it('lets only one poller run a subscription batch at a time (SKIP LOCKED)', async () => {
    await store.append('lock-1', [{ type: 'X', data: {}, metadata }], { expectedVersion: 0 });
    await settled('lock-1');
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const first = new Subscription(t.db, 'locked', () => gate, { streamTypes: ['lock'] });
    const second = new Subscription(t.db, 'locked', () => Promise.resolve(), { streamTypes: ['lock'] });
    const running = first.pollOnce();
    await sleep(100); // the first poller now holds the checkpoint row
    expect(await second.pollOnce()).toBe(0);
    release();
    expect(await running).toBe(1);
    expect(await second.pollOnce()).toBe(0); // already handled
  });

  it('orders by transaction id as a number (xid8), not as text', async () => {
    // Rows as if written by old transactions 100 and then 99: the order must be 99, 100 ('100' < '99' as text).
    for (const xid of ['100', '99']) {
      await t.superuser.query(
        `INSERT INTO events (transaction_id, stream_id, stream_version, stream_type, event_id, type, data, metadata,
                             recorded_at, hash_algorithm, prev_hash, hash)
         VALUES ($1::xid8, $2, 1, 'xidorder', gen_random_uuid(), 'X', '{}', '{}', now(), 'sm3', $3, $3)`,
        [xid, `xidorder-${xid}`, Buffer.alloc(32)],
      );
    }
    const { subscription, seen } = collecting('xid-order', { streamTypes: ['xidorder'], batchSize: 1 });
    await subscription.drain();
    expect(seen.map((e) => e.transactionId)).toEqual(['99', '100']);
  });

  it('filters by stream type', async () => {
    await store.append('alpha-1', [{ type: 'X', data: {}, metadata }], { expectedVersion: 0 });
    await store.append('beta-1', [{ type: 'X', data: {}, metadata }], { expectedVersion: 0 });
    await settled('beta-1');
    const { subscription, seen } = collecting('only-beta', { streamTypes: ['beta'] });
    await subscription.drain();
    expect(seen.map((e) => e.streamId)).toEqual(['beta-1']);
  });

  it('sees every event exactly once under concurrent appends with random commit delays', async () => {
    const { subscription, seen } = collecting('chaos', { batchSize: 7, streamTypes: ['chaos'] });
    const writers = 12;
    const perWriter = 10;
    const clients = await Promise.all(Array.from({ length: writers }, () => appClient()));
    let done = false;
    const poller = (async () => {
      while (!done) {
        await subscription.pollOnce();
        await sleep(Math.random() * 5);
      }
    })();
    try {
      await Promise.all(
        clients.map(async (client, w) => {
          for (let i = 0; i < perWriter; i++) {
            const streamId = `chaos-${w}-${i}`;
            await client.query('BEGIN');
            await store.append(
              streamId,
              [{ type: 'X', data: { w, i }, metadata }],
              { expectedVersion: 0 },
              client,
            );
            await sleep(Math.random() * 30);
            if (Math.random() < 0.5) {
              await store.append(
                streamId,
                [{ type: 'Y', data: { w, i }, metadata }],
                { expectedVersion: 1 },
                client,
              );
            }
            await sleep(Math.random() * 30);
            await client.query(Math.random() < 0.1 ? 'ROLLBACK' : 'COMMIT');
          }
        }),
      );
    } finally {
      done = true;
      await poller;
      await Promise.all(clients.map((c) => c.end()));
    }
    const { rows } = await t.db.query<{ event_id: string }>(
      `SELECT event_id FROM events WHERE stream_type = 'chaos'`,
    );
    await drainUntil(subscription, () => seen.length >= rows.length);
    await subscription.drain();
    const delivered = seen.map((e) => e.eventId);
    expect(new Set(delivered).size).toBe(delivered.length); // no duplicates
    expect(delivered.sort()).toEqual(rows.map((r) => r.event_id).sort()); // nothing skipped
    expect(rows.length).toBeGreaterThan(writers * perWriter * 0.5);
  });
});
