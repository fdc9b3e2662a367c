import { DomainError } from '@credence/shared';

export class DecisionNumberTakenError extends DomainError {
  constructor(authorityCode: string, decisionNumber: string, existingId: string) {
    super({
      code: 'CREDIT_RECORD.DECISION_NUMBER_TAKEN',
      status: 409,
      message: {
        zh: `该认定单位已登记文书号为“${decisionNumber}”的另一条不同记录`,
        en: `The authority already registered a different record under decision number "${decisionNumber}"`,
      },
      details: { authorityCode, decisionNumber, existingId },
    });
  }
}

export class DecisionDateInFutureError extends DomainError {
  constructor(decisionDate: string, today: string) {
    super({
      code: 'CREDIT_RECORD.DECISION_DATE_IN_FUTURE',
      status: 422,
      message: { zh: '决定日期不能晚于今天', en: 'The decision date cannot be after today' },
      details: { decisionDate, today },
      fieldErrors: [
        {
          field: 'decisionDate',
          code: 'notInFuture',
          message: { zh: '不能晚于今天', en: 'cannot be in the future' },
        },
      ],
    });
  }
}

export class NoRuleSetError extends DomainError {
  constructor(decisionDate: string) {
    super({
      code: 'CREDIT_RECORD.NO_RULE_SET',
      status: 422,
      message: {
        zh: '决定日期早于所有已登记的修复规则',
        en: 'No rule set was in force on the decision date',
      },
      details: { decisionDate },
      fieldErrors: [
        {
          field: 'decisionDate',
          code: 'noRuleSet',
          message: { zh: '无适用规则', en: 'no rule set in force' },
        },
      ],
    });
  }
}

export class UnknownAuthorityError extends DomainError {
  constructor(authorityCode: string) {
    super({
      code: 'CREDIT_RECORD.UNKNOWN_AUTHORITY',
      status: 422,
      message: { zh: `未登记的认定单位：${authorityCode}`, en: `Unknown authority: ${authorityCode}` },
      fieldErrors: [
        {
          field: 'authorityCode',
          code: 'unknownAuthority',
          message: { zh: '未登记的单位', en: 'not a registered authority' },
        },
      ],
    });
  }
}

export class NotFindingAuthorityError extends DomainError {
  constructor() {
    super({
      code: 'CREDIT_RECORD.NOT_FINDING_AUTHORITY',
      status: 403,
      message: {
        zh: '只能登记本单位作出的认定（谁认定、谁负责）',
        en: 'Officers register only their own authority’s findings',
      },
    });
  }
}

export class RuleSetExistsError extends DomainError {
  constructor(field: string) {
    super({
      code: 'RULE_SET.EXISTS',
      status: 409,
      message: {
        zh: '已存在相同编号或生效日期的规则',
        en: 'A rule set with this code or effective date exists',
      },
      details: { field },
    });
  }
}
