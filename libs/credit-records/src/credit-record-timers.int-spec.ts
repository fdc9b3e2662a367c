import { ManualClock } from '@credence/shared';
import { EventStore } from '@credence/event-store';
import { CalendarStore, StatutoryTime } from '@credence/working-calendar';
import {
  CaseEngine,
  CaseTypeRegistry,
  SYSTEM_ACTOR,
  TimerWorker,
  type CaseAccessPolicy,
} from '@credence/workflow';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { CREDIT_RECORD, creditRecordCaseType } from './credit-record.case-type';
import type { RecordContent } from './domain/credit-record';

const officer = {
  id: 'officer-1',
  role: 'officer' as const,
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  subjectCode: null,
};
const record: RecordContent = {
  subject: { type: 'legal_person', code: '91320830MA0000000X', name: '盱眙通达道路运输有限公司' },
  kind: 'administrative_penalty',
  severity: 'general',
  field: 'road_transport',
  decisionNumber: '盱交罚〔2026〕15号',
  decisionDate: '2026-05-10',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  authorityName: '盱眙县交通运输局',
  facts: '未按规定维护车辆',
  legalBasis: null,
};
const periods = {
  ruleSet: 'ndrc-order-36-2026',
  repairableFrom: '2026-08-11',
  repairableAt: '2026-08-10T16:00:00.000Z',
  publicityEndsAfter: '2027-05-10',
  expiresAt: '2027-05-10T16:00:00.000Z',
};
const seeAll: CaseAccessPolicy = { canSee: () => true };

describe('durable timers on credit records', () => {
  let t: TestDatabase;
  let clock: ManualClock;
  let engine: CaseEngine;
  const worker = () => new TimerWorker(t.db, clock, engine);

  beforeAll(async () => {
    t = await createTestDatabase();
    clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
    const registry = new CaseTypeRegistry();
    registry.register(creditRecordCaseType);
    const time = new StatutoryTime(t.db, new CalendarStore(t.db, clock));
    engine = new CaseEngine(t.db, clock, registry, seeAll, time, new EventStore(t.db, clock, 'sm3'));
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
