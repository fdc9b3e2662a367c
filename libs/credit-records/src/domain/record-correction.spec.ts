import { describe, expect, it } from '@jest/globals';
import { SAMPLE_RECORD } from '../testing/sample-record';
import { CorrectionChangesNothingError, correctionOf } from './record-correction';

describe('record corrections', () => {
  it('patches only what changes and lists each field’s old and new value', () => {
    const correction = correctionOf(SAMPLE_RECORD, {
      facts: ' 未按规定维护车辆（苏H·12345） ',
      legalBasis: SAMPLE_RECORD.legalBasis,
      subjectName: '盱眙通达运输有限公司',
    });
    expect(correction.record).toEqual({
      facts: '未按规定维护车辆（苏H·12345）',
      subject: { ...SAMPLE_RECORD.subject, name: '盱眙通达运输有限公司' },
    });
    expect(correction.changes).toEqual([
      { field: 'facts', from: '未按规定维护车辆', to: '未按规定维护车辆（苏H·12345）' },
      { field: 'subjectName', from: '盱眙通达道路运输有限公司', to: '盱眙通达运输有限公司' },
    ]);
  });

  it('may set or clear the legal basis and change the kind', () => {
    const correction = correctionOf(
      { ...SAMPLE_RECORD, legalBasis: '旧依据' },
      { legalBasis: null, kind: 'other' },
    );
    expect(correction.changes).toEqual([
      { field: 'legalBasis', from: '旧依据', to: null },
      { field: 'kind', from: 'administrative_penalty', to: 'other' },
    ]);
  });

  it('refuses a correction that changes nothing', () => {
    expect(() => correctionOf(SAMPLE_RECORD, { facts: SAMPLE_RECORD.facts })).toThrow(
      CorrectionChangesNothingError,
    );
    expect(() => correctionOf(SAMPLE_RECORD, {})).toThrow(CorrectionChangesNothingError);
  });
});
