import type { AnyMachineSnapshot } from 'xstate';
import { SYSTEM_ACTOR, type MachineEvent, type WorkflowActor } from '@credence/workflow';
import type { AppealAuthorityChoice, ObjectedRecord } from './domain/objection';

const XUYI = { authorityCode: '320830', authorityPath: '320000/320800/320830', subjectCode: null };

/** The actors of the model: the subject and another one, the finding authority's staff, the city's, the system. */
export const MODEL_ACTORS = {
  subject: {
    id: 'applicant-a',
    role: 'applicant',
    authorityCode: null,
    authorityPath: null,
    subjectCode: '91320830MA1XY0012B',
  },
  otherSubject: {
    id: 'applicant-b',
    role: 'applicant',
    authorityCode: null,
    authorityPath: null,
    subjectCode: '91512000MA2AN0024X',
  },
  officer: { id: 'officer-xuyi', role: 'officer', ...XUYI },
  reviewer: { id: 'reviewer-xuyi', role: 'senior_reviewer', ...XUYI },
  secondReviewer: { id: 'reviewer-xuyi-2', role: 'senior_reviewer', ...XUYI },
  otherOfficer: {
    id: 'officer-ziyang',
    role: 'officer',
    authorityCode: '512000',
    authorityPath: '510000/512000',
    subjectCode: null,
  },
  cityReviewer: {
    id: 'reviewer-huaian',
    role: 'senior_reviewer',
    authorityCode: '320800',
    authorityPath: '320000/320800',
    subjectCode: null,
  },
  system: SYSTEM_ACTOR,
} satisfies Record<string, WorkflowActor>;

export const MODEL_RECORD: ObjectedRecord = {
  id: '0190f0a0-0000-7000-8000-000000000001',
  contentVersion: 1,
  subject: { type: 'legal_person', code: '91320830MA1XY0012B', name: '盱眙通达道路运输有限公司' },
  kind: 'administrative_penalty',
  severity: 'general',
  field: 'road_transport',
  decisionNumber: '盱交罚〔2026〕0510号',
  decisionDate: '2026-05-10',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  authorityName: '盱眙县交通运输局',
};

const SAME_AUTHORITY: AppealAuthorityChoice = {
  authority: { code: '320830', path: '320000/320800/320830', name: '盱眙县交通运输局' },
  decidedBy: 'same-authority',
  setting: { settingId: '1', value: 'same-authority', authorityCode: null, effectiveFrom: '2019-01-01' },
  note: null,
};

/** Data a candidate event carries in the model: enough for every assign to read what it needs. */
const DATA: Record<string, Record<string, unknown>> = {
  ObjectionFiled: {
    caseNumber: 'YY-320830-2026-000001',
    record: MODEL_RECORD,
    ground: 'wrong',
    statement: '处罚决定书载明的车辆号牌与本公司车辆不符',
    commitment: { content: '本单位承诺所提交材料真实有效', consent: true },
    materials: [],
  },
  ObjectionAccepted: { opinion: '材料齐全，予以受理' },
  ObjectionRefused: { reasonCodes: ['NO_GROUND'], reasons: ['未提出具体异议事项'] },
  SupplementRequested: { items: ['车辆行驶证复印件'], reasons: ['材料不全'] },
  Supplemented: { materials: [] },
  VerificationExtended: { reason: '需向执法支队调取原始记录' },
  ObjectionAnswered: { outcome: 'maintain', reasons: ['经核实，信息无误'], legalBasis: '《道路运输条例》' },
  ObjectionWithdrawn: { reason: '已与认定单位沟通' },
  AppealFiled: { statement: '不服处理结果', appealAuthority: SAME_AUTHORITY, materials: [] },
  AppealDecided: { decision: 'uphold', reasons: ['维持原处理结果'], legalBasis: '《道路运输条例》' },
  SupplementWindowElapsed: {},
  AppealWindowElapsed: {},
};

/** Candidate events per state for model-based tests: every event type, by every kind of actor. */
export function objectionModelEvents(_snapshot: AnyMachineSnapshot): MachineEvent[] {
  const at = '2026-06-02T02:00:00.000Z';
  return Object.entries(DATA).flatMap(([type, data]) =>
    Object.values(MODEL_ACTORS).map((actor) => ({ type, actor, at, data })),
  );
}
