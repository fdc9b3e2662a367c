import { actionTable, joinedReason, type ActionFactsContext } from '@credence/workflow';
import type { CreditRecordContext } from './domain/credit-record.machine';
import { correctionOf, type RecordCorrectionInput } from './domain/record-correction';

/** What staff send to shield a record or lift the shield: the reasons and, optionally, the legal basis. */
export interface RecordActionInput {
  reasons: string[];
  legalBasis?: string | null;
}

export interface TechnicalCorrectionInput {
  /** What went wrong on the platform's side (e.g. a transfer that cut the facts), told to auditors. */
  reasons: string[];
  correction: RecordCorrectionInput;
}

/** Reason code of a correction made because the platform showed something other than what the authority sent. */
export const TECHNICAL_ERROR_REASON = 'PLATFORM_TECHNICAL_ERROR';

/** Shield and lift: the reasons, and the same joined as the events stored them before (joinedReason). */
const reasoned = ({ input }: ActionFactsContext<RecordActionInput, CreditRecordContext>) => ({
  reason: joinedReason(input.reasons) ?? '',
  reasons: input.reasons,
  legalBasis: input.legalBasis ?? null,
});

/**
 * A platform's own technical error (the record shown differs from what the finding authority sent) is corrected by
 * an administrator directly, without the authority (domain-rules §2: [S35]). Recorded as such: the correction event
 * says `technicalError: true`, gives the reason and each changed field with its old and new value, computed on the
 * loaded version (a concurrent change makes them stale: the append refuses it).
 */
function technicalCorrection({
  input,
  context,
}: ActionFactsContext<TechnicalCorrectionInput, CreditRecordContext>) {
  const correction = correctionOf(context.record!, input.correction);
  return {
    technicalError: true,
    reasons: input.reasons,
    reasonCodes: [TECHNICAL_ERROR_REASON],
    outcome: 'corrected',
    record: correction.record,
    changes: correction.changes,
  };
}

/**
 * The record's actions over HTTP: the temporary shield during bankruptcy reorganisation and its lifting, and an
 * administrator's correction of a platform technical error. The other record events come from the repair and
 * objection workflows through reactions.
 */
export const creditRecordActions = actionTable<CreditRecordContext>()({
  actions: {
    shield: { event: 'CreditRecordShielded', facts: reasoned },
    'lift-shield': { event: 'ShieldLifted', facts: reasoned },
    'technical-correction': { event: 'CreditRecordCorrected', facts: technicalCorrection },
  },
});

export type RecordAction = keyof typeof creditRecordActions.actions;
