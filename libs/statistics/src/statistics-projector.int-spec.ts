import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@credence/shared';
import { repairCaseType } from '@credence/credit-repair';
import type { EventStore, RecordedEvent } from '@credence/event-store';
import { openCaseEngine } from '../../workflow/src/testing/open-case-engine';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { STATISTICS_SUBSCRIPTION, StatisticsProjector } from './statistics-projector';
import { at, CaseSteps, insertAuthorities, staff } from './testing/case-steps';

const TABLES = [
  'statistics_cases',
  'statistics_case_days',
  'statistics_clocks',
  'statistics_stage_days',
  'statistics_stages',
  'statistics_publications',
  'statistics_revocations',
  'statistics_commitments',
  'statistics_streams',
];

/** The projector applies each event once: a replayed batch changes nothing, and a restart resumes at its checkpoint. */
describe('statistics projector', () => {
  let t: TestDatabase;
  let store: EventStore;
  let steps: CaseSteps;
  const streams: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    await insertAuthorities(t.superuser);
    const clock = new ManualClock(at('2026-10-08'));
    const opened = openCaseEngine(t.db, clock, [repairCaseType]);
    store = opened.store;
    steps = new CaseSteps(opened.engine, clock);
  });
  afterAll(() => t.drop());

  /** Every row of the read model, in a stable order. */
  async function readModel(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLES)
      out[table] = (await t.db.query(`SELECT * FROM ${table} r ORDER BY r::text`)).rows;
    return out;
  }

  async function allEvents(): Promise<RecordedEvent[]> {
    const events = await Promise.all(streams.map((s) => store.readStream(s)));
    return events.flat().sort((a, b) => a.globalPosition - b.globalPosition);
  }

  it('changes nothing when a batch it applied is projected again, whole or in part', async () => {
    const first = await steps.submitRepair('320830', at('2026-10-08'));
    await steps.repair(first, 'RepairApplicationAccepted', at('2026-10-13'), staff('320830'));
    await steps.repair(first, 'RepairSupplementRequested', at('2026-10-14'), staff('320830'), {
      items: ['凭证'],
    });
    streams.push(`repairApplication-${first}`);
    const projector = new StatisticsProjector(t.db);
    expect(await projector.subscription.drainHeldBack(30_000)).toBeGreaterThan(0);
    const once = await readModel();
    expect(once.statistics_clocks).toEqual(
      expect.arrayContaining([expect.objectContaining({ clock: 'result', pauses: 1, due_date: null })]),
    );

    const events = await allEvents();
    await t.db.transaction((tx) => projector.project(events, tx));
    await t.db.transaction((tx) => projector.project(events.slice(2, 5), tx));
    expect(await readModel()).toEqual(once);
  });

  it('resumes from its checkpoint after a restart and handles only what came after', async () => {
    const before = await new StatisticsProjector(t.db).subscription.checkpoint();
    const second = await steps.submitRepair('320804', at('2026-10-15'));
    streams.push(`repairApplication-${second}`);
    const appended = (await store.readStream(`repairApplication-${second}`)).length;

    // A new process: same subscription name, the checkpoint row tells where to go on.
    const restarted = new StatisticsProjector(t.db);
    expect(restarted.subscription.name).toBe(STATISTICS_SUBSCRIPTION);
    expect(await restarted.subscription.drainHeldBack(30_000)).toBe(appended);
    const after = await restarted.subscription.checkpoint();
    expect(after.globalPosition).toBeGreaterThan(before.globalPosition);
    const { rows } = await t.db.query(`SELECT authority_code FROM statistics_cases ORDER BY opened_at`);
    expect(rows).toEqual([{ authority_code: '320830' }, { authority_code: '320804' }]);
  });
});
