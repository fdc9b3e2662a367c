import { DomainError } from '@credence/shared';
import type { EligibilityRefusal } from './domain/eligibility';

export class NotEligibleError extends DomainError {
  constructor(refusals: EligibilityRefusal[]) {
    super({
      code: 'REPAIR.NOT_ELIGIBLE',
      status: 422,
      message: {
        zh: `不符合信用修复申请条件：${refusals.map((r) => r.message.zh).join('；')}`,
        en: `Repair may not be applied for: ${refusals.map((r) => r.message.en).join('; ')}`,
      },
      details: { refusals },
    });
  }
}

export class OpenApplicationExistsError extends DomainError {
  constructor(recordId: string) {
    super({
      code: 'REPAIR.OPEN_APPLICATION_EXISTS',
      status: 409,
      message: {
        zh: '该记录已有未办结的修复申请',
        en: 'The record already has an open repair application',
      },
      details: { recordId },
    });
  }
}

/** 回避: a staff member who declared a relation to the subject does not handle its case; a colleague does. */
export class RelatedReviewerError extends DomainError {
  constructor(subjectCode: string, authorityName: string) {
    super({
      code: 'REPAIR.REVIEWER_RELATED',
      status: 403,
      message: {
        zh: `您已申报与该信用主体存在关联关系，应当回避，不得办理本案；请由${authorityName}其他未申报关联关系的工作人员办理`,
        en: `You declared a relation to this subject and must abstain (回避): another officer or senior reviewer of ${authorityName} who declared none handles the case`,
      },
      details: { subjectCode },
    });
  }
}

export class NoDecisionDocumentError extends DomainError {
  constructor() {
    super({
      code: 'REPAIR.NO_DECISION_DOCUMENT',
      status: 409,
      message: {
        zh: '本案尚未作出决定，暂无决定文书',
        en: 'No decision has been made on this application yet',
      },
    });
  }
}

/** Order 36: no repair without a public credit commitment, made within the application and still standing. */
export class CommitmentRequiredError extends DomainError {
  constructor(commitment: { caseId: string; state: string | null } | null) {
    super({
      code: 'REPAIR.COMMITMENT_REQUIRED',
      status: 422,
      message: {
        zh: '提交信用修复申请须在申请中作出公开的信用修复承诺（同意公示）',
        en: 'Submitting requires a public repair commitment, made in the application with consent to publish',
      },
      details: { commitment },
    });
  }
}
