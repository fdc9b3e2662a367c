import type { TestDatabase } from '../../../test/setup/test-database';
import { openEventStore, testMetadata } from './testing/open-event-store';
import { type EventStore } from './event-store';
import { recomputeHash } from './hash-chain';

const metadata = testMetadata;

describe('EventStore', () => {
  let t: TestDatabase;
  let store: EventStore;
  beforeAll(async () => ({ t, store } = await openEventStore()));
  afterAll(() => t.drop());

  it('appends a new stream and reads it back with an intact chain', async () => {
    const first = await store.append('thing-1', [{ type: 'ThingCreated', data: { a: 1 }, metadata }], {
      expectedVersion: 0,
    });
    await store.append('thing-1', [{ type: 'ThingChanged', data: { b: [1, 'x'] }, metadata }], {
      expectedVersion: 1,
      expectedHash: first.lastHash,
    });
    const events = await store.readStream('thing-1');
    expect(events.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(events[1].prevHash.equals(events[0].hash)).toBe(true);
    for (const e of events) expect(recomputeHash(e).equals(e.hash)).toBe(true);
  });
});
