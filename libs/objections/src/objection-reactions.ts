import { beijingDateOf, type Sql } from '@credence/shared';
import type { AuthorityPolicies } from '@credence/authority-policies';
import { CREDIT_RECORD } from '@credence/credit-records';
import {
  reactionOutbox,
  type EventOf,
  type Reaction,
  type ReactionCommand,
  type RecordedEventOf,
} from '@credence/workflow';
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

/**
 * The outbox topics (ADR 0025) by which the downstream platforms learn what an objection did to a record they
 * publish: the mark (异议处理中) set and cleared, and the record corrected or removed. An unverifiable outcome reaches
 * them as the mark cleared with that outcome and its note.
 */
export const OBJECTION_PLATFORM_TOPICS: Record<string, string> = {
  ObjectionMarked: 'objection.mark-set',
  CreditRecordCorrected: 'objection.corrected',
  CreditRecordRemoved: 'objection.removed',
  ObjectionMarkCleared: 'objection.mark-cleared',
};

/**
 * What the platforms are told of an event's record effects, in the order the record changes (a correction before
 * the end of the mark it reports). Pure, like recordEffectsOf.
 */
export function platformNoticesOf(
  commands: ReactionCommand[],
): { topic: string; outcome: string; note: { zh: string; en: string } | null }[] {
  const note = commands.find((c) => c.eventType === 'ObjectionUnverifiableNoted')?.data.note as
    { zh: string; en: string } | undefined;
  return commands.flatMap((c) => {
    const topic = OBJECTION_PLATFORM_TOPICS[c.eventType];
    if (!topic) return [];
    const outcome = textOf(c.data.outcome) ?? 'cleared';
    return [{ topic, outcome, note: topic === 'objection.mark-cleared' ? (note ?? null) : null }];
  });
}

/**
 * Carries an objection's consequences over to its credit record, as the system, once per event, and queues each
 * for the downstream platforms (国办发〔2025〕22号: they stop or correct publication in step, as after a repair). The
 * platforms are the authority's `repair.downstream-platforms` in force on the event's date; the setting applied is
 * kept in the row. Without `policies` (pure tests) nothing is queued.
 */
export function objectionRecordEffects(policies?: AuthorityPolicies): Reaction<RecordAffecting> {
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
      const { rows } = await tx.query<{
        record_id: string;
        case_number: string;
        subject_code: string;
        authority_path: string;
      }>('SELECT record_id, case_number, subject_code, authority_path FROM objections WHERE id = $1', [
        caseId,
      ]);
      if (!rows[0]) return [];
      const commands = recordEffectsOf(event, {
        objectionCaseId: caseId,
        caseNumber: rows[0].case_number,
        recordId: rows[0].record_id,
      });
      const notices = platformNoticesOf(commands);
      if (policies && notices.length > 0) {
        const applied = await policies.get(
          'repair.downstream-platforms',
          rows[0].authority_path,
          beijingDateOf(event.recordedAt),
        );
        const data = event.data as { reasons?: unknown; legalBasis?: unknown };
        for (const notice of notices)
          for (const platform of applied.value)
            await reactionOutbox(
              tx,
              event,
              caseId,
              notice.topic,
              platform.code,
              {
                platform,
                objectionCaseId: caseId,
                caseNumber: rows[0].case_number,
                recordId: rows[0].record_id,
                subjectCode: rows[0].subject_code,
                outcome: notice.outcome,
                note: notice.note,
                reasons: Array.isArray(data.reasons) ? data.reasons : [],
                legalBasis: textOf(data.legalBasis),
                decidedAt: event.recordedAt.toISOString(),
                platformsPolicy: { settingId: applied.settingId, effectiveFrom: applied.effectiveFrom },
              },
              platform.code,
            );
      }
      return commands;
    },
  };
}
