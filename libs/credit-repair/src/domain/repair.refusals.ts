import {
  authorityName,
  dateOf,
  refusal,
  workbenchRefusals,
  type RefusalArgs,
  type RefusalCatalogue,
} from '@credence/workflow';
import type { RepairMachineEvent } from './repair.events';
import type { RepairContext, repairGuards } from './repair.machine';

type Args = RefusalArgs<RepairContext, RepairMachineEvent>;

const authorityOf = (c: RepairContext) =>
  authorityName(c.record ? { name: c.record.authorityName, code: c.record.authorityCode } : null);
const subjectOf = (c: RepairContext) => c.record?.subject.name ?? '该信用主体';

const isApplicant = ({ context, event }: Args) =>
  event.actor.role === 'applicant' && event.actor.subjectCode === context.record?.subject.code;
const isFindingStaff = ({ context, event }: Args) =>
  (event.actor.role === 'officer' || event.actor.role === 'senior_reviewer') &&
  event.actor.authorityCode === context.record?.authorityCode;

const applicantOnly = ({ context }: Args) =>
  refusal(
    'REPAIR.APPLICANT_ONLY',
    403,
    `此步骤由申请人${subjectOf(context)}办理；请使用该主体的账号`,
    `The applicant, ${subjectOf(context)}, takes this step: use that subject's account`,
  );

// 谁认定、谁修复: only the authority that made the finding handles the repair of its record.
const findingAuthorityOnly = ({ context }: Args) => {
  const a = authorityOf(context);
  return refusal(
    'REPAIR.FINDING_AUTHORITY_ONLY',
    403,
    `此步骤由认定单位${a.zh}的承办人或审核负责人办理（谁认定、谁修复）`,
    `An officer or senior reviewer of the finding authority, ${a.en}, takes this step`,
  );
};

/** Why this application needs two people: the record's seriousness, or the authority's setting. */
const whyFourEyes = (c: RepairContext) =>
  c.record?.severity === 'serious'
    ? { zh: '严重失信信息的修复', en: 'A serious record' }
    : c.record?.kind === 'serious_list'
      ? { zh: '移出严重失信主体名单', en: 'A removal from the serious list' }
      : {
          zh: `按${authorityOf(c).zh}的设置，本案`,
          en: `By the setting of ${authorityOf(c).en}, this application`,
        };

const secondReviewerRequired = ({ context }: Args) => {
  const a = authorityOf(context);
  if (context.recommendation)
    return refusal(
      'REPAIR.SECOND_REVIEWER_REQUIRED',
      403,
      `本案已有审查意见，须由${a.zh}另一位未提出该意见的审核负责人作出决定`,
      `The application has a recommendation: a different senior reviewer of ${a.en}, who did not recommend, decides`,
    );
  const why = whyFourEyes(context);
  return refusal(
    'REPAIR.SECOND_REVIEWER_REQUIRED',
    403,
    `${why.zh}须双人办理：先提出审查意见，再由${a.zh}另一位审核负责人作出决定；请先提出审查意见`,
    `${why.en} needs a recommendation and then the decision of a different senior reviewer of ${a.en}: recommend first`,
  );
};

/** Why each guard of `repairMachine` refuses, and what would make the step possible. */
export const repairRefusals = {
  isApplicant: applicantOnly,
  isApplicantFiling: () =>
    refusal(
      'REPAIR.OWN_RECORD_ONLY',
      403,
      '只能为本主体的信用记录申请修复；请使用记录所属主体的账号',
      "Repair is applied for by the record's own subject: use that subject's account",
    ),
  isSystem: () =>
    refusal(
      'REPAIR.SYSTEM_ONLY',
      403,
      '补正期限届满时由系统自动终止办理，无需人工操作',
      'The system closes the application when the supplement window runs out; nobody does it by hand',
    ),
  findingAuthorityStaff: findingAuthorityOnly,
  hasCommitment: (args) =>
    !isApplicant(args)
      ? applicantOnly(args)
      : refusal(
          'REPAIR.COMMITMENT_REQUIRED',
          422,
          '提交信用修复申请须在申请中作出公开的信用修复承诺（同意公示）；请在草稿中填写承诺并同意公示后再提交',
          'Submitting requires a public repair commitment made in the application: add one with consent to publish in the draft, then submit',
        ),
  mayDecideAlone: (args) =>
    isFindingStaff(args) ? secondReviewerRequired(args) : findingAuthorityOnly(args),
  secondReviewer: (args) => {
    const { context, event } = args;
    const recommendation = context.recommendation;
    if (recommendation && event.actor.id === recommendation.by) {
      const a = authorityOf(context);
      return refusal(
        'REPAIR.RECOMMENDER_MAY_NOT_DECIDE',
        403,
        `您已于${dateOf(recommendation.at)}对本案提出审查意见，不能再作决定；须由${a.zh}另一位审核负责人作出决定`,
        `You recommended on this application on ${dateOf(recommendation.at)} and may not decide it: a different senior reviewer of ${a.en} decides`,
      );
    }
    return isApplicant(args) ? applicantOnly(args) : secondReviewerRequired(args);
  },
  mayRevoke: (args) => {
    const { context, event } = args;
    const a = authorityOf(context);
    if (
      event.type === 'RepairApprovalRevoked' &&
      event.data.ground === 'commitment_broken' &&
      event.actor.role === 'senior_reviewer'
    )
      return refusal(
        'REPAIR.BREACH_THROUGH_COMMITMENT',
        422,
        `违反信用修复承诺的，请在该承诺${context.commitment?.caseNumber ?? ''}中认定违诺（践诺核查），修复决定将随之撤销`,
        `Record the breach on the repair commitment ${context.commitment?.caseNumber ?? ''} (its fulfilment check); the repair is then revoked`,
      );
    return refusal(
      'REPAIR.REVOCATION_BY_SENIOR_REVIEWER',
      403,
      `因材料虚假撤销修复，由${a.zh}的审核负责人作出；违反修复承诺的，在承诺中认定违诺后由系统撤销`,
      `A repair is revoked for false materials by a senior reviewer of ${a.en}; for a broken commitment, by the system once the breach is recorded`,
    );
  },
  supplementBeforeAcceptance: (args) => (isApplicant(args) ? nothingAsked(args) : applicantOnly(args)),
  supplementDuringReview: (args) => (isApplicant(args) ? nothingAsked(args) : applicantOnly(args)),
  mayExtend: (args) => {
    const extension = args.context.extension;
    if (!isFindingStaff(args) || !extension) return findingAuthorityOnly(args);
    return refusal(
      'REPAIR.ALREADY_EXTENDED',
      409,
      `办理期限已于${dateOf(extension.at)}延长过一次（理由：${extension.reason}），只能延长一次；请在延长后的期限内作出决定`,
      `The time limit was already extended on ${dateOf(extension.at)} (${extension.reason}), and can be extended once only: decide within the extended limit`,
    );
  },
  ...workbenchRefusals,
} satisfies RefusalCatalogue<keyof typeof repairGuards, RepairContext, RepairMachineEvent>;

function nothingAsked({ context }: Args) {
  return refusal(
    'REPAIR.NO_SUPPLEMENT_ASKED',
    409,
    context.supplementRequest
      ? '本阶段没有待补正的事项；请按办理单位的要求补正'
      : '办理单位没有要求补正；无需提交补正材料',
    context.supplementRequest
      ? 'Nothing is asked for at this stage: supply what the authority asked for'
      : 'The authority has not asked for supplements: there is nothing to supply',
  );
}
