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
