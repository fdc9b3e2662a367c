import type { AnyMachineSnapshot } from 'xstate';
import type { SqlWrite } from '@credence/shared';
import { caseMaterialWrites } from '@credence/materials';
import { activeStatePaths, stateLabel, type CaseChange, type CaseTypeDefinition } from '@credence/workflow';
import { GROUND_LABELS, OUTCOME_LABELS, outcomeInForce, type ObjectionContext } from './domain/objection';
import type { ObjectionEvent } from './domain/objection.events';
import { FINAL_STATES, objectionMachine } from './domain/objection.machine';
import { objectionRefusals } from './domain/objection.refusals';
import { objectionActions } from './objection.actions';
import { objectionModelEvents } from './objection.model-events';

export const OBJECTION = 'objection';

/** Prefix of objection case numbers: YY-320830-2026-000001 (异议). */
export const OBJECTION_NUMBER_PREFIX = 'YY';

/** The partial unique index that keeps one open objection per record, even when two filings race. */
export const ONE_OPEN_PER_RECORD = 'objections_one_open_per_record';

/** HTTP action name → machine event type. `uphold` is the answer (异议处理结果) with its outcome. */
export const OBJECTION_ACTIONS = {
  file: 'ObjectionFiled',
  accept: 'ObjectionAccepted',
  refuse: 'ObjectionRefused',
  'request-supplement': 'SupplementRequested',
  supplement: 'Supplemented',
  extend: 'VerificationExtended',
  uphold: 'ObjectionAnswered',
  withdraw: 'ObjectionWithdrawn',
  appeal: 'AppealFiled',
  'decide-appeal': 'AppealDecided',
} as const;

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as ObjectionContext;

/** The top-level state: admission, verification, answered, appeal, or one of the final states. */
export function stageOf(snapshot: AnyMachineSnapshot): string {
  return activeStatePaths(snapshot)[0]?.split('.')[0] ?? 'new';
}

export function isOpenObjection(snapshot: AnyMachineSnapshot): boolean {
  return !(FINAL_STATES as readonly string[]).includes(stageOf(snapshot));
}

/** The materials an event names (handed in by the subject, or reviewed for a decision): each is a case material. */
const materialsNamed = ({ data }: ObjectionEvent) => ('materials' in data ? data.materials : undefined) ?? [];

/** The `objections` read model (lists, queues, one open objection per record), written in the append statement. */
function project(change: CaseChange<ObjectionEvent>): SqlWrite[] {
  const c = contextOf(change.snapshot);
  const label = stateLabel(change.snapshot);
  const record = c.record!;
  const added = materialsNamed(change.event);
  return [
    {
      text: `INSERT INTO objections (id, case_number, record_id, record_decision_number, subject_code, subject_name,
               finding_authority_code, authority_code, authority_path, ground, state, state_path, state_label_zh,
               state_label_en, open, outcome, appealed, appeal_decision, filed_at, accepted_at, answered_at, closed_at,
               version, updated_at)
             SELECT $1::uuid, $2::text, $3::uuid, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text,
                    $11::text, $12::text, $13::text, $14::text, $15::boolean, $16::text, $17::boolean, $18::text,
                    $19::timestamptz, $20::timestamptz, $21::timestamptz, $22::timestamptz, $23::int, $24::timestamptz
              WHERE EXISTS (SELECT 1 FROM appended)
             ON CONFLICT (id) DO UPDATE SET authority_code = EXCLUDED.authority_code,
               authority_path = EXCLUDED.authority_path, state = EXCLUDED.state, state_path = EXCLUDED.state_path,
               state_label_zh = EXCLUDED.state_label_zh, state_label_en = EXCLUDED.state_label_en, open = EXCLUDED.open,
               outcome = EXCLUDED.outcome, appealed = EXCLUDED.appealed, appeal_decision = EXCLUDED.appeal_decision,
               accepted_at = EXCLUDED.accepted_at, answered_at = EXCLUDED.answered_at, closed_at = EXCLUDED.closed_at,
               version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      values: [
        change.caseId,
        c.caseNumber,
        record.id,
        record.decisionNumber,
        record.subject.code,
        record.subject.name,
        record.authorityCode,
        c.handling!.code,
        c.handling!.path,
        c.ground,
        stageOf(change.snapshot),
        activeStatePaths(change.snapshot).join(','),
        label.zh,
        label.en,
        isOpenObjection(change.snapshot),
        outcomeInForce(c),
        c.appeal !== null,
        c.appealDecision?.decision ?? null,
        c.filedAt,
        c.acceptance?.at ?? null,
        c.answer?.at ?? null,
        c.closure?.at ?? null,
        change.version,
        change.at,
      ],
    },
    // Attached materials become downloadable for the staff who may see the case.
    ...caseMaterialWrites(change.caseId, added, change.at),
  ];
}

function viewOf(context: unknown): Record<string, unknown> {
  const c = context as ObjectionContext;
  const outcome = outcomeInForce(c);
  return {
    caseNumber: c.caseNumber,
    record: c.record,
    ground: c.ground,
    groundLabel: c.ground ? GROUND_LABELS[c.ground] : null,
    statement: c.statement,
    repairApplicationId: c.repairApplicationId,
    commitment: c.commitment,
    materials: c.materials,
    filedAt: c.filedAt,
    handlingAuthority: c.handling,
    acceptance: c.acceptance,
    refusal: c.refusal,
    supplementRequests: c.supplementRequests,
    extension: c.extension,
    answer: c.answer,
    appeal: c.appeal,
    appealDecision: c.appealDecision,
    withdrawal: c.withdrawal,
    closure: c.closure,
    outcome,
    outcomeLabel: outcome ? OUTCOME_LABELS[outcome] : null,
  };
}

export const objectionCaseType: CaseTypeDefinition = {
  type: OBJECTION,
  label: { zh: '异议申请', en: 'Objection' },
  machine: objectionMachine,
  actions: OBJECTION_ACTIONS,
  actionTable: objectionActions,
  refusals: objectionRefusals,
  ownershipOf: (context) => {
    const c = context as ObjectionContext;
    return {
      authorityCode: c.handling?.code ?? '',
      authorityPath: c.handling?.path ?? '',
      subjectCode: c.record?.subject.code ?? '',
      subjectName: c.record?.subject.name ?? '',
      title: c.caseNumber ? `${c.caseNumber}（${c.record?.decisionNumber ?? ''}）` : '',
    };
  },
  viewOf,
  project,
  modelEvents: objectionModelEvents,
};
