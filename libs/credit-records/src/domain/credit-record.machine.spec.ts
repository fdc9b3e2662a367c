import { describe, expect, it } from '@jest/globals';
import {
  decide,
  initialSnapshot,
  replayPath,
  shortestModelPaths,
  SYSTEM_ACTOR,
  type MachineEvent,
} from '@credence/workflow';
import { creditRecordCaseType } from '../credit-record.case-type';
import { SAMPLE_OFFICER, SAMPLE_PERIODS, SAMPLE_RECORD } from '../testing/sample-record';
import { creditRecordMachine, type CreditRecordContext } from './credit-record.machine';

describe('credit record machine (model-based: every shortest path)', () => {
  const paths = shortestModelPaths(creditRecordCaseType);

  it('reaches every state a record can be in', () => {
    const targets = new Set(paths.map((p) => p.target));
    for (const leaf of ['published', 'repairable', 'shielded', 'repaired', 'expired', 'removed']) {
      expect([...targets].some((t) => t.includes(`.${leaf}`))).toBe(true);
    }
    expect([...targets].some((t) => t.includes('dispute.marked'))).toBe(true);
  });

  it.each(paths.map((p) => [p.target, p] as const))(
    'replays the path to %s through the engine',
    (target, path) => {
      expect(replayPath(creditRecordCaseType, path)).toBe(target);
    },
  );
});

describe('credit record machine: the objection workflow’s events', () => {
  const registered: MachineEvent = {
    type: 'CreditRecordRegistered',
    actor: SAMPLE_OFFICER,
    at: '2026-06-01T02:00:00.000Z',
    data: { record: SAMPLE_RECORD, ...SAMPLE_PERIODS },
  };
  const bySystem = (type: string, data: Record<string, unknown> = {}): MachineEvent => ({
    type,
    actor: SYSTEM_ACTOR,
    at: '2026-06-03T02:00:00.000Z',
    data: { objectionCaseId: 'objection-1', caseNumber: 'YY-320830-2026-000001', ...data },
  });
  const run = (...events: MachineEvent[]) => {
    let snapshot = initialSnapshot(creditRecordMachine, 'record-1');
    for (const event of events) {
      const decision = decide(creditRecordMachine, snapshot, event);
      if (!decision.accepted) throw new Error(`refused: ${event.type}`);
      snapshot = decision.next;
    }
    return snapshot.context as CreditRecordContext;
  };

  it('records which objection marks the record, until the mark is cleared', () => {
    expect(run(registered, bySystem('ObjectionMarked')).dispute).toEqual({
      objectionCaseId: 'objection-1',
      caseNumber: 'YY-320830-2026-000001',
      since: '2026-06-03T02:00:00.000Z',
    });
    expect(run(registered, bySystem('ObjectionMarked'), bySystem('ObjectionMarkCleared')).dispute).toBeNull();
  });

  it('keeps an unverifiable objection as a note next to the record, marked or not', () => {
    const note = { zh: '无法核实', en: 'Could not be verified' };
    const context = run(
      registered,
      bySystem('ObjectionMarked'),
      bySystem('ObjectionUnverifiableNoted', { note }),
    );
    expect(context.notes).toEqual([
      {
        kind: 'objection-unverifiable',
        objectionCaseId: 'objection-1',
        caseNumber: 'YY-320830-2026-000001',
        text: note,
        at: '2026-06-03T02:00:00.000Z',
      },
    ]);
    expect(run(registered, bySystem('ObjectionUnverifiableNoted', { note })).notes).toHaveLength(1);
  });

  it('accepts the objection’s events from the system or an admin only', () => {
    const snapshot = initialSnapshot(creditRecordMachine, 'record-1');
    const live = decide(creditRecordMachine, snapshot, registered);
    if (!live.accepted) throw new Error('not registered');
    for (const type of ['ObjectionMarked', 'ObjectionUnverifiableNoted', 'CreditRecordCorrected'])
      expect(
        decide(creditRecordMachine, live.next, { ...bySystem(type), actor: SAMPLE_OFFICER }).accepted,
      ).toBe(false);
  });

  it('makes a correction a new content version', () => {
    const corrected = run(
      registered,
      bySystem('CreditRecordCorrected', { record: { facts: '更正后的事实' } }),
    );
    expect(corrected.contentVersion).toBe(2);
    expect(corrected.record).toMatchObject({
      facts: '更正后的事实',
      decisionNumber: SAMPLE_RECORD.decisionNumber,
    });
  });
});
