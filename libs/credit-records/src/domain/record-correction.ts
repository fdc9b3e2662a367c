import { DomainError } from '@credence/shared';
import type { RecordContent, RecordKind } from './credit-record';

/**
 * What a correction (更正) may change: the fields that do not move the record's publicity periods. Severity, field
 * and the decision's number and date choose the periods (rule sets count from them), so a record wrong in one of
 * those is removed and registered anew by its authority rather than corrected in place.
 */
export const CORRECTABLE_FIELDS = ['facts', 'legalBasis', 'kind', 'subjectName'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** The corrected values asked for; a field left out keeps its value. */
export interface RecordCorrectionInput {
  facts?: string;
  legalBasis?: string | null;
  kind?: RecordKind;
  subjectName?: string;
}

export interface FieldChange {
  field: CorrectableField;
  from: string | null;
  to: string | null;
}

/**
 * A correction as the record's `CreditRecordCorrected` event carries it: the patch its machine merges into the
 * content, and each changed field with its old and new value, so the history shows both versions side by side.
 */
export interface RecordCorrection {
  record: Partial<RecordContent>;
  changes: FieldChange[];
}

export class CorrectionChangesNothingError extends DomainError {
  constructor() {
    super({
      code: 'CREDIT_RECORD.CORRECTION_CHANGES_NOTHING',
      status: 422,
      message: {
        zh: '更正内容与现有记录相同，未作任何更正',
        en: 'The correction gives the values the record already has',
      },
      details: { correctableFields: [...CORRECTABLE_FIELDS] },
    });
  }
}

const clean = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value.trim();

/** The patch and the changes that turn `current` into the corrected content; refuses a correction that changes nothing. */
export function correctionOf(current: RecordContent, input: RecordCorrectionInput): RecordCorrection {
  const record: Partial<RecordContent> = {};
  const changes: FieldChange[] = [];
  const facts = clean(input.facts);
  if (facts !== null && facts !== current.facts) {
    record.facts = facts;
    changes.push({ field: 'facts', from: current.facts, to: facts });
  }
  if (input.legalBasis !== undefined && clean(input.legalBasis) !== current.legalBasis) {
    record.legalBasis = clean(input.legalBasis);
    changes.push({ field: 'legalBasis', from: current.legalBasis, to: record.legalBasis });
  }
  if (input.kind !== undefined && input.kind !== current.kind) {
    record.kind = input.kind;
    changes.push({ field: 'kind', from: current.kind, to: input.kind });
  }
  const name = clean(input.subjectName);
  if (name !== null && name !== current.subject.name) {
    // The machine merges the patch one level deep: the subject goes whole, its code and type unchanged.
    record.subject = { ...current.subject, name };
    changes.push({ field: 'subjectName', from: current.subject.name, to: name });
  }
  if (changes.length === 0) throw new CorrectionChangesNothingError();
  return { record, changes };
}
