import type { AnyMachineSnapshot } from 'xstate';
import { candidateEvents, modelActors, type MachineEvent } from '@credence/workflow';
import type { RecordSummary } from './domain/repair-application';
import type { RepairContext } from './domain/repair.machine';

const SUBJECT = '91320830MA1XY0012B';
const ACTORS = modelActors(SUBJECT);

const record = (severity: 'general' | 'serious'): RecordSummary => ({
  id: '00000000-0000-4000-8000-000000000001',
  decisionNumber: '盱交罚〔2026〕1号',
  decisionDate: '2026-01-05',
  kind: 'administrative_penalty',
  severity,
  field: 'road_transport',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  authorityName: '盱眙县交通运输局',
  subject: { type: 'legal_person', code: SUBJECT, name: '示例运输有限公司' },
  repairableFrom: '2026-04-06',
  ruleSet: 'ndrc-order-36-2026',
});

const material = {
  id: '00000000-0000-4000-8000-0000000000f1',
  sha256: 'a'.repeat(64),
  category: 'correction_proof',
  fileName: '罚款缴纳凭证.pdf',
  mediaType: 'application/pdf',
  size: 1024,
  attachedAt: '2026-06-01T02:00:00.000Z',
};
const commitment = {
  caseId: '00000000-0000-4000-8000-0000000000c7',
  caseNumber: 'CN-320830-2026-000001',
  content: '本单位承诺…',
  consentToPublish: true,
  signedAt: '2026-06-01',
  inForceFrom: null,
};

/**
 * Candidate events for model-based tests: every action by every kind of actor, with the data its handler would
 * pass (a general record decided alone and a serious one needing four eyes), so the shortest paths reach every state.
 */
export function repairModelEvents(snapshot: AnyMachineSnapshot): MachineEvent[] {
  const c = snapshot.context as RepairContext;
  const data: Record<string, Record<string, unknown>[]> = {
    RepairApplicationCreated: [
      { record: record('general'), materials: [material], commitment },
      { record: record('serious'), materials: [], commitment },
    ],
    RepairDraftUpdated: [{ materials: [material] }],
    RepairApplicationSubmitted: [
      { caseNumber: 'XF-320830-2026-000001', fourEyes: c.record?.severity === 'serious' },
    ],
    RepairApplicationWithdrawn: [{ reasons: ['不再申请'] }],
    RepairApplicationAccepted: [{ opinion: '材料齐全' }],
    RepairApplicationRefused: [{ reasonCodes: ['NOT_FINDING_AUTHORITY'], reasons: ['…'], legalBasis: '…' }],
    RepairSupplementRequested: [{ items: ['罚款缴纳凭证'] }],
    RepairSupplementProvided: [{ materials: [material] }],
    RepairReviewExtended: [{ reasons: ['需要核查'] }],
    RepairRecommended: [{ recommendation: 'approve', opinion: '建议准予修复', reasons: ['已履行'] }],
    RepairApproved: [{ opinion: '同意', reasons: ['已履行'], legalBasis: '《信用修复管理办法》' }],
    RepairRejected: [{ reasonCodes: ['DUTIES_NOT_FULFILLED'], reasons: ['…'], legalBasis: '…' }],
    RepairApprovalRevoked: [
      { ground: 'false_materials', reasons: ['…'], legalBasis: '…', banUntil: '2029-06-01' },
      { ground: 'commitment_broken', reasons: ['…'], legalBasis: '…', banUntil: '2029-06-01' },
    ],
    RepairSupplementWindowElapsed: [{}],
  };
  return candidateEvents(data, ACTORS, '2026-06-01T02:00:00.000Z');
}
