import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isUniqueViolation, ManualClock } from '@credence/shared';
import { CREDIT_RECORD, creditRecordCaseType } from '@credence/credit-records';
import type { CaseEngine } from '@credence/workflow';
import { openCaseEngine } from '../../workflow/src/testing/open-case-engine';
import {
  SAMPLE_OFFICER,
  SAMPLE_PERIODS,
  SAMPLE_RECORD,
} from '../../credit-records/src/testing/sample-record';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { OBJECTION, objectionCaseType, ONE_OPEN_PER_RECORD } from './objection.case-type';
import { MODEL_ACTORS } from './objection.model-events';

const RECORD_ID = '0190b000-0000-7000-8000-000000000001';
const subject = { ...MODEL_ACTORS.subject, subjectCode: SAMPLE_RECORD.subject.code };

/** The objections read model on PostgreSQL: one open objection per record holds even without the handler's check. */
describe('objections read model', () => {
  let t: TestDatabase;
  let engine: CaseEngine;

  beforeAll(async () => {
    t = await createTestDatabase();
    const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
    engine = openCaseEngine(t.db, clock, [creditRecordCaseType, objectionCaseType]).engine;
    await engine.execute({
      caseType: CREDIT_RECORD,
      caseId: RECORD_ID,
      eventType: 'CreditRecordRegistered',
      data: { record: SAMPLE_RECORD, ...SAMPLE_PERIODS },
      actor: SAMPLE_OFFICER,
      origin: { correlationId: 'test' },
      create: true,
    });
  });
  afterAll(() => t.drop());

  const file = (caseId: string, serial: number) =>
    engine.execute({
      caseType: OBJECTION,
      caseId,
      eventType: 'ObjectionFiled',
      data: {
        caseNumber: `YY-320830-2026-${String(serial).padStart(6, '0')}`,
        record: { ...SAMPLE_RECORD, id: RECORD_ID, contentVersion: 1 },
        ground: 'wrong',
        statement: '信息错误',
        commitment: { content: '承诺', consent: true },
        materials: [],
      },
      actor: subject,
      origin: { correlationId: 'test' },
      create: true,
    });

  it('writes a row with the filing, and refuses a second open one for the record at the database', async () => {
    await file('0190b000-0000-7000-8000-0000000000a1', 1);
    const { rows } = await t.db.query(
      'SELECT case_number, record_id, state, open, authority_code, finding_authority_code FROM objections',
    );
    expect(rows).toEqual([
      {
        case_number: 'YY-320830-2026-000001',
        record_id: RECORD_ID,
        state: 'admission',
        open: true,
        authority_code: '320830',
        finding_authority_code: '320830',
      },
    ]);
    const second = await file('0190b000-0000-7000-8000-0000000000a2', 2).catch((e: unknown) => e);
    expect(isUniqueViolation(second, ONE_OPEN_PER_RECORD)).toBe(true);
    // Nothing of the refused filing was recorded: the append and the read model are one statement.
    const streams = await t.db.query(`SELECT DISTINCT stream_id FROM events WHERE stream_type = 'objection'`);
    expect(streams.rows).toEqual([{ stream_id: `${OBJECTION}-0190b000-0000-7000-8000-0000000000a1` }]);
  });

  it('lets the record be objected to again once the open objection is closed', async () => {
    await engine.execute({
      caseType: OBJECTION,
      caseId: '0190b000-0000-7000-8000-0000000000a1',
      eventType: 'ObjectionWithdrawn',
      data: { stage: 'admission' },
      actor: subject,
      origin: { correlationId: 'test' },
    });
    await file('0190b000-0000-7000-8000-0000000000a3', 3);
    const { rows } = await t.db.query('SELECT case_number, state, open FROM objections ORDER BY case_number');
    expect(rows).toEqual([
      { case_number: 'YY-320830-2026-000001', state: 'withdrawn', open: false },
      { case_number: 'YY-320830-2026-000003', state: 'admission', open: true },
    ]);
  });
});
