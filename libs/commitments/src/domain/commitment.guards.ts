import { workbenchGuards } from '@credence/workflow';
import { isFastTrack, PUBLICATION_REQUIRED } from './commitment';
import {
  signedData,
  type BreachConsequence,
  type CommitmentArgs,
  type CommitmentContext,
} from './commitment.context';
import type { CommitmentMachineEvent, CommitmentTookEffect } from './commitment.events';
import { suppliedItems } from './commitment.updates';

/**
 * A fact the handler always puts in the taking-effect event. The engine's availability probe carries no data: a
 * guard that throws there has the action offered and decided on the real command (machine-runtime `safeCan`); a real
 * command without the fact is a defect and fails loudly rather than being judged on nothing.
 */
function tookEffectFact<K extends 'checkDue' | 'eligibility'>(
  event: CommitmentMachineEvent,
  key: K,
): CommitmentTookEffect['data'][K] {
  if (event.type !== 'CommitmentTookEffect' || !(key in event.data))
    throw new Error(`${event.type} carries no ${key}`);
  return event.data[key];
}

const isStaffOf = (event: CommitmentMachineEvent, authorityCode: string | undefined) =>
  (event.actor.role === 'officer' || event.actor.role === 'senior_reviewer') &&
  authorityCode !== undefined &&
  event.actor.authorityCode === authorityCode;

const isSubject = (event: CommitmentMachineEvent, subjectCode: string | undefined) =>
  event.actor.role === 'applicant' && subjectCode !== undefined && event.actor.subjectCode === subjectCode;

/**
 * The subject signs its own commitment, or staff of the authority it is made to record a signed letter. A fast-track
 * commitment needs the subject to be eligible (the handler's check, recorded in the event); a 容缺 one names its
 * materials and date; a commitment that is public by nature needs the consent.
 */
const maySign = ({ event }: CommitmentArgs) => {
  const d = signedData(event);
  if (!d.type || !d.subject || !d.authority) return false;
  if (!isSubject(event, d.subject.code) && !isStaffOf(event, d.authority.code)) return false;
  if (isFastTrack(d.type) && d.eligibility?.allowed !== true) return false;
  if (d.type === 'missing_materials' && (!d.promisedMaterials?.length || !d.promisedBy)) return false;
  // A repair commitment is made within its repair application (Order 36: the commitment is part of applying).
  if (d.type === 'repair' && d.linked?.kind !== 'repair_application') return false;
  return !PUBLICATION_REQUIRED.includes(d.type) || d.consentToPublish === true;
};

const authorityStaff = ({ context, event }: CommitmentArgs) => isStaffOf(event, context.authority?.code);
const subjectOrAuthorityStaff = ({ context, event }: CommitmentArgs) =>
  isSubject(event, context.subject?.code) || isStaffOf(event, context.authority?.code);
/** A repair commitment follows its application: the system acts on it when the application is decided. */
const followsApplication = ({ context, event }: CommitmentArgs) =>
  event.actor.role === 'system' && context.type === 'repair' && context.linked?.kind === 'repair_application';

const completesPromise = (context: CommitmentContext, event: CommitmentMachineEvent) => {
  const delivered = new Set(suppliedItems(context, event).map((m) => m.item));
  return context.promisedMaterials.every((item) => delivered.has(item));
};
// Materials count only while the promised date has not passed (the timer may fire a moment after midnight).
const beforeDue = (context: CommitmentContext, event: CommitmentMachineEvent) =>
  context.checkDue !== null && event.at < context.checkDue.at;

// Each consequence is carried out once per breach: a replayed reaction is refused here (a tripwire).
const firstOfKind =
  (kind: BreachConsequence['kind']) =>
  ({ context, event }: CommitmentArgs) =>
    event.actor.role === 'system' &&
    'breachEventId' in event.data &&
    typeof event.data.breachEventId === 'string' &&
    !context.consequences.some((c) => c.kind === kind);

/** Who may take each step of a commitment, and when: the guards of `commitmentMachine`. */
export const commitmentGuards = {
  maySign,
  maySignPublished: (args: CommitmentArgs) =>
    maySign(args) && signedData(args.event).consentToPublish === true,
  authorityStaff,
  subjectOrAuthorityStaff,
  followsApplication,
  // The subject or the authority may withdraw before anything relies on it; a repair commitment only lapses.
  mayWithdraw: (args: CommitmentArgs) => args.context.type !== 'repair' && subjectOrAuthorityStaff(args),
  // The authority relies on the promise (a repair commitment: the repair is approved); a fast-track subject must
  // still be eligible (checked again by the handler).
  mayTakeEffect: (args: CommitmentArgs) =>
    (args.context.type === 'repair' ? followsApplication(args) : authorityStaff(args)) &&
    tookEffectFact(args.event, 'checkDue') !== null &&
    (!isFastTrack(args.context.type!) || tookEffectFact(args.event, 'eligibility')?.allowed === true),
  awaitsMaterials: ({ context }: CommitmentArgs) => context.type === 'missing_materials',
  // Each timer event belongs to its kind of commitment: only a 容缺 promise breaches when its date passes.
  promisedDatePassed: ({ context, event }: CommitmentArgs) =>
    event.actor.role === 'system' && context.type === 'missing_materials',
  checkDatePassed: ({ context, event }: CommitmentArgs) =>
    event.actor.role === 'system' && context.type !== 'missing_materials',
  mayCompletePromise: (args: CommitmentArgs) =>
    subjectOrAuthorityStaff(args) &&
    beforeDue(args.context, args.event) &&
    completesPromise(args.context, args.event),
  maySupply: (args: CommitmentArgs) => subjectOrAuthorityStaff(args) && beforeDue(args.context, args.event),
  breachRecordOnce: firstOfKind('breach-record'),
  linkedRevocationOnce: firstOfKind('linked-revocation'),
  gradeReEvaluationOnce: firstOfKind('grade-re-evaluation'),
  ...workbenchGuards,
};

/** The guard that lets each kind of breach consequence be recorded once. */
export const CONSEQUENCE_ONCE = {
  'breach-record': 'breachRecordOnce',
  'linked-revocation': 'linkedRevocationOnce',
  'grade-re-evaluation': 'gradeReEvaluationOnce',
} as const satisfies Record<BreachConsequence['kind'], keyof typeof commitmentGuards>;
