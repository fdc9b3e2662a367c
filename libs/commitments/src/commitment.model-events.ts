import type { AnyMachineSnapshot } from 'xstate';
import { candidateEvents, modelActors, type MachineEvent } from '@credence/workflow';
import { COMMITMENT_TYPES, type CommitmentType } from './domain/commitment';

const SUBJECT = '91320830MA1XY0012B';
const REPAIR_CASE_ID = '00000000-0000-4000-8000-0000000000a1';
const ACTORS = modelActors(SUBJECT);

const signing = (type: CommitmentType, consentToPublish: boolean, eligible = true) => ({
  caseNumber: 'CN-320830-2026-000001',
  type,
  subject: { type: 'legal_person', code: SUBJECT, name: '盱眙通达道路运输有限公司' },
  authority: { code: '320830', path: '320000/320800/320830', name: '盱眙县交通运输局' },
  matter: '道路运输经营许可',
  field: 'road_transport',
  items: [{ code: 'materials_true', text: '所提交的材料合法、真实、准确、有效' }],
  promisedMaterials: type === 'missing_materials' ? ['车辆技术等级评定证明', '驾驶员从业资格证'] : [],
  promisedBy: type === 'missing_materials' ? '2026-06-11' : null,
  // A repair commitment is made within its application; a repair commitment linked to a licence is refused.
  linked:
    type === 'repair'
      ? { kind: 'repair_application', reference: REPAIR_CASE_ID, description: null }
      : { kind: 'external_licence', reference: '苏交运许〔2026〕1号', description: null },
  consentToPublish,
  eligibility: { allowed: eligible },
});
const material = (item: string) => ({
  item,
  id: '00000000-0000-4000-8000-0000000000f1',
  sha256: 'a'.repeat(64),
  fileName: `${item}.pdf`,
  mediaType: 'application/pdf',
  size: 1024,
  attachedAt: '2026-06-01T02:00:00.000Z',
});
const consequence = {
  breachEventId: '00000000-0000-4000-8000-0000000000b1',
  recordId: '00000000-0000-4000-8000-0000000000c1',
  decisionNumber: '违诺〔CN-320830-2026-000001〕',
};

/**
 * Candidate events for model-based tests: every action by every kind of actor, each type signed with and without
 * consent (and a fast-track one by an ineligible subject, which must be refused), so the shortest paths reach
 * every state.
 */
export function commitmentModelEvents(_snapshot: AnyMachineSnapshot): MachineEvent[] {
  const data: Record<string, Record<string, unknown>[]> = {
    CommitmentSigned: [
      ...COMMITMENT_TYPES.flatMap((type) => [signing(type, true), signing(type, false)]),
      signing('missing_materials', true, false),
    ],
    CommitmentWithdrawn: [{ reason: '不再申请该事项' }],
    CommitmentLapsed: [{ reason: 'application_rejected', repairCaseId: REPAIR_CASE_ID }],
    CommitmentTookEffect: [
      {
        checkDue: { date: '2026-06-11', at: '2026-06-11T16:00:00.000Z' },
        eligibility: { allowed: true },
        opinion: '依承诺受理',
      },
    ],
    PromisedMaterialsSupplied: [
      { materials: [material('车辆技术等级评定证明')] },
      { materials: [material('车辆技术等级评定证明'), material('驾驶员从业资格证')] },
    ],
    FulfilmentCheckStarted: [{ method: 'document_review', description: '核对原件' }],
    CommitmentFulfilled: [{ findings: '经核查，承诺事项属实' }],
    CommitmentBreached: [{ ground: 'false_commitment', findings: '经核查，承诺内容不实' }],
    PromisedMaterialsOverdue: [{ timer: 'fulfilment-due', dueAt: '2026-06-11T16:00:00.000Z' }],
    FulfilmentCheckOverdue: [{ timer: 'fulfilment-due', dueAt: '2026-06-11T16:00:00.000Z' }],
    BreachRecordRegistered: [consequence],
    BreachRecordRefused: [{ ...consequence, code: 'CREDIT_RECORD.NO_RULE_SET', message: '…' }],
    LinkedDecisionRevocationRequested: [{ ...consequence, linked: signing('repair', true).linked }],
    GradeReEvaluationRequested: [consequence],
  };
  return candidateEvents(data, ACTORS, '2026-06-01T02:00:00.000Z');
}
