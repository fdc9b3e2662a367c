import type { Sql } from '@credence/shared';
import { CREDIT_RECORD } from '@credence/credit-records';
import type { EventOf, Reaction, ReactionCommand, RecordedEventOf } from '@credence/workflow';
import type { ObjectionEvent } from './domain/objection.events';
import { OBJECTION } from './objection.case-type';

/** The events of an objection that change its record (the mark, the outcome). */
export type RecordAffecting = EventOf<
  ObjectionEvent,
  'ObjectionAccepted' | 'ObjectionAnswered' | 'AppealFiled' | 'AppealDecided' | 'ObjectionWithdrawn'
>;

/** What an answer, or an appeal that overturns it, decides. */
type Decided = EventOf<ObjectionEvent, 'ObjectionAnswered' | 'AppealDecided'>['data'];

/** The objection a reaction acts for: its record and the number people quote. */
export interface ObjectionRef {
  objectionCaseId: string;
  caseNumber: string;
  recordId: string;
}

/** Reason code on the record's events caused by an objection's outcome. */
export const OBJECTION_OUTCOME_REASON = 'OBJECTION_OUTCOME';

const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const recordCommand = (
  ref: ObjectionRef,
  eventType: string,
  data: Record<string, unknown> = {},
): ReactionCommand => ({
  caseType: CREDIT_RECORD,
  caseId: ref.recordId,
  eventType,
  data: { objectionCaseId: ref.objectionCaseId, caseNumber: ref.caseNumber, ...data },
});

/** The record events an outcome causes: a new content version, removal for good, or a note next to the record. */
function outcomeCommands(ref: ObjectionRef, data: Decided): ReactionCommand[] {
  const facts = {
    reasons: Array.isArray(data.reasons) ? data.reasons : [],
    reasonCodes: [OBJECTION_OUTCOME_REASON],
    legalBasis: textOf(data.legalBasis) ?? undefined,
  };
  switch (data.outcome) {
    case 'correct': {
      // The handler requires the correction with this outcome.
      const correction = data.correction!;
      return [
        recordCommand(ref, 'CreditRecordCorrected', {
          ...facts,
          outcome: 'corrected',
          technicalError: false,
          record: correction.record,
          changes: correction.changes,
        }),
      ];
    }
    case 'remove':
      return [recordCommand(ref, 'CreditRecordRemoved', { ...facts, outcome: 'removed' })];
    case 'unverifiable': {
      const statement = textOf(data.note);
      return [
        recordCommand(ref, 'ObjectionUnverifiableNoted', {
          ...facts,
          outcome: 'unverifiable',
          note: {
            zh: `信用主体对该信息提出异议（${ref.caseNumber}），经溯源核实无法确认，异议及核实情况一并记载${statement ? `：${statement}` : ''}`,
            en: `The subject objected to this information (${ref.caseNumber}); it could not be verified at the source, so the objection and the check are both recorded${statement ? `: ${statement}` : ''}`,
          },
        }),
      ];
    }
    case 'maintain':
      return [];
  }
  // A recorded outcome outside the catalogue changes nothing on the record (the mark is still cleared).
  return [];
}

/**
 * What an objection's event does to its record (pure, so it is tested without a database). The mark (异议处理中) runs
 * from acceptance until the answer, and again from an appeal until its decision; the outcome's change is made first,
 * so the mark's end follows the change it reports.
 */
export function recordEffectsOf(event: RecordAffecting, ref: ObjectionRef) {
  const mark = () => recordCommand(ref, 'ObjectionMarked', { reasons: [], outcome: 'marked' });
  const clear = (outcome: unknown) =>
    recordCommand(ref, 'ObjectionMarkCleared', { outcome: textOf(outcome) ?? 'cleared' });
  switch (event.type) {
    case 'ObjectionAccepted':
    case 'AppealFiled':
      return [mark()];
    case 'ObjectionAnswered':
      return [...outcomeCommands(ref, event.data), clear(event.data.outcome)];
    case 'AppealDecided':
      return [
        ...(event.data.decision === 'overturn' ? outcomeCommands(ref, event.data) : []),
        clear(event.data.outcome),
      ];
    case 'ObjectionWithdrawn':
      // Only a withdrawal during verification or the appeal has a mark to clear.
      return event.data.stage === 'verification' || event.data.stage === 'appeal' ? [clear('withdrawn')] : [];
    default:
      return [];
  }
}

/** Carries an objection's consequences over to its credit record, as the system, once per event. */
export function objectionRecordEffects(): Reaction<RecordAffecting> {
  return {
    name: 'objection-record-effects',
    streamTypes: [OBJECTION],
    eventTypes: [
      'ObjectionAccepted',
      'ObjectionAnswered',
      'AppealFiled',
      'AppealDecided',
      'ObjectionWithdrawn',
    ],
    async react(event: RecordedEventOf<RecordAffecting>, tx: Sql): Promise<ReactionCommand[]> {
      const caseId = event.streamId.slice(OBJECTION.length + 1);
      // The record and number never change after filing; the read model row is written with the filing.
      const { rows } = await tx.query<{ record_id: string; case_number: string }>(
        'SELECT record_id, case_number FROM objections WHERE id = $1',
        [caseId],
      );
      if (!rows[0]) return [];
      return recordEffectsOf(event, {
        objectionCaseId: caseId,
        caseNumber: rows[0].case_number,
        recordId: rows[0].record_id,
      });
    },
  };
}
