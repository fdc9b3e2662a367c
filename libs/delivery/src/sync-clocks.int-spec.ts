import { Logger } from '@nestjs/common';
import { ManualClock, uuidv7 } from '@credence/shared';
import { OFFICIAL_SCHEDULES } from '@credence/working-calendar';
import { openCaseEngine } from '../../workflow/src/testing/open-case-engine';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { SyncClocks, syncClockName } from './sync-clocks';

/** The sync limit on a provisional calendar (ADR 0009, 0025): computed on weekends only, recomputed once loaded. */
describe('sync clocks on a provisional calendar (PostgreSQL)', () => {
  let t: TestDatabase;
  let clock: ManualClock;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('recomputes a provisional sync deadline when the year’s schedule is loaded, and moves the row’s due', async () => {
    // Decided on Wednesday 2026-12-30 (Beijing): 3 working days run into 2027, whose schedule is not loaded.
    const decidedAt = new Date('2026-12-30T02:00:00Z');
    clock = new ManualClock(decidedAt);
    const { time, calendars } = openCaseEngine(t.db, clock, []);
    const clocks = new SyncClocks(t.db, clock, time);
    const caseId = uuidv7(decidedAt);
    const streamId = `creditRepairApplication-${caseId}`;
    await t.superuser.query(
      `INSERT INTO cases (id, type, stream_id, state, state_label_zh, state_label_en, status, version, machine_id,
                          machine_version, authority_code, authority_path, subject_code, subject_name, title,
                          created_at, updated_at)
       VALUES ($1, 'creditRepairApplication', $2, '{approved}', '已准予修复', 'Approved', 'done', 5, 'repair', '1',
               '320830', '320000/320800/320830', '91320830MA1XY0012B', '盱眙通达道路运输有限公司', '信用修复', $3, $3)`,
      [caseId, streamId, decidedAt],
    );
    const messageId = uuidv7(decidedAt);
    await t.superuser.query(
      `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at, platform_code)
       VALUES ($1, $2, $3, 'credit-repair.approved', '{}', $4, 'credit-china')`,
      [messageId, caseId, uuidv7(decidedAt), decidedAt],
    );
    const syncClock = async () =>
      (
        await t.superuser.query<{ due_date: string; provisional: boolean; sync_due_at: Date; due_at: Date }>(
          `SELECT to_char(k.due_date, 'YYYY-MM-DD') AS due_date, k.provisional, k.due_at, o.sync_due_at
             FROM case_clocks k JOIN outbox o ON o.id = $3 WHERE k.stream_id = $1 AND k.name = $2`,
          [streamId, syncClockName('credit-china', messageId), messageId],
        )
      ).rows[0];

    expect(await clocks.startPending()).toBe(1);
    // Weekends only in 2027: 12-31, 01-01 (a Friday, not yet known as New Year's Day), 01-04.
    const before = await syncClock();
    expect(before).toMatchObject({ due_date: '2027-01-04', provisional: true });
    expect(before.sync_due_at).toEqual(before.due_at);
    expect(await clocks.recomputeProvisional()).toBe(0); // nothing new is known yet

    const y2027 = structuredClone(OFFICIAL_SCHEDULES.find((s) => s.year === 2026)!);
    y2027.year = 2027;
    y2027.source = '测试用2027年安排';
    y2027.festivals = y2027.festivals.map((f) => ({
      ...f,
      holidays: f.holidays.map((d) => d.replace('2026', '2027')),
      makeupWorkdays: [],
    }));
    await calendars.load(y2027, 'test');
    time.invalidate();

    // 2027-01-01 … 01-03 are holidays now: 12-31, 01-04, 01-05, final.
    expect(await clocks.recomputeProvisional()).toBe(1);
    const after = await syncClock();
    expect(after).toMatchObject({ due_date: '2027-01-05', provisional: false });
    expect(after.sync_due_at).toEqual(after.due_at);
    expect(after.due_at.getTime()).toBeGreaterThan(before.due_at.getTime());
    expect(await clocks.recomputeProvisional()).toBe(0);
  });
});
