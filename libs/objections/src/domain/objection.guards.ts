import type { ObjectionContext } from './objection';
import type { ObjectionEventType, ObjectionMachineEventOf } from './objection.events';

/**
 * What a guard or an update reads: the case's context and the event being decided (objection.events.ts). A probe of
 * the actions available now carries no data, so guards read the event's data with `?.`.
 */
export interface ObjectionArgs<T extends ObjectionEventType = ObjectionEventType> {
  context: ObjectionContext;
  event: ObjectionMachineEventOf<T>;
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
    event.type === 'ObjectionFiled' &&
    event.actor.subjectCode === event.data.record?.subject.code,
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
