import { ManualClock } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { EventStore } from './event-store';
import { recomputeHash } from './hash-chain';

const metadata = { actorId: 'u1', actorRole: 'officer', correlationId: 'c1' };

describe('EventStore', () => {
  let t: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    t = await createTestDatabase();
    store = new EventStore(t.db, new ManualClock(), 'sm3');
  });
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
