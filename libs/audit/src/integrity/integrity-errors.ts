import { DomainError } from '@credence/shared';

/** Nothing has been sealed and signed yet: there is no tree to prove anything against. */
export class NoCheckpointError extends DomainError {
  constructor() {
    super({
      code: 'AUDIT.NO_CHECKPOINT',
      status: 404,
      message: { zh: '尚无已签名的检查点', en: 'No signed checkpoint exists yet' },
    });
  }
}

/** The event exists but the checkpoint asked for (or the latest) does not cover it yet. */
export class NotYetSealedError extends DomainError {
  constructor(details: Record<string, unknown>) {
    super({
      code: 'AUDIT.NOT_YET_SEALED',
      status: 409,
      message: {
        zh: '该事件尚未被此检查点覆盖，请稍后重试',
        en: 'The event is not covered by this checkpoint yet; try again later',
      },
      details,
    });
  }
}

export class InvalidTreeSizesError extends DomainError {
  constructor(details: Record<string, unknown>) {
    super({
      code: 'AUDIT.INVALID_TREE_SIZES',
      status: 400,
      message: {
        zh: '检查点大小无效：起点须小于或等于终点',
        en: 'Invalid tree sizes: from must not exceed to',
      },
      details,
    });
  }
}

export class EvidenceScopeError extends DomainError {
  constructor() {
    super({
      code: 'AUDIT.EVIDENCE_SCOPE_REQUIRED',
      status: 400,
      message: {
        zh: '请指定案件（caseId）、主体代码（subjectCode）或时间范围（from 与 to）',
        en: 'Give a caseId, a subjectCode, or a time range (from and to)',
      },
    });
  }
}

export class EvidenceTooLargeError extends DomainError {
  constructor(limit: number) {
    super({
      code: 'AUDIT.EVIDENCE_TOO_LARGE',
      status: 422,
      message: {
        zh: `证据包最多包含 ${limit} 个案件，请缩小范围`,
        en: `An evidence bundle holds at most ${limit} cases; narrow the scope`,
      },
      details: { limit },
    });
  }
}
