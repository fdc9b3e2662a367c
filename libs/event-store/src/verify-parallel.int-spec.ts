import type { TestDatabase } from '../../../test/setup/test-database';
import { openEventStore, testMetadata } from './testing/open-event-store';
import { type EventStore } from './event-store';
import { verify } from './verify';
import { verifyParallel } from './verify-parallel';

describe('verifyParallel: every core, the same answer as the sequential walk', () => {
  let t: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    ({ t, store } = await openEventStore());
    // 30 streams of 1–9 events (and one of 40, longer than a range) so small ranges cut the table in many places.
    for (let s = 0; s < 30; s++) await stream(`p-${String(s).padStart(2, '0')}`, 1 + (s % 9));
    await stream('p-long', 40);
  });
  afterAll(() => t.drop());

  async function stream(streamId: string, count: number): Promise<void> {
    let head = await store.append(streamId, [{ type: 'E', data: { n: 1 }, metadata: testMetadata }], {
      expectedVersion: 0,
    });
    for (let n = 2; n <= count; n++)
      head = await store.append(
        streamId,
        [
          {
            type: 'E',
            data: { n, text: '审核 é', nested: { z: [n, 1.5], a: null } },
            metadata: testMetadata,
          },
        ],
        { expectedVersion: head.version, expectedHash: head.lastHash },
      );
  }

  async function tamper(statement: string): Promise<void> {
    await t.superuser.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    try {
      await t.superuser.query(statement);
    } finally {
      await t.superuser.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    }
  }

  const parallel = (rangeSize: number, onProgress?: (p: { eventsChecked: number }) => void) =>
    verifyParallel(t.db, { connection: t.url, threads: 2, rangeSize, batchSize: 3, onProgress });

  it('checks every event of every stream once, in ranges of whole streams', async () => {
    const seen: number[] = [];
    const report = await parallel(7, (p) => seen.push(p.eventsChecked));
    const sequential = await verify(t.db);
    expect(sequential).toMatchObject({ ok: true, eventsChecked: 181, streamsChecked: 31 });
    expect(report).toEqual(sequential);
    // One progress call per range: many ranges, counts only growing, the last one the whole table.
    expect(seen.length).toBeGreaterThan(10);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(181);
  });

  it('names the same first altered event of each stream as verify(), in stream order', async () => {
    await tamper(`UPDATE events SET data = '{"n": 999}' WHERE stream_id = 'p-03' AND stream_version = 2`);
    await tamper(`DELETE FROM events WHERE stream_id = 'p-17' AND stream_version = 4`);
    await tamper(
      `UPDATE events SET prev_hash = '\\x${'02'.repeat(32)}' WHERE stream_id = 'p-long' AND stream_version = 33`,
    );
    await tamper(
      `UPDATE events SET prev_hash = '\\x${'01'.repeat(32)}' WHERE stream_id = 'p-29' AND stream_version = 1`,
    );
    const sequential = await verify(t.db);
    for (const rangeSize of [1, 7, 1000]) expect(await parallel(rangeSize)).toEqual(sequential);
    expect(sequential.failures.map((f) => [f.streamId, f.streamVersion, f.problem])).toEqual([
      ['p-03', 2, 'hash-mismatch'],
      ['p-17', 5, 'version-gap'],
      ['p-29', 1, 'bad-genesis'],
      ['p-long', 33, 'broken-link'],
    ]);
  });

  it('an empty store is a clean report', async () => {
    await tamper(`DELETE FROM events`);
    expect(await parallel(7)).toEqual({ streamsChecked: 0, eventsChecked: 0, ok: true, failures: [] });
  });
});
