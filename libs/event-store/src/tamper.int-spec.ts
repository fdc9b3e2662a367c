import { ManualClock } from '@credence/shared';
import type { TestDatabase } from '../../../test/setup/test-database';
import { openEventStore, testMetadata } from './testing/open-event-store';
import { EventStore } from './event-store';
import { verify } from './verify';

const metadata = testMetadata;

describe('append-only and tamper evidence', () => {
  let t: TestDatabase;
  let store: EventStore;
  beforeAll(async () => ({ t, store } = await openEventStore()));
  afterAll(() => t.drop());

  async function stream(streamId: string, count: number, s = store): Promise<void> {
    let head = await s.append(streamId, [{ type: 'E', data: { n: 1 }, metadata }], { expectedVersion: 0 });
    for (let n = 2; n <= count; n++) {
      head = await s.append(
        streamId,
        [{ type: 'E', data: { n, nested: { z: [n, 'é'], a: null } }, metadata }],
        {
          expectedVersion: head.version,
          expectedHash: head.lastHash,
        },
      );
    }
  }

  /** Plays a superuser who switches the guard off, changes history and switches it back on. */
  async function tamper(statement: string): Promise<void> {
    const su = t.superuser;
    await su.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    try {
      await su.query(statement);
    } finally {
      await su.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    }
  }

  it('refuses UPDATE, DELETE and TRUNCATE to the app role (no privilege)', async () => {
    await stream('guard-1', 2);
    for (const statement of [
      `UPDATE events SET type = 'X' WHERE stream_id = 'guard-1'`,
      `DELETE FROM events WHERE stream_id = 'guard-1'`,
      `TRUNCATE events`,
    ]) {
      await expect(t.db.query(statement)).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE to a superuser while the trigger is on', async () => {
    for (const statement of [
      `UPDATE events SET type = 'X' WHERE stream_id = 'guard-1'`,
      `DELETE FROM events WHERE stream_id = 'guard-1'`,
      `TRUNCATE events`,
    ]) {
      await expect(t.superuser.query(statement)).rejects.toThrow(/append-only/);
    }
    const { rows } = await t.db.query(`SELECT 1 FROM events WHERE stream_id = 'guard-1'`);
    expect(rows).toHaveLength(2);
  });

  it('verifies an untouched store', async () => {
    await stream('clean-1', 5);
    const report = await verify(t.db, { batchSize: 3 });
    expect(report).toMatchObject({ ok: true, failures: [] });
    expect(report.eventsChecked).toBeGreaterThanOrEqual(7);
    expect(report.streamsChecked).toBeGreaterThanOrEqual(2);
  });

  it('names the exact event a superuser edited (hash-mismatch)', async () => {
    await stream('edit-1', 5);
    await tamper(`UPDATE events SET data = '{"n": 999}' WHERE stream_id = 'edit-1' AND stream_version = 3`);
    const report = await verify(t.db, { batchSize: 2 });
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      expect.objectContaining({ streamId: 'edit-1', streamVersion: 3, problem: 'hash-mismatch' }),
    ]);
  });

  it('finds a deleted middle event (version-gap) and a re-hashed edit (broken-link)', async () => {
    await stream('del-1', 5);
    await tamper(`DELETE FROM events WHERE stream_id = 'del-1' AND stream_version = 2`);
    // A cleverer attacker recomputes the edited event's hash; the next event's link still gives it away.
    await stream('rehash-1', 4);
    await tamper(
      `UPDATE events SET hash = '\\x${'ab'.repeat(32)}' WHERE stream_id = 'rehash-1' AND stream_version = 2`,
    );
    const report = await verify(t.db);
    const byStream = Object.fromEntries(report.failures.map((f) => [f.streamId, f]));
    expect(byStream['del-1']).toMatchObject({
      streamVersion: 3,
      problem: 'version-gap',
      expected: '2',
      actual: '3',
    });
    expect(byStream['rehash-1']).toMatchObject({ streamVersion: 2, problem: 'hash-mismatch' });
    const one = await verify(t.db, { streamId: 'rehash-1' });
    expect(one).toMatchObject({ streamsChecked: 1, eventsChecked: 4, ok: false });
  });

  it('catches a forged genesis and a re-pointed link', async () => {
    await stream('gen-1', 2);
    await tamper(
      `UPDATE events SET prev_hash = '\\x${'01'.repeat(32)}' WHERE stream_id = 'gen-1' AND stream_version = 1`,
    );
    await stream('link-1', 3);
    await tamper(
      `UPDATE events SET prev_hash = '\\x${'02'.repeat(32)}' WHERE stream_id = 'link-1' AND stream_version = 3`,
    );
    expect((await verify(t.db, { streamId: 'gen-1' })).failures).toEqual([
      expect.objectContaining({ streamVersion: 1, problem: 'bad-genesis', expected: '00'.repeat(32) }),
    ]);
    expect((await verify(t.db, { streamId: 'link-1' })).failures).toEqual([
      expect.objectContaining({ streamVersion: 3, problem: 'broken-link', actual: '02'.repeat(32) }),
    ]);
  });

  it('writes and verifies SHA-256 chains when selected', async () => {
    const sha = new EventStore(t.db, new ManualClock(), 'sha256');
    await stream('sha-1', 3, sha);
    const { rows } = await t.db.query<{ hash_algorithm: string }>(
      `SELECT DISTINCT hash_algorithm FROM events WHERE stream_id = 'sha-1'`,
    );
    expect(rows).toEqual([{ hash_algorithm: 'sha256' }]);
    expect(await verify(t.db, { streamId: 'sha-1' })).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('reports progress per page', async () => {
    const seen: number[] = [];
    await verify(t.db, { batchSize: 4, onProgress: (p) => seen.push(p.eventsChecked) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
