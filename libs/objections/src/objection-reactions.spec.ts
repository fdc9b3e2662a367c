import { describe, expect, it } from '@jest/globals';
import type { CorrectionPlan } from './domain/objection';
import type { AppealFiled } from './domain/objection.events';
import {
  platformNoticesOf,
  recordEffectsOf,
  type ObjectionRef,
  type RecordAffecting,
} from './objection-reactions';

const ref: ObjectionRef = {
  objectionCaseId: 'objection-1',
  caseNumber: 'YY-320830-2026-000001',
  recordId: 'record-1',
};
const types = (event: RecordAffecting) => recordEffectsOf(event, ref).map((c) => c.eventType);

const appeal: AppealFiled = {
  type: 'AppealFiled',
  data: {
    statement: '处理结果有误',
    appealAuthority: {
      authority: { code: '320830', path: '320000/320800/320830', name: '盱眙县交通运输局' },
      decidedBy: 'same-authority',
      setting: {
        settingId: 'setting-1',
        value: 'same-authority',
        authorityCode: null,
        effectiveFrom: '2026-01-01',
      },
      note: null,
    },
  },
};

describe('what an objection does to its record', () => {
  it('marks the record from acceptance and again from an appeal', () => {
    expect(types({ type: 'ObjectionAccepted', data: {} })).toEqual(['ObjectionMarked']);
    expect(types(appeal)).toEqual(['ObjectionMarked']);
    expect(recordEffectsOf({ type: 'ObjectionAccepted', data: {} }, ref)[0]).toMatchObject({
      caseType: 'creditRecord',
      caseId: 'record-1',
      data: { objectionCaseId: 'objection-1', caseNumber: 'YY-320830-2026-000001' },
    });
  });

  it('carries out the answer’s outcome, then clears the mark', () => {
    const correction: CorrectionPlan = {
      record: { facts: '新' },
      changes: [{ field: 'facts', from: '旧', to: '新' }],
    };
    const correct = recordEffectsOf(
      { type: 'ObjectionAnswered', data: { outcome: 'correct', correction, reasons: ['核实有误'] } },
      ref,
    );
    expect(correct.map((c) => c.eventType)).toEqual(['CreditRecordCorrected', 'ObjectionMarkCleared']);
    expect(correct[0].data).toMatchObject({
      record: { facts: '新' },
      changes: correction.changes,
      technicalError: false,
      reasons: ['核实有误'],
      reasonCodes: ['OBJECTION_OUTCOME'],
    });
    expect(types({ type: 'ObjectionAnswered', data: { outcome: 'remove' } })).toEqual([
      'CreditRecordRemoved',
      'ObjectionMarkCleared',
    ]);
    expect(types({ type: 'ObjectionAnswered', data: { outcome: 'maintain' } })).toEqual([
      'ObjectionMarkCleared',
    ]);
    const unverifiable = recordEffectsOf(
      { type: 'ObjectionAnswered', data: { outcome: 'unverifiable', note: '原始卷宗缺失' } },
      ref,
    );
    expect(unverifiable.map((c) => c.eventType)).toEqual([
      'ObjectionUnverifiableNoted',
      'ObjectionMarkCleared',
    ]);
    expect((unverifiable[0].data.note as { zh: string }).zh).toContain('原始卷宗缺失');
  });

  it('changes the record on an appeal only when the answer is overturned', () => {
    expect(types({ type: 'AppealDecided', data: { decision: 'uphold', outcome: 'maintain' } })).toEqual([
      'ObjectionMarkCleared',
    ]);
    expect(types({ type: 'AppealDecided', data: { decision: 'overturn', outcome: 'remove' } })).toEqual([
      'CreditRecordRemoved',
      'ObjectionMarkCleared',
    ]);
  });

  it('clears the mark on a withdrawal only when the record was marked', () => {
    expect(types({ type: 'ObjectionWithdrawn', data: { stage: 'admission' } })).toEqual([]);
    expect(types({ type: 'ObjectionWithdrawn', data: { stage: 'verification' } })).toEqual([
      'ObjectionMarkCleared',
    ]);
    expect(types({ type: 'ObjectionWithdrawn', data: { stage: 'appeal' } })).toEqual([
      'ObjectionMarkCleared',
    ]);
  });
});

describe('what the downstream platforms are told of an objection', () => {
  const notices = (event: RecordAffecting) =>
    platformNoticesOf(recordEffectsOf(event, ref)).map((n) => [n.topic, n.outcome]);

  it('the mark set, the record removed, and the mark’s end after the change it reports', () => {
    expect(notices({ type: 'ObjectionAccepted', data: {} })).toEqual([['objection.mark-set', 'marked']]);
    expect(notices({ type: 'ObjectionAnswered', data: { outcome: 'remove' } })).toEqual([
      ['objection.removed', 'removed'],
      ['objection.mark-cleared', 'remove'],
    ]);
    expect(notices({ type: 'AppealDecided', data: { decision: 'uphold', outcome: 'maintain' } })).toEqual([
      ['objection.mark-cleared', 'maintain'],
    ]);
    expect(notices({ type: 'ObjectionWithdrawn', data: { stage: 'admission' } })).toEqual([]);
  });

  it('an unverifiable outcome: the mark’s end carries the note recorded next to the record', () => {
    const [cleared, ...rest] = platformNoticesOf(
      recordEffectsOf(
        { type: 'ObjectionAnswered', data: { outcome: 'unverifiable', note: '原始卷宗缺失' } },
        ref,
      ),
    );
    expect(rest).toEqual([]);
    expect(cleared).toMatchObject({ topic: 'objection.mark-cleared', outcome: 'unverifiable' });
    expect(cleared.note?.zh).toContain('原始卷宗缺失');
  });
});
