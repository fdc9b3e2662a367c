import { ManualClock } from '@credence/shared';
import { creditRecordCaseType, CREDIT_RECORD } from '@credence/credit-records';
import type { EventStore } from '@credence/event-store';
import { CaseTypeRegistry, type CaseEngine, type WorkflowActor } from '@credence/workflow';
import {
  SAMPLE_OFFICER,
  SAMPLE_PERIODS,
  SAMPLE_RECORD,
} from '../../../credit-records/src/testing/sample-record';
import { openCaseEngine } from '../../../workflow/src/testing/open-case-engine';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { AUDIT_DECISIONS_SUBSCRIPTION, DecisionProjector } from './decision-projector';

const REVIEWER_ID = '0190f0e0-0000-7000-8000-0000000000bb';
const [officer, record, periods] = [SAMPLE_OFFICER, SAMPLE_RECORD, SAMPLE_PERIODS];
const reviewer: WorkflowActor = { ...officer, id: REVIEWER_ID, role: 'senior_reviewer' };
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('DecisionProjector', () => {
  let t: TestDatabase;
  let engine: CaseEngine;
  let store: EventStore;
  let registry: CaseTypeRegistry;

  beforeAll(async () => {
    t = await createTestDatabase();
    const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
    ({ engine, registry, store } = openCaseEngine(t.db, clock, [creditRecordCaseType]));
    await t.superuser.query(
      `INSERT INTO accounts (id, username, password_hash, display_name, role)
       VALUES ($1, 'reviewer-t', 'x', '盱眙县审核人', 'admin')`,
      [REVIEWER_ID],
    );
  });
  afterAll(() => t.drop());

  const register = (caseId: string, n: number) =>
    engine.execute({
      caseType: CREDIT_RECORD,
      caseId,
      eventType: 'CreditRecordRegistered',
      data: { record: { ...record, decisionNumber: `盱交罚〔2026〕${n}号` }, ...periods },
      actor: officer,
      origin: { correlationId: `register-${n}` },
      create: true,
      ruleSet: periods.ruleSet,
    });

  const shield = (caseId: string) =>
    engine.execute({
      caseType: CREDIT_RECORD,
      caseId,
      eventType: 'CreditRecordShielded',
      data: { reason: '法院裁定批准重整计划', legalBasis: '《企业破产法》' },
      actor: reviewer,
      origin: { correlationId: 'shield' },
    });

  async function rows() {
    const { rows } = await t.db.query<Record<string, unknown>>(
      'SELECT * FROM audit_decisions ORDER BY global_position',
    );
    return rows;
  }

  async function events(): Promise<number> {
    const { rows } = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM events');
    return Number(rows[0].n);
  }

  /** The xmin horizon is cluster-wide (other test files share the server): poll until everything is delivered. */
  async function projectAll(projector: DecisionProjector): Promise<number> {
    const expected = await events();
    let handled = 0;
    for (let i = 0; i < 500 && (await rows()).length < expected; i++) {
      const n = await projector.catchUp();
      handled += n;
      if (n === 0) await sleep(20);
    }
    return handled;
  }

  it('projects every event with the case ownership, labels, states and decision facts', async () => {
    const projector = new DecisionProjector(t.db, store, registry);
    await register('0190a000-0000-7000-8000-000000000001', 1);
    await register('0190a000-0000-7000-8000-000000000002', 2);
    await shield('0190a000-0000-7000-8000-000000000002');
    await projectAll(projector);
    const all = await rows();
    expect(all).toHaveLength(await events());
    const shielded = all.find((r) => r.event_type === 'CreditRecordShielded');
    expect(shielded).toMatchObject({
      case_id: '0190a000-0000-7000-8000-000000000002',
      case_type: CREDIT_RECORD,
      stream_version: 2,
      action: 'shield',
      action_label_zh: '暂时屏蔽',
      action_label_en: 'Shield temporarily',
      state_before_zh: '公示中 · 无异议',
      state_after_zh: '暂时屏蔽 · 无异议',
      outcome: 'shielded',
      actor_id: REVIEWER_ID,
      actor_name: '盱眙县审核人',
      actor_role: 'senior_reviewer',
      actor_authority: '320830',
      authority_code: '320830',
      authority_path: '320000/320800/320830',
      subject_code: record.subject.code,
      title: '盱交罚〔2026〕2号',
      reasons: '法院裁定批准重整计划',
      legal_basis: '《企业破产法》',
      correlation_id: 'shield',
    });
    const { rows: hashes } = await t.db.query<{ hash: Buffer }>(
      'SELECT hash FROM events WHERE event_id = $1',
      [shielded!.event_id],
    );
    expect((shielded!.event_hash as Buffer).equals(hashes[0].hash)).toBe(true);
    expect(all.find((r) => r.event_type === 'CreditRecordRegistered')).toMatchObject({
      action_label_zh: '登记信用记录',
      rule_set: 'ndrc-order-36-2026',
      actor_name: null,
    });
  });

  it('resumes from its checkpoint after a restart: only new events are handled', async () => {
    const before = (await rows()).length;
    await shield('0190a000-0000-7000-8000-000000000001');
    const restarted = new DecisionProjector(t.db, store, registry);
    const handled = await projectAll(restarted);
    expect(handled).toBe((await events()) - before);
    expect(await rows()).toHaveLength(await events());
  });

  it('is idempotent: replaying from the start writes nothing twice', async () => {
    const before = await rows();
    await t.superuser.query(
      `UPDATE subscription_checkpoints SET transaction_id = '0', global_position = 0 WHERE name = $1`,
      [AUDIT_DECISIONS_SUBSCRIPTION],
    );
    const replaying = new DecisionProjector(t.db, store, registry);
    expect(await replaying.catchUp()).toBeGreaterThanOrEqual(before.length);
    expect(await rows()).toEqual(before);
  });

  it('skips streams that are not cases and tolerates case types this process does not run', async () => {
    await store.append(
      'misc-1',
      [{ type: 'Noise', data: {}, metadata: { actorId: 'x', actorRole: 'system', correlationId: 'n' } }],
      { expectedVersion: 0 },
    );
    const blind = new DecisionProjector(t.db, store, new CaseTypeRegistry());
    await register('0190a000-0000-7000-8000-000000000003', 3);
    for (let i = 0; i < 500; i++) {
      await blind.catchUp();
      if ((await rows()).some((r) => r.case_id === '0190a000-0000-7000-8000-000000000003')) break;
      await sleep(20);
    }
    const row = (await rows()).find((r) => r.case_id === '0190a000-0000-7000-8000-000000000003');
    expect(row).toMatchObject({
      action: null,
      action_label_zh: 'CreditRecordRegistered',
      state_after_zh: null,
    });
    expect((await rows()).some((r) => r.stream_id === 'misc-1')).toBe(false);
  });
});
