import type { MachineEvent } from '@credence/workflow';
import type { ObjectedRecord, ObjectionContext } from './objection';

export type ObjectionEvent = MachineEvent<string, Record<string, unknown>>;

/** What a guard or an update reads: the case's context and the event being decided. */
export interface ObjectionArgs {
  context: ObjectionContext;
  event: ObjectionEvent;
}

const isSubject = ({ context, event }: ObjectionArgs) =>
  event.actor.role === 'applicant' &&
  event.actor.subjectCode !== null &&
  event.actor.subjectCode === context.record?.subject.code;

// 谁认定、谁处理: the staff of the authority handling the case (the finding authority, or the appeal's authority).
const isHandlingStaff = ({ context, event }: ObjectionArgs) =>
  (event.actor.role === 'officer' || event.actor.role === 'senior_reviewer') &&
  event.actor.authorityCode !== null &&
  event.actor.authorityCode === context.handling?.code;

/** Who may take each step of an objection, and when: the guards of `objectionMachine`. */
export const objectionGuards = {
  filedBySubject: ({ event }: ObjectionArgs) =>
    event.actor.role === 'applicant' &&
    event.actor.subjectCode !== null &&
    event.actor.subjectCode === (event.data.record as ObjectedRecord | undefined)?.subject.code,
  isSubject,
  isHandlingStaff,
  isSystem: ({ event }: ObjectionArgs) => event.actor.role === 'system',
  // One extension, its reason told to the subject (FCRA's single +15 is the comparable anchor).
  mayExtend: (args: ObjectionArgs) => args.context.extension === null && isHandlingStaff(args),
  // One appeal only.
  mayAppeal: (args: ObjectionArgs) => args.context.appeal === null && isSubject(args),
  // A senior reviewer of the appeal's authority who took no step of the first round (DOMAIN.md §4).
  mayDecideAppeal: ({ context, event }: ObjectionArgs) =>
    event.actor.role === 'senior_reviewer' &&
    event.actor.authorityCode !== null &&
    event.actor.authorityCode === context.appeal?.authority.code &&
    !context.handledBy.includes(event.actor.id),
};
