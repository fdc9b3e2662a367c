import type { AnyMachineSnapshot } from 'xstate';
import type { SqlWrite } from '@credence/shared';
import { caseMaterialWrites } from '@credence/materials';
import { activeStatePaths, stateLabel, type CaseChange, type CaseTypeDefinition } from '@credence/workflow';
import type { RepairEvent } from './domain/repair.events';
import { repairMachine, type RepairContext } from './domain/repair.machine';
import { repairRefusals } from './domain/repair.refusals';
import { repairActions } from './repair.actions';
import { repairModelEvents } from './repair.model-events';

export const REPAIR_APPLICATION = 'repairApplication';

/** States after which no other application for the record may be opened: the case no longer holds the record. */
const CLOSED_STATES = ['approved', 'rejected', 'notAccepted', 'withdrawn', 'closedUnsupplemented', 'revoked'];

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as RepairContext;

export function isOpenApplication(snapshot: AnyMachineSnapshot): boolean {
  return !activeStatePaths(snapshot).some((p) => CLOSED_STATES.includes(p.split('.')[0]));
}

/** The materials an event names (attached by the applicant, or reviewed for a decision): each is a case material. */
const materialsNamed = ({ data }: RepairEvent) => ('materials' in data ? data.materials : undefined) ?? [];

/** The repair_applications read model (lists, queues, one open application per record), in the append statement. */
function project(change: CaseChange<RepairEvent>): SqlWrite[] {
  const c = contextOf(change.snapshot);
  const label = stateLabel(change.snapshot);
  const decision = c.revocation ?? c.decision;
  const added = materialsNamed(change.event);
  return [
    {
      text: `INSERT INTO repair_applications (id, case_number, record_id, subject_code, subject_name, authority_code,
               authority_path, state, state_label_zh, state_label_en, open, four_eyes, assignee, recommended_by,
               outcome, submitted_at, decided_at, version, created_at, updated_at, record_kind, ban_until)
             SELECT $1::uuid, $2::text, $3::uuid, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text,
                    $11::boolean, $12::boolean, $13::text, $14::text, $15::text, $16::timestamptz, $17::timestamptz,
                    $18::int, $19::timestamptz, $19::timestamptz, $20::text, $21::date
              WHERE EXISTS (SELECT 1 FROM appended)
             ON CONFLICT (id) DO UPDATE SET case_number = EXCLUDED.case_number, state = EXCLUDED.state,
               state_label_zh = EXCLUDED.state_label_zh, state_label_en = EXCLUDED.state_label_en, open = EXCLUDED.open,
               four_eyes = EXCLUDED.four_eyes, assignee = EXCLUDED.assignee, recommended_by = EXCLUDED.recommended_by,
               outcome = EXCLUDED.outcome, submitted_at = EXCLUDED.submitted_at, decided_at = EXCLUDED.decided_at,
               version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, ban_until = EXCLUDED.ban_until`,
      values: [
        change.caseId,
        c.caseNumber,
        c.record!.id,
        c.record!.subject.code,
        c.record!.subject.name,
        c.record!.authorityCode,
        c.record!.authorityPath,
        activeStatePaths(change.snapshot).join(','),
        label.zh,
        label.en,
        isOpenApplication(change.snapshot),
        c.fourEyes,
        c.acceptedBy,
        c.recommendation?.by ?? null,
        decision?.outcome ?? null,
        c.submittedAt,
        decision?.at ?? null,
        change.version,
        change.at,
        c.record!.kind,
        c.revocation?.banUntil ?? null,
      ],
    },
    ...(added.length > 0 ? caseMaterialWrites(change.caseId, added, change.at) : []),
  ];
}

/** HTTP action name → machine event. */
export const REPAIR_ACTIONS = {
  create: 'RepairApplicationCreated',
  'update-draft': 'RepairDraftUpdated',
  submit: 'RepairApplicationSubmitted',
  withdraw: 'RepairApplicationWithdrawn',
  accept: 'RepairApplicationAccepted',
  refuse: 'RepairApplicationRefused',
  'request-supplement': 'RepairSupplementRequested',
  supplement: 'RepairSupplementProvided',
  extend: 'RepairReviewExtended',
  recommend: 'RepairRecommended',
  approve: 'RepairApproved',
  reject: 'RepairRejected',
  revoke: 'RepairApprovalRevoked',
} as const;

function viewOf(context: unknown): Record<string, unknown> {
  const c = context as RepairContext;
  return {
    caseNumber: c.caseNumber,
    record: c.record,
    materials: c.materials,
    commitment: c.commitment,
    fourEyes: c.fourEyes,
    submittedAt: c.submittedAt,
    supplementRequest: c.supplementRequest,
    extension: c.extension,
    recommendation: c.recommendation,
    decision: c.decision,
    revocation: c.revocation,
  };
}

export const repairCaseType: CaseTypeDefinition = {
  type: REPAIR_APPLICATION,
  label: { zh: '信用修复申请', en: 'Credit repair application' },
  machine: repairMachine,
  actions: REPAIR_ACTIONS,
  actionTable: repairActions,
  refusals: repairRefusals,

  ownershipOf: (context) => {
    const c = context as RepairContext;
    return {
      authorityCode: c.record?.authorityCode ?? '',
      authorityPath: c.record?.authorityPath ?? '',
      subjectCode: c.record?.subject.code ?? '',
      subjectName: c.record?.subject.name ?? '',
      title: c.caseNumber ?? `信用修复申请（草稿）${c.record?.decisionNumber ?? ''}`,
    };
  },
  viewOf,
  project,
  modelEvents: repairModelEvents,
};
