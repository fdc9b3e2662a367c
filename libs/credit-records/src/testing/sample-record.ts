import type { WorkflowActor } from '@credence/workflow';
import type { RecordContent } from '../domain/credit-record';

/** An officer of 盱眙县交通运输局 (320830), the finding authority of SAMPLE_RECORD. */
export const SAMPLE_OFFICER: WorkflowActor = {
  id: 'officer-1',
  role: 'officer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  subjectCode: null,
};

/** A general penalty decided 2026-05-10, for tests that register records through the engine directly. */
export const SAMPLE_RECORD: RecordContent = {
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

/** Its periods under Order 36 (general: repairable after 3 months, published at most 1 year). */
export const SAMPLE_PERIODS = {
  ruleSet: 'ndrc-order-36-2026',
  repairableFrom: '2026-08-11',
  repairableAt: '2026-08-10T16:00:00.000Z',
  publicityEndsAfter: '2027-05-10',
  expiresAt: '2027-05-10T16:00:00.000Z',
};
