import { authorityName, dateOf, refusal, type RefusalArgs, type RefusalCatalogue } from '@credence/workflow';
import type { ObjectionContext } from './objection';
import type { ObjectionMachineEvent } from './objection.events';
import type { objectionGuards } from './objection.guards';

type Args = RefusalArgs<ObjectionContext, ObjectionMachineEvent>;

const subjectOf = (c: ObjectionContext) => c.record?.subject.name ?? '该信用主体';
const handlingOf = (c: ObjectionContext) =>
  authorityName(c.handling ?? (c.record ? { name: c.record.authorityName } : null), {
    zh: '处理异议的单位',
    en: 'the authority handling the objection',
  });

const isSubject = ({ context, event }: Args) =>
  event.actor.role === 'applicant' &&
  event.actor.subjectCode !== null &&
  event.actor.subjectCode === context.record?.subject.code;
const isHandlingStaff = ({ context, event }: Args) =>
  (event.actor.role === 'officer' || event.actor.role === 'senior_reviewer') &&
  event.actor.authorityCode === context.handling?.code;

const subjectOnly = ({ context }: Args) =>
  refusal(
    'OBJECTION.SUBJECT_ONLY',
    403,
    `此步骤由异议人${subjectOf(context)}办理；请使用该主体的账号`,
    `The objecting subject, ${subjectOf(context)}, takes this step: use that subject's account`,
  );

// 谁认定、谁处理: the staff of the authority handling the case.
const handlingStaffOnly = ({ context }: Args) => {
  const a = handlingOf(context);
  return refusal(
    'OBJECTION.HANDLING_AUTHORITY_ONLY',
    403,
    `此步骤由处理本异议的${a.zh}的承办人或审核负责人办理（谁认定、谁处理）`,
    `An officer or senior reviewer of ${a.en}, which handles this objection, takes this step`,
  );
};

/** Why each guard of `objectionMachine` refuses, and what would make the step possible. */
export const objectionRefusals = {
  filedBySubject: () =>
    refusal(
      'OBJECTION.OWN_RECORD_ONLY',
      403,
      '只能对本主体的信用记录提出异议；请使用记录所属主体的账号',
      "An objection is filed by the record's own subject: use that subject's account",
    ),
  isSubject: subjectOnly,
  isHandlingStaff: handlingStaffOnly,
  isSystem: () =>
    refusal(
      'OBJECTION.SYSTEM_ONLY',
      403,
      '期限届满时由系统自动办理，无需人工操作',
      'The system takes this step when the time limit runs out; nobody does it by hand',
    ),
  // One extension, its reason told to the subject.
  mayExtend: (args) => {
    const extension = args.context.extension;
    if (!isHandlingStaff(args) || !extension) return handlingStaffOnly(args);
    return refusal(
      'OBJECTION.ALREADY_EXTENDED',
      409,
      `核实期限已于${dateOf(extension.at)}延长过一次（理由：${extension.reason}），只能延长一次；请在延长后的期限内作出答复`,
      `The verification was already extended on ${dateOf(extension.at)} (${extension.reason}), and can be extended once only: answer within the extended limit`,
      { extendedAt: extension.at },
    );
  },
  mayAppeal: (args) => {
    const appeal = args.context.appeal;
    if (!isSubject(args) || !appeal) return subjectOnly(args);
    return refusal(
      'OBJECTION.ALREADY_APPEALED',
      409,
      `已于${dateOf(appeal.at)}申请复核；异议处理结果只能申请复核一次`,
      `An appeal was filed on ${dateOf(appeal.at)}; an answer can be appealed once only`,
    );
  },
  // A senior reviewer of the appeal's authority who took no step of the first round (DOMAIN.md §4).
  mayDecideAppeal: ({ context, event }) => {
    const a = authorityName(context.appeal?.authority, { zh: '复核机关', en: 'the appeal authority' });
    if (
      event.actor.role !== 'senior_reviewer' ||
      event.actor.authorityCode !== context.appeal?.authority.code
    )
      return refusal(
        'OBJECTION.APPEAL_NEEDS_SENIOR_REVIEWER',
        403,
        `复核决定须由复核机关${a.zh}的审核负责人作出，且其未参与原异议处理`,
        `An appeal is decided by a senior reviewer of the appeal authority, ${a.en}, who took no part in the answer`,
        { appealAuthorityCode: context.appeal?.authority.code ?? null },
      );
    return refusal(
      'OBJECTION.SAME_REVIEWER',
      403,
      `您参与过本异议的原处理（受理、核实或答复），不得作出复核决定；须由${a.zh}另一位审核负责人作出`,
      `You took part in handling this objection and may not decide its appeal: a different senior reviewer of ${a.en} decides`,
    );
  },
} satisfies RefusalCatalogue<keyof typeof objectionGuards, ObjectionContext, ObjectionMachineEvent>;
