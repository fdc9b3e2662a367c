import { ManualClock, uuidv7 } from '@credence/shared';
import { OFFICIAL_SCHEDULES, type CalendarStore, type StatutoryTime } from '@credence/working-calendar';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import type { CaseEngine } from '../case-engine';
import type { WorkflowActor } from '../case-event';
import { CLOCKED_CASE, clockedApplicant, clockedCaseType } from '../testing/clocked-case';
import { openCaseEngine } from '../testing/open-case-engine';
import { TimerWorker } from '../timer-worker';
import { ProvisionalDeadlines } from './provisional-deadlines';

const officer: WorkflowActor = {
  id: 'officer-1',
  role: 'officer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  subjectCode: null,
};
/** 10:00 Beijing time on a date. */
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`);

describe('statutory clocks in the case engine', () => {
  let t: TestDatabase;
  let clock: ManualClock;
  let engine: CaseEngine;
  let time: StatutoryTime;
  let calendars: CalendarStore;
  const worker = () => new TimerWorker(t.db, clock, engine);

  beforeAll(async () => {
    t = await createTestDatabase();
    clock = new ManualClock(at('2026-09-28'));
    ({ engine, time, calendars } = openCaseEngine(t.db, clock, [clockedCaseType]));
  });
  afterAll(() => t.drop());

  const act = (caseId: string, eventType: string, actor: WorkflowActor = officer, data = {}) =>
    engine.execute({
      caseType: CLOCKED_CASE,
      caseId,
      eventType,
      data,
      actor,
      origin: { correlationId: 'test' },
    });

  async function submit(on: Date): Promise<string> {
    clock.set(on);
    const caseId = uuidv7();
    await engine.execute({
      caseType: CLOCKED_CASE,
      caseId,
      eventType: 'Submitted',
      data: {
        authorityCode: '320830',
        authorityPath: '320000/320800/320830',
        subjectCode: clockedApplicant.subjectCode,
        title: `申请 ${caseId.slice(-4)}`,
      },
      actor: clockedApplicant,
      origin: { correlationId: 'test' },
      create: true,
    });
    return caseId;
  }

  const clocksOf = async (caseId: string) => (await engine.load(CLOCKED_CASE, caseId, officer)).clocks;
  const eventTypes = async (caseId: string) =>
    (await engine.load(CLOCKED_CASE, caseId, officer)).events.map((e) => e.type);

  it('starts the clocks the entered states declare, with due dates from the limits in force', async () => {
    const caseId = await submit(at('2026-09-28'));
    const clocks = await clocksOf(caseId);
    // repair.acceptance = 3 working days: 09-29, 09-30, then the National Day break, 10-08
    expect(clocks.get('acceptance')).toMatchObject({
      status: 'running',
      dueDate: '2026-10-08',
      dueAt: '2026-10-08T16:00:00.000Z',
      provisional: false,
      workingDays: 3,
      limitKey: 'repair.acceptance',
    });
    // repair.result = 10 working days: domain-rules §5.4's worked example
    expect(clocks.get('result')).toMatchObject({ status: 'running', dueDate: '2026-10-16' });
    const { rows } = await t.db.query<{ name: string; due_date: string }>(
      `SELECT name, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM case_clocks WHERE case_id = $1 ORDER BY name`,
      [caseId],
    );
    expect(rows).toEqual([
      { name: 'acceptance', due_date: '2026-10-08' },
      { name: 'result', due_date: '2026-10-16' },
    ]);
    expect(await eventTypes(caseId)).toEqual(['Submitted', 'ClockStarted', 'ClockStarted']);
  });

  it('stops a state clock when the state is left, pauses during 补正 and resumes with the days left', async () => {
    const caseId = await submit(at('2026-09-28'));
    clock.set(at('2026-09-29'));
    await act(caseId, 'Accepted');
    expect((await clocksOf(caseId)).get('acceptance')).toMatchObject({ status: 'stopped', outcome: 'met' });

    clock.set(at('2026-09-30'));
    await act(caseId, 'SupplementRequested');
    // After 09-30 up to 10-16: 10-08, 09, 10 (make-up Saturday), 12 … 16 = 8 working days owed
    expect((await clocksOf(caseId)).get('result')).toMatchObject({
      status: 'paused',
      remainingAtPause: 8,
      dueDate: null,
    });
    const { rows: timers } = await t.db.query(
      `SELECT name FROM timers WHERE case_id = $1 AND status = 'pending' ORDER BY name`,
      [caseId],
    );
    expect(timers.map((r) => r.name)).toEqual(['clock:supplement:due-soon', 'clock:supplement:elapsed']);

    clock.set(at('2026-10-12'));
    await act(caseId, 'Supplemented', clockedApplicant);
    // Paused for 4 working days (10-08, 09, 10, 12): the due date moves from 10-16 by exactly 4, to 10-22
    expect((await clocksOf(caseId)).get('result')).toMatchObject({
      status: 'running',
      dueDate: '2026-10-22',
    });
    expect((await clocksOf(caseId)).get('supplement')).toMatchObject({ status: 'stopped', outcome: 'met' });
  });

  it('extends a clock by the limit in force and keeps the reason', async () => {
    const caseId = await submit(at('2026-09-28'));
    await act(caseId, 'Accepted');
    await act(caseId, 'Extended', officer, { reason: '案情复杂，需要核查' });
    const result = (await clocksOf(caseId)).get('result')!;
    // 10-16 + repair.extension (10 working days) = 10-30
    expect(result).toMatchObject({ dueDate: '2026-10-30', workingDays: 20 });
    expect(result.extensions).toEqual([
      { workingDays: 10, reason: '案情复杂，需要核查', at: expect.any(String) },
    ]);
  });

  it('records due soon and overdue once each; an elapsed clock fires once after the worker was down', async () => {
    const caseId = await submit(at('2026-09-28'));
    // The worker was stopped until long after both thresholds of the acceptance clock passed.
    clock.set(at('2026-10-12'));
    const [a, b] = await Promise.all([worker().fireDue(), worker().fireDue()]);
    expect(a + b).toBeGreaterThanOrEqual(2);
    await worker().fireDue();
    const types = await eventTypes(caseId);
    const count = (type: string) => types.filter((x) => x === type).length;
    expect(count('ClockDueSoon')).toBe(1); // acceptance (result's threshold has not come yet: due 10-16)
    expect(count('ClockElapsed')).toBe(1);
    expect(count('AcceptanceOverdue')).toBe(1); // the state's reaction: escalation
    const loaded = await engine.load(CLOCKED_CASE, caseId, officer);
    expect(loaded.snapshot.context).toMatchObject({ escalated: true });
    expect(loaded.clocks.get('acceptance')).toMatchObject({
      status: 'running',
      overdue: true,
      dueSoon: true,
    });
    const { rows } = await t.db.query(
      `SELECT topic FROM outbox WHERE case_id = $1 ORDER BY created_at, topic`,
      [caseId],
    );
    expect(rows.map((r) => r.topic)).toEqual(['clock.due-soon', 'clock.overdue']);
  });

  it('closes the case automatically when the supplement window runs out', async () => {
    const caseId = await submit(at('2026-11-02'));
    await act(caseId, 'Accepted');
    await act(caseId, 'SupplementRequested');
    clock.set(at('2026-11-17')); // window: 10 working days after 11-02 → 11-16
    await worker().fireDue();
    const loaded = await engine.load(CLOCKED_CASE, caseId, officer);
    expect(loaded.snapshot.value).toBe('closedUnsupplemented');
    expect(loaded.clocks.get('supplement')).toMatchObject({
      status: 'stopped',
      outcome: 'late',
      overdue: true,
    });
    expect(loaded.clocks.get('result')).toMatchObject({ status: 'stopped' });
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM timers WHERE case_id = $1 AND status = 'pending'`,
      [caseId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('marks deadlines in a year without a calendar provisional and recomputes them when it is loaded', async () => {
    const caseId = await submit(at('2026-12-24'));
    // 10 working days on weekends only: 12-25, 28, 29, 30, 31, 01-01 (!), 04, 05, 06, 07
    expect((await clocksOf(caseId)).get('result')).toMatchObject({
      dueDate: '2027-01-07',
      provisional: true,
    });

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
    const sweeper = new ProvisionalDeadlines(t.db, engine, time);
    expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
    // 2027-01-01 … 01-03 are now holidays: the deadline moves to 01-08 and is final
    const result = (await clocksOf(caseId)).get('result')!;
    expect(result).toMatchObject({ dueDate: '2027-01-08', provisional: false });
    const events = (await engine.load(CLOCKED_CASE, caseId, officer)).events;
    expect(events.filter((e) => e.type === 'ClockRecomputed').map((e) => e.data)).toContainEqual(
      expect.objectContaining({ clock: 'result', previousDueDate: '2027-01-07', dueDate: '2027-01-08' }),
    );
    expect(await sweeper.sweep()).toBe(0); // once per calendar version
    const { rows } = await t.db.query(
      `SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS due FROM timers
        WHERE case_id = $1 AND name = 'clock:result:elapsed' AND status = 'pending'`,
      [caseId],
    );
    expect(rows).toEqual([{ due: '2027-01-09 00:00' }]);
  });
});
