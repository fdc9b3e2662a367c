import { randomUUID } from 'node:crypto';
import { EventStore } from '@credence/event-store';
import { loadEnv, ManualClock } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { durationMs, idempotencyCommand } from './idempotency-command';

const metadata = { actorId: 'officer-1', actorRole: 'officer', correlationId: 'c1' };

describe('credence idempotency list|recover', () => {
  let t: TestDatabase;
  const env = loadEnv({ NODE_ENV: 'test', IDEMPOTENCY_LEASE_MS: '15000' });

  beforeAll(async () => {
    t = await createTestDatabase();
    const pending = (key: string, claimedAgo: string, lease: string | null, claim: string | null) =>
      t.superuser.query(
        `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, state, claim, lease_until, created_at)
         VALUES ('officer-1', $1, 'POST', '/api/v1/credit-records', '\\x00', 'pending', $4,
                 now() + $3::interval, now() - $2::interval)`,
        [key, claimedAgo, lease ?? '0 seconds', claim],
      );
    // Left by a version without claims; its command committed (its event carries the key).
    await pending('legacy-committed', '1 hour', null, null);
    await t.superuser.query(`UPDATE idempotency_keys SET lease_until = NULL WHERE key = 'legacy-committed'`);
    await new EventStore(t.db, new ManualClock(), 'sm3').append(
      'creditRecord-0197a6a0-0000-7000-8000-000000000001',
      [
        {
          type: 'CreditRecordRegistered',
          data: {},
          metadata: { ...metadata, idempotencyKey: 'legacy-committed' },
        },
      ],
      { expectedVersion: 0 },
    );
    await pending('dead-uncommitted', '10 minutes', '-9 minutes', randomUUID());
    await pending('alive', '10 minutes', '10 seconds', randomUUID());
    await pending('recent', '1 minute', '-50 seconds', randomUUID());
  });
  afterAll(() => t.drop());

  const rows = async () =>
    (
      await t.superuser.query<{ key: string; committed_stream: string | null }>(
        'SELECT key, committed_stream FROM idempotency_keys ORDER BY key',
      )
    ).rows;

  it('lists the stuck keys older than the threshold and whether their command committed, changing nothing', async () => {
    const lines: string[] = [];
    expect(await idempotencyCommand(t.url, env, ['list', '--older-than', '5m'], (l) => lines.push(l))).toBe(
      0,
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /legacy-committed .*committed creditRecord-0197a6a0-0000-7000-8000-000000000001 v1/,
    );
    expect(lines[1]).toMatch(/dead-uncommitted .*not committed/);
    expect(lines[2]).toMatch(/2 stuck keys \(1 committed, nothing changed\)/);
    expect((await rows()).map((r) => r.key)).toEqual([
      'alive',
      'dead-uncommitted',
      'legacy-committed',
      'recent',
    ]);
  });

  it('recovers them: frees the uncommitted, marks the committed for the retry, leaves live and recent ones', async () => {
    const lines: string[] = [];
    expect(
      await idempotencyCommand(t.url, env, ['recover', '--older-than', '5m'], (l) => lines.push(l)),
    ).toBe(0);
    expect(lines.at(-1)).toMatch(/2 stuck keys \(1 committed, 1 released\)/);
    expect(await rows()).toEqual([
      { key: 'alive', committed_stream: null },
      { key: 'legacy-committed', committed_stream: 'creditRecord-0197a6a0-0000-7000-8000-000000000001' },
      { key: 'recent', committed_stream: null },
    ]);
  });

  it('reads durations and refuses anything else', async () => {
    expect(durationMs('5m')).toBe(300_000);
    expect(durationMs('2h')).toBe(7_200_000);
    expect(durationMs('5 minutes')).toBeNull();
    expect(await idempotencyCommand(t.url, env, ['list', '--older-than', '999999d'], () => undefined)).toBe(
      0,
    );
    expect(await idempotencyCommand(t.url, env, ['recover', '--older-than', 'soon'])).toBe(2);
  });
});
