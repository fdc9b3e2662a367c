import { ManualClock } from '@credence/shared';
import { SYSTEM_ACTOR, TimerWorker, type CaseEngine } from '@credence/workflow';
import { openCaseEngine } from '../../workflow/src/testing/open-case-engine';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { CREDIT_RECORD, creditRecordCaseType } from './credit-record.case-type';
import { SAMPLE_OFFICER, SAMPLE_PERIODS, SAMPLE_RECORD } from './testing/sample-record';

const [officer, record, periods] = [SAMPLE_OFFICER, SAMPLE_RECORD, SAMPLE_PERIODS];

describe('durable timers on credit records', () => {
  let t: TestDatabase;
  let clock: ManualClock;
  let engine: CaseEngine;
  const worker = () => new TimerWorker(t.db, clock, engine);

  beforeAll(async () => {
    t = await createTestDatabase();
    clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
    engine = openCaseEngine(t.db, clock, [creditRecordCaseType]).engine;
  });
  afterAll(() => t.drop());

  async function register(caseId: string) {
    return engine.execute({
      caseType: CREDIT_RECORD,
      caseId,
      eventType: 'CreditRecordRegistered',
      data: {
        record: { ...record, decisionNumber: `${record.decisionNumber}-${caseId.slice(-4)}` },
        ...periods,
      },
      actor: officer,
      origin: { correlationId: 'test' },
      create: true,
      ruleSet: periods.ruleSet,
    });
  }

  it('writes the minimum-period and publicity-end timers with the registration', async () => {
    const loaded = await register('0190a000-0000-7000-8000-000000000001');
    const { rows } = await t.db.query(
      `SELECT name, event_type, due_at FROM timers WHERE case_id = $1 ORDER BY name`,
      [loaded.caseId],
    );
    expect(rows.map((r) => [r.name, r.event_type, r.due_at.toISOString()])).toEqual([
      ['minimum-reached', 'MinimumPeriodReached', periods.repairableAt],
      ['publicity-end', 'PublicityPeriodEnded', periods.expiresAt],
    ]);
  });

  it('fires nothing before the deadline, then exactly once with two workers racing', async () => {
    const caseId = '0190a000-0000-7000-8000-000000000002';
    await register(caseId);
    expect(await worker().fireDue()).toBe(0);
    clock.set('2026-08-10T16:00:00.000Z');
    const fired = await Promise.all([worker().fireDue(), worker().fireDue()]);
    expect(fired[0] + fired[1]).toBe(2); // both cases' minimum-period timers, once each
    const events = await engine.store.readStream(`${CREDIT_RECORD}-${caseId}`);
    expect(events.map((e) => e.type)).toEqual(['CreditRecordRegistered', 'MinimumPeriodReached']);
    expect(events[1].metadata.actorRole).toBe('system');
    // A restarted worker finds nothing left to fire.
    expect(await worker().fireDue()).toBe(0);
    const view = await engine.load(CREDIT_RECORD, caseId, SYSTEM_ACTOR);
    expect(view.snapshot.matches({ registered: { publicity: { live: { shown: 'repairable' } } } })).toBe(
      true,
    );
  });

  it('expires the record when its maximum period ends, even if the worker was down when it fell due', async () => {
    const caseId = '0190a000-0000-7000-8000-000000000003';
    await register(caseId);
    clock.set('2027-06-01T00:00:00.000Z'); // both deadlines passed while no worker ran
    await worker().fireDue();
    const { rows } = await t.db.query(`SELECT status FROM credit_records WHERE id = $1`, [caseId]);
    expect(rows[0].status).toBe('expired');
    const pending = await t.db.query(
      `SELECT count(*)::int AS n FROM timers WHERE case_id = $1 AND status = 'pending'`,
      [caseId],
    );
    expect(pending.rows[0].n).toBe(0);
  });
});
