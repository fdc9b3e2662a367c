import {
  authorityName,
  dateOf,
  refusal,
  workbenchRefusals,
  type RefusalArgs,
  type RefusalCatalogue,
} from '@credence/workflow';
import { COMMITMENT_TYPE_LABELS, isFastTrack } from './commitment';
import { signedData, type BreachConsequence, type CommitmentContext } from './commitment.context';
import type { CommitmentMachineEvent } from './commitment.events';
import type { commitmentGuards } from './commitment.guards';

type Args = RefusalArgs<CommitmentContext, CommitmentMachineEvent>;

const authorityOf = (c: CommitmentContext) =>
  authorityName(c.authority, { zh: '承诺所向单位', en: 'the authority the commitment is made to' });
const subjectOf = (c: CommitmentContext) => c.subject?.name ?? '承诺主体';

const isStaffOf = ({ event }: Args, code: string | undefined) =>
  (event.actor.role === 'officer' || event.actor.role === 'senior_reviewer') &&
  code !== undefined &&
  event.actor.authorityCode === code;
const isSubjectOf = ({ event }: Args, code: string | undefined) =>
  event.actor.role === 'applicant' && code !== undefined && event.actor.subjectCode === code;

const authorityStaffOnly = ({ context }: Args) => {
  const a = authorityOf(context);
  return refusal(
    'COMMITMENT.AUTHORITY_STAFF_ONLY',
    403,
    `此步骤由承诺所向单位${a.zh}的承办人或审核负责人办理`,
    `An officer or senior reviewer of ${a.en}, to which the commitment is made, takes this step`,
  );
};

const subjectOrStaffOnly = ({ context }: Args) => {
  const a = authorityOf(context);
  return refusal(
    'COMMITMENT.SUBJECT_OR_AUTHORITY_ONLY',
    403,
    `此步骤由承诺主体${subjectOf(context)}或${a.zh}的工作人员办理`,
    `The committed subject, ${subjectOf(context)}, or staff of ${a.en} take this step`,
  );
};

// A repair commitment follows its application: in force on approval, lapsed when it ends otherwise.
const followsItsApplication = () =>
  refusal(
    'COMMITMENT.FOLLOWS_REPAIR_APPLICATION',
    403,
    '信用修复承诺随其修复申请办理：申请准予修复时生效，申请以其他方式办结时失效，不能单独撤回或确认生效',
    'A repair commitment follows its repair application: it takes effect when the repair is approved and lapses when the application ends otherwise; it is not withdrawn or put in force on its own',
  );

/** Why a signing is refused: the first of its rules that fails, in the order `maySign` checks them. */
const signingRefused = (args: Args) => {
  const d = signedData(args.event);
  if (!d.type || !d.subject || !d.authority)
    return refusal(
      'COMMITMENT.INCOMPLETE',
      422,
      '信用承诺须写明承诺类型、承诺主体和承诺所向单位',
      'A commitment names its type, its subject and the authority it is made to',
    );
  if (!isSubjectOf(args, d.subject.code) && !isStaffOf(args, d.authority.code))
    return refusal(
      'COMMITMENT.OWN_SUBJECT_ONLY',
      403,
      `信用承诺由承诺主体${d.subject.name}作出，或由${d.authority.name}的工作人员登记其签署的承诺书`,
      `A commitment is made by its subject, ${d.subject.name}, or recorded from a signed letter by staff of ${d.authority.name}`,
    );
  const type = COMMITMENT_TYPE_LABELS[d.type];
  if (isFastTrack(d.type) && d.eligibility?.allowed !== true)
    return refusal(
      'COMMITMENT.FAST_TRACK_NOT_ALLOWED',
      422,
      `该主体目前不适用${type.zh}；信用状况恢复后可再申请`,
      `${type.en} is not open to the subject now; it may apply again once its credit allows`,
    );
  if (d.type === 'missing_materials' && (!d.promisedMaterials?.length || !d.promisedBy))
    return refusal(
      'COMMITMENT.PROMISED_MATERIALS_REQUIRED',
      422,
      '容缺受理承诺须列明容缺的材料和补交期限',
      'A commitment to supply missing materials names the materials and the date they will be supplied',
    );
  if (d.type === 'repair' && d.linked?.kind !== 'repair_application')
    return refusal(
      'COMMITMENT.REPAIR_COMMITMENT_IN_APPLICATION',
      422,
      '信用修复承诺在信用修复申请中作出；请在修复申请中填写承诺',
      'A repair commitment is made within a repair application: add it to the application',
    );
  return refusal(
    'COMMITMENT.CONSENT_REQUIRED',
    422,
    `${type.zh}承诺依其性质公开，须同意公示后作出`,
    `A commitment of the type "${type.en}" is public by its nature: make it with consent to publish`,
  );
};

/** Why supplying the promised materials is refused: who, then the date. */
const supplyRefused = (args: Args) => {
  const { context, event } = args;
  if (!isSubjectOf(args, context.subject?.code) && !isStaffOf(args, context.authority?.code))
    return subjectOrStaffOnly(args);
  if (context.checkDue === null || event.at >= context.checkDue.at)
    return refusal(
      'COMMITMENT.PROMISED_DATE_PASSED',
      422,
      `补交期限${context.checkDue?.date ?? context.promisedBy ?? ''}已过，不能再补交；逾期未补交的，承诺按违诺处理`,
      `The promised date ${context.checkDue?.date ?? context.promisedBy ?? ''} has passed: materials can no longer be supplied, and a promise not kept by then is broken`,
      { promisedBy: context.checkDue?.date ?? context.promisedBy },
    );
  const missing = context.promisedMaterials.filter((item) => !context.supplied.some((m) => m.item === item));
  return refusal(
    'COMMITMENT.PROMISE_NOT_COMPLETE',
    422,
    `尚未补齐承诺的材料：${missing.join('、')}`,
    `Not all promised materials are supplied yet: ${missing.join(', ')}`,
  );
};

const systemOnly = () =>
  refusal(
    'COMMITMENT.SYSTEM_ONLY',
    403,
    '此步骤由系统按期限或违诺认定自动办理，无需人工操作',
    'The system takes this step by the date or after the breach is recorded; nobody does it by hand',
  );

/** A consequence of the breach is carried out once, by the system. */
const consequenceOnce =
  (kind: BreachConsequence['kind']) =>
  ({ context, event }: Args) => {
    const done = context.consequences.find((c) => c.kind === kind);
    if (event.actor.role !== 'system' || !done) return systemOnly();
    return refusal(
      'COMMITMENT.CONSEQUENCE_RECORDED',
      409,
      `该违诺后果已于${dateOf(done.at)}记录，不再重复办理`,
      `This consequence of the breach was recorded on ${dateOf(done.at)}; it is not carried out twice`,
    );
  };

/** Why each guard of `commitmentMachine` refuses, and what would make the step possible. */
export const commitmentRefusals = {
  maySign: signingRefused,
  // Refused only when signing itself is (the unpublished alternative is taken otherwise): the same reasons.
  maySignPublished: signingRefused,
  authorityStaff: authorityStaffOnly,
  subjectOrAuthorityStaff: subjectOrStaffOnly,
  followsApplication: followsItsApplication,
  mayWithdraw: (args) =>
    args.context.type === 'repair' ? followsItsApplication() : subjectOrStaffOnly(args),
  mayTakeEffect: (args) => {
    const { context, event } = args;
    if (context.type === 'repair') return followsItsApplication();
    if (!isStaffOf(args, context.authority?.code)) return authorityStaffOnly(args);
    const eligibility = event.type === 'CommitmentTookEffect' ? event.data.eligibility : undefined;
    if (context.type && isFastTrack(context.type) && eligibility?.allowed !== true) {
      const type = COMMITMENT_TYPE_LABELS[context.type];
      return refusal(
        'COMMITMENT.FAST_TRACK_NOT_ALLOWED',
        422,
        `该主体目前不适用${type.zh}，不能依此承诺办理；请按一般程序办理`,
        `${type.en} is not open to the subject now, so nothing may rely on this commitment: use the ordinary procedure`,
      );
    }
    return refusal(
      'COMMITMENT.CHECK_DUE_REQUIRED',
      422,
      '依承诺办理时须确定践诺核查的期限',
      'Relying on a commitment sets the date its fulfilment is checked by',
    );
  },
  awaitsMaterials: ({ context }) =>
    refusal(
      'COMMITMENT.NO_MATERIALS_PROMISED',
      409,
      `只有容缺受理承诺等待补交材料；本承诺为${context.type ? COMMITMENT_TYPE_LABELS[context.type].zh : '其他类型'}`,
      `Only a commitment to supply missing materials waits for them; this one is ${context.type ? COMMITMENT_TYPE_LABELS[context.type].en : 'of another type'}`,
    ),
  promisedDatePassed: ({ context, event }) =>
    event.actor.role !== 'system'
      ? systemOnly()
      : refusal(
          'COMMITMENT.NO_MATERIALS_PROMISED',
          409,
          `只有容缺受理承诺在补交期限届满时自动认定违诺；本承诺为${context.type ? COMMITMENT_TYPE_LABELS[context.type].zh : '其他类型'}`,
          'Only a commitment to supply missing materials is broken by its date passing',
        ),
  checkDatePassed: ({ event }) =>
    event.actor.role !== 'system'
      ? systemOnly()
      : refusal(
          'COMMITMENT.CHECKED_BY_MATERIALS',
          409,
          '容缺受理承诺以补交材料核查，不标记核查逾期',
          'A commitment to supply missing materials is checked by the materials; no check falls overdue',
        ),
  mayCompletePromise: supplyRefused,
  maySupply: supplyRefused,
  breachRecordOnce: consequenceOnce('breach-record'),
  linkedRevocationOnce: consequenceOnce('linked-revocation'),
  gradeReEvaluationOnce: consequenceOnce('grade-re-evaluation'),
  ...workbenchRefusals,
} satisfies RefusalCatalogue<keyof typeof commitmentGuards, CommitmentContext, CommitmentMachineEvent>;
