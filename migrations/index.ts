import { CreateEventStore1767225600000 } from './1767225600000-CreateEventStore';
import { CreateIdempotencyKeys1767225600100 } from './1767225600100-CreateIdempotencyKeys';

/** Every migration, in order. The app, the CLI and the test setup run this list. */
export const migrations = [CreateEventStore1767225600000, CreateIdempotencyKeys1767225600100];
