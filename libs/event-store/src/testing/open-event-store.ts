import { ManualClock } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { EventStore } from '../event-store';

/** Metadata for events whose author does not matter to the test. */
export const testMetadata = { actorId: 'u1', actorRole: 'officer', correlationId: 'c1' };

/** A fresh database and an SM3 store over it (the app's role), for one test file. */
export async function openEventStore(): Promise<{ t: TestDatabase; store: EventStore }> {
  const t = await createTestDatabase();
  return { t, store: new EventStore(t.db, new ManualClock(), 'sm3') };
}
