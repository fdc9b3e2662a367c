import type { Clock, Database } from '@credence/shared';
import { EventStore } from '@credence/event-store';
import { CalendarStore, StatutoryTime } from '@credence/working-calendar';
import { CaseEngine } from '../case-engine';
import type { CaseTypeDefinition } from '../case-type';
import { CaseTypeRegistry } from '../case-type-registry';

export interface OpenedCaseEngine {
  engine: CaseEngine;
  registry: CaseTypeRegistry;
  store: EventStore;
  time: StatutoryTime;
  calendars: CalendarStore;
}

/**
 * The engine wired by hand, without Nest, for integration tests and benches: the given case types, every case
 * visible to every actor (access is the policy's business, tested elsewhere), SM3 chains.
 */
export function openCaseEngine(
  db: Database,
  clock: Clock,
  caseTypes: CaseTypeDefinition[],
): OpenedCaseEngine {
  const registry = new CaseTypeRegistry();
  for (const definition of caseTypes) registry.register(definition);
  const calendars = new CalendarStore(db, clock);
  const time = new StatutoryTime(db, calendars);
  const store = new EventStore(db, clock, 'sm3');
  const engine = new CaseEngine(db, clock, registry, { canSee: () => true }, time, store);
  return { engine, registry, store, time, calendars };
}
