import { EventStore } from '@credence/event-store';
import { loadEnv, ManualClock } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../../../test/setup/test-database';
import { LedgerSealer } from '../ledger-sealer';
import { SigningKey } from '../signing';
import { registerSigningKey } from '../signing-keys';

export const testMetadata = { actorId: 'u1', actorRole: 'officer', correlationId: 'c1' };

export interface OpenLedger {
  t: TestDatabase;
  store: EventStore;
  clock: ManualClock;
  key: SigningKey;
  sealer: LedgerSealer;
  /** Appends `count` events to a new stream (versions 1…count). */
  stream(streamId: string, count: number): Promise<void>;
  /** Runs statements as a superuser with the append-only triggers of `table` switched off. */
  tamper(table: string, ...statements: string[]): Promise<void>;
}

/** A fresh database with an event store, a signing key registered and a sealer checkpointing every `every` events. */
export async function openLedger(every = 5): Promise<OpenLedger> {
  const t = await createTestDatabase();
  const clock = new ManualClock();
  const store = new EventStore(t.db, clock, 'sm3');
  const env = loadEnv({ NODE_ENV: 'test', AUDIT_CHECKPOINT_EVERY_EVENTS: String(every) });
  const key = SigningKey.deterministicEd25519('ledger tests');
  await registerSigningKey(t.db, key, clock.now());
  return {
    t,
    store,
    clock,
    key,
    sealer: new LedgerSealer(t.db, clock, env, key),
    async stream(streamId, count) {
      let head = await store.append(streamId, [{ type: 'E', data: { n: 1 }, metadata: testMetadata }], {
        expectedVersion: 0,
      });
      for (let n = 2; n <= count; n++) {
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
    },
    async tamper(table, ...statements) {
      const trigger = table === 'events' ? 'events_append_only' : `${table}_append_only`;
      await t.superuser.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
      try {
        for (const statement of statements) await t.superuser.query(statement);
      } finally {
        await t.superuser.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
      }
    },
  };
}
