import type { AnyMachineSnapshot } from 'xstate';
import type { SqlWrite } from '@credence/shared';
import { caseMaterialWrites } from '@credence/materials';
import { activeStatePaths, stateLabel, type CaseChange, type CaseTypeDefinition } from '@credence/workflow';
import { COMMITMENT_TYPE_LABELS, LAPSE_REASONS } from './domain/commitment';
import type { CommitmentEvent } from './domain/commitment.events';
import { commitmentMachine, type CommitmentContext } from './domain/commitment.machine';
import { commitmentRefusals } from './domain/commitment.refusals';
import { commitmentActions } from './commitment.actions';
import { commitmentModelEvents } from './commitment.model-events';

export const COMMITMENT = 'commitment';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as CommitmentContext;

/** The materials an event names (supplied against the promise, or reviewed for a finding): each is a case material. */
const materialsNamed = ({ data }: CommitmentEvent) =>
  ('materials' in data ? data.materials : undefined) ?? [];

/** The commitments read model (lists, due checks, breach statistics, the public view), in the append statement. */
function project(change: CaseChange<CommitmentEvent>): SqlWrite[] {
  const c = contextOf(change.snapshot);
  const label = stateLabel(change.snapshot);
  const state = activeStatePaths(change.snapshot).join(',');
  const record = c.consequences.find((k) => k.kind === 'breach-record');
  const added = materialsNamed(change.event);
  const outcome = c.withdrawal ? 'withdrawn' : c.lapse ? 'lapsed' : (c.outcome?.result ?? null);
  return [
    {
      text: `INSERT INTO commitments (id, case_number, type, subject_code, subject_type, subject_name, authority_code,
               authority_path, authority_name, matter, items, promised_materials, promised_by, linked_kind,
               linked_reference, state, state_label_zh, state_label_en, published, signed_at, published_at, in_force_at,
               check_due_date, check_overdue, outcome, outcome_at, automatic, breach_ground, breach_record_id,
               breach_decision_number, version, created_at, updated_at)
             SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text,
                    $11::jsonb, $12::jsonb, $13::date, $14::text, $15::text, $16::text, $17::text, $18::text,
                    $19::boolean, $20::timestamptz, $21::timestamptz, $22::timestamptz, $23::date, $24::boolean,
                    $25::text, $26::timestamptz, $27::boolean, $28::text, $29::uuid, $30::text, $31::int,
                    $32::timestamptz, $32::timestamptz
              WHERE EXISTS (SELECT 1 FROM appended)
             ON CONFLICT (id) DO UPDATE SET linked_kind = EXCLUDED.linked_kind,
               linked_reference = EXCLUDED.linked_reference, state = EXCLUDED.state,
               state_label_zh = EXCLUDED.state_label_zh, state_label_en = EXCLUDED.state_label_en,
               published = EXCLUDED.published, published_at = EXCLUDED.published_at, in_force_at = EXCLUDED.in_force_at,
               check_due_date = EXCLUDED.check_due_date, check_overdue = EXCLUDED.check_overdue,
               outcome = EXCLUDED.outcome, outcome_at = EXCLUDED.outcome_at, automatic = EXCLUDED.automatic,
               breach_ground = EXCLUDED.breach_ground, breach_record_id = EXCLUDED.breach_record_id,
               breach_decision_number = EXCLUDED.breach_decision_number, version = EXCLUDED.version,
               updated_at = EXCLUDED.updated_at`,
      values: [
        change.caseId,
        c.caseNumber,
        c.type,
        c.subject!.code,
        c.subject!.type,
        c.subject!.name,
        c.authority!.code,
        c.authority!.path,
        c.authority!.name,
        c.matter,
        JSON.stringify(c.items),
        JSON.stringify(c.promisedMaterials),
        c.promisedBy,
        c.linked?.kind ?? null,
        c.linked?.reference ?? null,
        state,
        label.zh,
        label.en,
        c.publishedAt !== null && c.withdrawal === null && c.lapse === null,
        c.signed!.at,
        c.publishedAt,
        c.inForce?.at ?? null,
        c.checkDue?.date ?? null,
        c.checkOverdue,
        outcome,
        c.withdrawal?.at ?? c.lapse?.at ?? c.outcome?.at ?? null,
        c.outcome?.automatic ?? false,
        c.outcome?.ground ?? null,
        record?.recordId ?? null,
        record?.decisionNumber ?? null,
        change.version,
        change.at,
      ],
    },
    ...caseMaterialWrites(change.caseId, added, change.at),
  ];
}

/** HTTP action name → machine event. */
export const COMMITMENT_ACTIONS = {
  sign: 'CommitmentSigned',
  withdraw: 'CommitmentWithdrawn',
  'take-effect': 'CommitmentTookEffect',
  'supply-materials': 'PromisedMaterialsSupplied',
  'start-check': 'FulfilmentCheckStarted',
  'record-fulfilment': 'CommitmentFulfilled',
  'record-breach': 'CommitmentBreached',
} as const;

/** The events that break a commitment: a check's finding, or the promised date passing (容缺). */
export const BREACH_EVENTS = ['CommitmentBreached', 'PromisedMaterialsOverdue'] as const;

function viewOf(context: unknown): Record<string, unknown> {
  const c = context as CommitmentContext;
  return {
    caseNumber: c.caseNumber,
    type: c.type,
    typeLabel: c.type ? COMMITMENT_TYPE_LABELS[c.type] : null,
    subject: c.subject,
    authority: c.authority,
    matter: c.matter,
    field: c.field,
    items: c.items,
    promisedMaterials: c.promisedMaterials,
    promisedBy: c.promisedBy,
    linked: c.linked,
    consentToPublish: c.consentToPublish,
    signed: c.signed,
    publishedAt: c.publishedAt,
    inForce: c.inForce,
    checkDue: c.checkDue,
    checkOverdue: c.checkOverdue,
    check: c.check,
    supplied: c.supplied,
    outcome: c.outcome,
    withdrawal: c.withdrawal,
    lapse: c.lapse && { ...c.lapse, label: LAPSE_REASONS[c.lapse.reason] },
    consequences: c.consequences,
  };
}

export const commitmentCaseType: CaseTypeDefinition = {
  type: COMMITMENT,
  label: { zh: '信用承诺', en: 'Credit commitment' },
  machine: commitmentMachine,
  actions: COMMITMENT_ACTIONS,
  actionTable: commitmentActions,
  refusals: commitmentRefusals,
  ownershipOf: (context) => {
    const c = context as CommitmentContext;
    return {
      authorityCode: c.authority?.code ?? '',
      authorityPath: c.authority?.path ?? '',
      subjectCode: c.subject?.code ?? '',
      subjectName: c.subject?.name ?? '',
      title: c.caseNumber ?? '',
    };
  },
  viewOf,
  project,
  modelEvents: commitmentModelEvents,
};
