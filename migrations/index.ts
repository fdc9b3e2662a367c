import { CreateEventStore1767225600000 } from './1767225600000-CreateEventStore';

/** Every migration, in order. The app, the CLI and the test setup run this list. */
export const migrations = [CreateEventStore1767225600000];
