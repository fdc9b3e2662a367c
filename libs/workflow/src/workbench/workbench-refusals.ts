import { DomainError, type BilingualText } from '@credence/shared';

/**
 * The workbench's refusals (ADR 0018's shape): a stable code, the status (403 this person may not, 409 not now,
 * 422 the request lacks what the rule needs) and what would make the operation possible. Messages name roles,
 * steps and dates, never accounts or internal names.
 */
export class WorkbenchRefusal extends DomainError {
  constructor(
    code: string,
    status: 403 | 409 | 422,
    zh: string,
    en: string,
    details: Record<string, unknown> = {},
  ) {
    super({ code, status, message: { zh, en }, details: { refusal: code, ...details } });
  }
}

const ROLE_NAMES: Record<string, BilingualText> = {
  officer: { zh: '经办人', en: 'officers' },
  senior_reviewer: { zh: '审核负责人', en: 'senior reviewers' },
  applicant: { zh: '申请人', en: 'the applicant' },
};
export const rolesText = (roles: string[]): BilingualText => ({
  zh: roles.map((r) => ROLE_NAMES[r]?.zh ?? r).join('或'),
  en: roles.map((r) => ROLE_NAMES[r]?.en ?? r).join(' or '),
});

export const refusals = {
  noStaffStep: (step: BilingualText) =>
    new WorkbenchRefusal(
      'WORKBENCH.NO_STAFF_STEP',
      409,
      `本案当前为「${step.zh}」，没有待工作人员办理的事项`,
      `The case is "${step.en}": nothing waits for staff`,
    ),
  wrongRole: (roles: string[], self: boolean) => {
    const r = rolesText(roles);
    return new WorkbenchRefusal(
      'WORKBENCH.WRONG_ROLE',
      self ? 403 : 422,
      self ? `当前环节由${r.zh}办理` : `当前环节由${r.zh}办理，所选同事不能接收`,
      self ? `This step is for ${r.en}` : `This step is for ${r.en}; the colleague chosen cannot receive it`,
      { roles },
    );
  },
  heldByAnother: () =>
    new WorkbenchRefusal(
      'WORKBENCH.HELD_BY_ANOTHER',
      403,
      '本案当前环节已由同事认领；如需接手，请说明理由后认领（接管）',
      'A colleague holds this step; to take it over, claim it with a reason',
    ),
  alreadyHolder: () =>
    new WorkbenchRefusal(
      'WORKBENCH.ALREADY_HOLDER',
      409,
      '您已是本案当前环节的办理人',
      'You already hold this step',
    ),
  notHolder: () =>
    new WorkbenchRefusal(
      'WORKBENCH.NOT_HOLDER',
      403,
      '只有当前环节的办理人（或其委托的代理人）能办理此项；请先认领',
      'Only the holder of this step (or their deputy) may do this; claim it first',
    ),
  recipientIsHolder: () =>
    new WorkbenchRefusal(
      'WORKBENCH.ALREADY_HOLDER',
      409,
      '所选同事已是当前环节的办理人',
      'That colleague already holds this step',
    ),
  related: (self: boolean) =>
    new WorkbenchRefusal(
      'WORKBENCH.RELATED_PARTY',
      self ? 403 : 422,
      self
        ? '您已申报与本案当事人存在关联关系，应当回避，不能接收本案'
        : '所选同事已申报与本案当事人存在关联关系，应当回避，不能接收本案；请选择其他同事',
      self
        ? 'You declared a relation to the subject of this case and must abstain (回避): you cannot receive it'
        : 'The colleague chosen declared a relation to the subject and must abstain (回避); choose another',
    ),
  cannotTakeStep: (step: BilingualText, self: boolean) =>
    new WorkbenchRefusal(
      'WORKBENCH.CANNOT_TAKE_STEP',
      self ? 403 : 422,
      self
        ? `您不能办理「${step.zh}」（例如：提出审查意见的人不能再作复核决定）`
        : `所选同事不能办理「${step.zh}」（例如：提出审查意见的人不能再作复核决定）；请选择其他同事`,
      self
        ? `You may not take the step "${step.en}" (e.g. whoever recommended may not also decide)`
        : `The colleague chosen may not take the step "${step.en}" (e.g. whoever recommended may not also decide); choose another`,
    ),
  reasonRequired: (what: BilingualText) =>
    new WorkbenchRefusal(
      'WORKBENCH.REASON_REQUIRED',
      422,
      `${what.zh}须说明理由`,
      `${what.en} needs a reason`,
    ),
  delegationPending: () =>
    new WorkbenchRefusal(
      'WORKBENCH.DELEGATION_PENDING',
      409,
      '本案已委派同事办理，待其归还后由您决定；也可撤回委派',
      'A colleague is working on this case for you; decide once they hand it back, or withdraw the delegation',
    ),
  notDelegate: () =>
    new WorkbenchRefusal(
      'WORKBENCH.NOT_DELEGATE',
      403,
      '只有受委派的同事能归还本案',
      'Only the colleague it was delegated to may hand it back',
    ),
  signersPending: (count: number) =>
    new WorkbenchRefusal(
      'WORKBENCH.SIGNERS_PENDING',
      409,
      `还有 ${count} 名会签人未签署意见；待其签署或减签后再办理`,
      `${count} co-signer(s) have not given their opinion; act once they have, or remove them`,
      { pending: count },
    ),
  collectiveReviewRequired: (minSigners: number, mode: 'all' | 'quorum', quorum: number) =>
    new WorkbenchRefusal(
      'WORKBENCH.COLLECTIVE_REVIEW_REQUIRED',
      409,
      mode === 'all'
        ? `本单位规定此类决定须集体审议：至少 ${minSigners} 名同事会签且全部同意`
        : `本单位规定此类决定须集体审议：至少 ${minSigners} 名同事会签，其中至少 ${quorum} 名同意`,
      mode === 'all'
        ? `The authority requires collective review: at least ${minSigners} co-signers, all agreeing`
        : `The authority requires collective review: at least ${minSigners} co-signers, ${quorum} of them agreeing`,
      { minSigners, mode, quorum },
    ),
  notSigner: () =>
    new WorkbenchRefusal(
      'WORKBENCH.NOT_A_SIGNER',
      403,
      '您不是本案当前环节的会签人',
      'You are not a co-signer of this step',
    ),
  alreadySigned: () =>
    new WorkbenchRefusal(
      'WORKBENCH.SIGNER_ALREADY_ACTED',
      409,
      '该会签人已签署意见，不能再减签',
      'That co-signer has already given their opinion and can no longer be removed',
    ),
  alreadySigner: () =>
    new WorkbenchRefusal(
      'WORKBENCH.ALREADY_A_SIGNER',
      409,
      '所选同事已是会签人',
      'That colleague is already a co-signer',
    ),
  noReturnTarget: (step: BilingualText) =>
    new WorkbenchRefusal(
      'WORKBENCH.NO_RETURN_TARGET',
      409,
      `本案当前为「${step.zh}」，没有可退回的环节`,
      `Nothing to return to from "${step.en}"`,
    ),
  notReturnTarget: (targets: string[]) =>
    new WorkbenchRefusal(
      'WORKBENCH.NOT_A_RETURN_TARGET',
      422,
      '所请求的环节不在本案可退回的环节之列',
      'The case cannot be returned to the step requested',
      { returnTargets: targets },
    ),
  notRecallable: () =>
    new WorkbenchRefusal(
      'WORKBENCH.NOT_RECALLABLE',
      409,
      '没有可撤回的操作：只能撤回本人最近一次提交或转交，且下一办理人尚未办理',
      'Nothing to withdraw: only your own last step or hand-over, while the next holder has not acted on it',
    ),
  alreadyCopied: () =>
    new WorkbenchRefusal(
      'WORKBENCH.ALREADY_COPIED',
      409,
      '所选同事均已抄送过，无需重复抄送',
      'Everyone chosen already has a copy',
    ),
  alreadyUrged: (next: string) =>
    new WorkbenchRefusal(
      'WORKBENCH.ALREADY_URGED',
      409,
      `本案近期已催办，${next} 起可再次催办`,
      `The case was urged recently; it can be urged again from ${next}`,
      { nextFrom: next },
    ),
  nothingToUrge: () =>
    new WorkbenchRefusal(
      'WORKBENCH.NOTHING_TO_URGE',
      409,
      '本案当前没有待办理的环节，无需催办',
      'Nothing waits in this case: there is nobody to urge',
    ),
  selfRecipient: () =>
    new WorkbenchRefusal(
      'WORKBENCH.SELF',
      422,
      '不能转交、委派或加签给本人',
      'You cannot hand a case, delegate or add yourself',
    ),
};
