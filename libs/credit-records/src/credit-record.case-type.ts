import { createHash } from 'node:crypto';
import type { SqlWrite } from '@credence/shared';
import { canonicalJson } from '@credence/event-store';
import {
  activeStatePaths,
  SYSTEM_ACTOR,
  type CaseChange,
  type CaseTypeDefinition,
  type MachineEvent,
} from '@credence/workflow';
import type { AnyMachineSnapshot } from 'xstate';
import { STATUS_LABELS, type RecordContent } from './domain/credit-record';
import { creditRecordMachine, type CreditRecordContext } from './domain/credit-record.machine';
import { creditRecordRefusals } from './domain/credit-record.refusals';
import { creditRecordActions } from './credit-record.actions';
import { objectionMarked, publicStatusOf } from './domain/credit-record.status';

export const CREDIT_RECORD = 'creditRecord';

/** A digest of what the authority decided: the same content registered twice is the same record. */
export function contentHash(record: RecordContent): string {
  const { authorityPath: _p, authorityName: _n, ...content } = record;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function context(snapshot: AnyMachineSnapshot): CreditRecordContext {
  return snapshot.context as CreditRecordContext;
}

/** The credit_records read model, rewritten from the case's state in the append statement. */
function project(change: CaseChange): SqlWrite[] {
  const c = context(change.snapshot);
  const r = c.record!;
  const paths = activeStatePaths(change.snapshot);
  return [
    {
      text: `INSERT INTO credit_records (id, subject_code, subject_type, subject_name, kind, severity, field, decision_number,
               decision_date, authority_code, authority_path, facts, legal_basis, rule_set_code, repairable_from,
               publicity_ends_after, status, objection_marked, content_version, content_hash, version, registered_at, updated_at,
               notes)
             SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::date, $10::text,
                    $11::text, $12::text, $13::text, $14::text, $15::date, $16::date, $17::text, $18::boolean, $19::int,
                    $20::text, $21::int, $22::timestamptz, $22::timestamptz, $23::jsonb
              WHERE EXISTS (SELECT 1 FROM appended)
             ON CONFLICT (id) DO UPDATE SET subject_name = EXCLUDED.subject_name, kind = EXCLUDED.kind,
               severity = EXCLUDED.severity, field = EXCLUDED.field, facts = EXCLUDED.facts, legal_basis = EXCLUDED.legal_basis,
               rule_set_code = EXCLUDED.rule_set_code, repairable_from = EXCLUDED.repairable_from,
               publicity_ends_after = EXCLUDED.publicity_ends_after, status = EXCLUDED.status,
               objection_marked = EXCLUDED.objection_marked, content_version = EXCLUDED.content_version,
               content_hash = EXCLUDED.content_hash, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at,
               notes = EXCLUDED.notes`,
      values: [
        change.caseId,
        r.subject.code,
        r.subject.type,
        r.subject.name,
        r.kind,
        r.severity,
        r.field,
        r.decisionNumber,
        r.decisionDate,
        r.authorityCode,
        r.authorityPath,
        r.facts,
        r.legalBasis,
        c.ruleSet,
        c.repairableFrom,
        c.publicityEndsAfter,
        publicStatusOf(paths),
        objectionMarked(paths),
        c.contentVersion,
        contentHash(r),
        change.version,
        change.at,
        JSON.stringify(c.notes),
      ],
    },
  ];
}

function viewOf(ctx: unknown): Record<string, unknown> {
  const c = ctx as CreditRecordContext;
  return {
    record: c.record,
    ruleSet: c.ruleSet,
    repairableFrom: c.repairableFrom,
    publicityEndsAfter: c.publicityEndsAfter,
    contentVersion: c.contentVersion,
    publication: c.publication,
    dispute: c.dispute,
    notes: c.notes,
  };
}

/** Candidate events for model-based tests: every event type, by every kind of actor, now and after the periods. */
function modelEvents(snapshot: AnyMachineSnapshot): MachineEvent[] {
  const c = context(snapshot);
  const officer = {
    id: 'officer',
    role: 'officer' as const,
    authorityCode: '320830',
    authorityPath: '320000/320800/320830',
    subjectCode: null,
  };
  const admin = { ...officer, id: 'admin', role: 'admin' as const, authorityCode: null, authorityPath: null };
  const record = c.record ?? modelRecord;
  const periods = {
    ruleSet: 'ndrc-order-36-2026',
    repairableFrom: '2026-09-11',
    repairableAt: '2026-09-10T16:00:00.000Z',
    publicityEndsAfter: '2027-06-10',
    expiresAt: '2027-06-10T16:00:00.000Z',
  };
  const times = ['2026-06-10T02:00:00.000Z', '2026-09-10T16:00:00.000Z', '2027-06-10T16:00:00.000Z'];
  const types = [
    'CreditRecordRegistered',
    'MinimumPeriodReached',
    'PublicityPeriodEnded',
    'CreditRecordShielded',
    'ShieldLifted',
    'CreditRecordRepaired',
    'RepairRevoked',
    'CreditRecordRemoved',
    'CreditRecordCorrected',
    'ObjectionMarked',
    'ObjectionMarkCleared',
    'ObjectionUnverifiableNoted',
  ];
  const objection = { objectionCaseId: 'model-objection', caseNumber: 'YY-320830-2026-000001' };
  return types.flatMap((type) =>
    [officer, admin, SYSTEM_ACTOR].flatMap((actor) =>
      times.map((at) => ({ type, actor, at, data: { record, ...periods, ...objection } })),
    ),
  );
}

const modelRecord: RecordContent = {
  subject: { type: 'legal_person', code: '91320830MA0000000X', name: '示例' },
  kind: 'administrative_penalty',
  severity: 'general',
  field: 'road_transport',
  decisionNumber: '盱交罚〔2026〕1号',
  decisionDate: '2026-06-10',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  authorityName: '盱眙县交通运输局',
  facts: '示例',
  legalBasis: null,
};

export const creditRecordCaseType: CaseTypeDefinition = {
  type: CREDIT_RECORD,
  label: { zh: '信用记录', en: 'Credit record' },
  machine: creditRecordMachine,
  actions: {
    register: 'CreditRecordRegistered',
    shield: 'CreditRecordShielded',
    'lift-shield': 'ShieldLifted',
    correct: 'CreditRecordCorrected',
    remove: 'CreditRecordRemoved',
    repair: 'CreditRecordRepaired',
    'revoke-repair': 'RepairRevoked',
    'mark-objection': 'ObjectionMarked',
    'clear-objection': 'ObjectionMarkCleared',
    'note-unverifiable': 'ObjectionUnverifiableNoted',
  },
  actionTable: creditRecordActions,
  refusals: creditRecordRefusals,
  ownershipOf: (ctx) => {
    const r = (ctx as CreditRecordContext).record;
    return {
      authorityCode: r?.authorityCode ?? '',
      authorityPath: r?.authorityPath ?? '',
      subjectCode: r?.subject.code ?? '',
      subjectName: r?.subject.name ?? '',
      title: r ? `${r.decisionNumber}` : '',
    };
  },
  viewOf,
  project,
  modelEvents,
};

export { STATUS_LABELS };
