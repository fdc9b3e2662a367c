import { randomUUID } from 'node:crypto';
import type { TestDatabase } from '../../../test/setup/test-database';
import { openEventStore, testMetadata } from './testing/open-event-store';
import { type EventStore } from './event-store';
import { IdempotencyClaimLostError, runUnderClaim, type IdempotencyClaim } from './idempotency-claim';
import { IdempotencyKeys } from './idempotency-keys';

const metadata = testMetadata;
const request = { method: 'POST', path: '/api/v1/things', hash: Buffer.from('h') };

describe('appends under an Idempotency-Key claim (ADR 0006)', () => {
  let t: TestDatabase;
  let store: EventStore;
  let keys: IdempotencyKeys;
  beforeAll(async () => {
    ({ t, store } = await openEventStore());
    keys = new IdempotencyKeys(t.db, 300);
  });
  afterAll(() => t.drop());

  const claimOf = (key: string): IdempotencyClaim => ({ scope: 'user-1', key, token: randomUUID() });
  const append = (streamId: string, version = 0) =>
    store.append(streamId, [{ type: 'ThingCreated', data: {}, metadata }], { expectedVersion: version });
  const eventsOf = async (streamId: string) =>
    (await t.db.query('SELECT 1 FROM events WHERE stream_id = $1', [streamId])).rowCount;

  it('marks the key committed in the statement that appends the event', async () => {
    const claim = claimOf('k-commit');
    expect(await keys.claim(claim, request)).toBe(true);
    await runUnderClaim(claim, () => append('thing-c1'));
    const row = await keys.find(claim.scope, claim.key);
    expect(row?.committed).toMatchObject({ streamId: 'thing-c1', version: 1 });
    expect(row?.state).toBe('pending');
  });

  it('refuses the append once a retry took the key over, so the command cannot happen twice', async () => {
    const claim = claimOf('k-lost');
    await keys.claim(claim, request);
    await new Promise((r) => setTimeout(r, 350)); // the owner stalls past its lease
    const row = (await keys.find(claim.scope, claim.key))!;
    expect(row.ownerGone).toBe(true);
    expect(await keys.takeOver(row, randomUUID())).toBe(true);

    await expect(runUnderClaim(claim, () => append('thing-l1'))).rejects.toBeInstanceOf(
      IdempotencyClaimLostError,
    );
    expect(await eventsOf('thing-l1')).toBe(0);
    expect((await keys.find(claim.scope, claim.key))?.committed).toBeNull();
  });

  it('keeps a claim its owner renews, however long the request runs', async () => {
    const claim = claimOf('k-renewed');
    await keys.claim(claim, request);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await keys.renew(claim);
    }
    const row = (await keys.find(claim.scope, claim.key))!;
    expect(row.ownerGone).toBe(false);
    expect(await keys.takeOver(row, randomUUID())).toBe(false);
  });

  it('lets a takeover wait for an append in flight and then refuses it (the command committed)', async () => {
    const claim = claimOf('k-race');
    await keys.claim(claim, request);
    await new Promise((r) => setTimeout(r, 350));
    const seen = (await keys.find(claim.scope, claim.key))!;
    // The owner appends in a transaction still open when the retry tries to take the key over.
    const owner = await t.db.pool.connect();
    try {
      await owner.query('BEGIN');
      await runUnderClaim(claim, () =>
        store.append(
          'thing-r1',
          [{ type: 'ThingCreated', data: {}, metadata }],
          { expectedVersion: 0 },
          owner,
        ),
      );
      const takeover = keys.takeOver(seen, randomUUID());
      await new Promise((r) => setTimeout(r, 100));
      await owner.query('COMMIT');
      expect(await takeover).toBe(false);
    } finally {
      owner.release();
    }
    expect((await keys.find(claim.scope, claim.key))?.committed).toMatchObject({ streamId: 'thing-r1' });
  });

  it('frees a key on a server failure unless its command committed, which then waits for the retry', async () => {
    const failed = claimOf('k-5xx');
    await keys.claim(failed, request);
    await keys.release(failed);
    expect(await keys.find(failed.scope, failed.key)).toBeNull();

    const committed = claimOf('k-5xx-committed');
    await keys.claim(committed, request);
    await runUnderClaim(committed, () => append('thing-f1'));
    await keys.release(committed);
    const row = await keys.find(committed.scope, committed.key);
    expect(row).toMatchObject({ state: 'pending', ownerGone: true });
    expect(row?.committed?.streamId).toBe('thing-f1');
  });

  it('finds the event of a key claimed before claims had tokens, by its metadata', async () => {
    await t.db.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, state, created_at)
       VALUES ($1, 'k-legacy', 'POST', '/x', '\\x00', 'pending', now() - interval '1 hour')`,
      [metadata.actorId],
    );
    await store.append(
      'thing-legacy',
      [{ type: 'ThingCreated', data: {}, metadata: { ...metadata, idempotencyKey: 'k-legacy' } }],
      {
        expectedVersion: 0,
      },
    );
    const row = (await keys.find(metadata.actorId, 'k-legacy'))!;
    expect(row.ownerGone).toBe(true);
    const committed = await keys.committedOf(row);
    expect(committed).toMatchObject({ streamId: 'thing-legacy', version: 1 });
    await keys.markCommitted(row, committed!);
    expect(await keys.takeOver(row, randomUUID())).toBe(false);
  });

  it('appends as before without a claim', async () => {
    await append('thing-free');
    expect(await eventsOf('thing-free')).toBe(1);
  });
});
