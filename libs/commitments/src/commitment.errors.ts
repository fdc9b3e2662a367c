import { DomainError } from '@credence/shared';
import type { FastTrack } from './domain/commitment';
import type { FastTrackReason, GradeSnapshot } from './domain/fast-track';

const TRACK_NAMES: Record<FastTrack, { zh: string; en: string }> = {
  approval_substitution: { zh: '告知承诺', en: 'approval substitution (告知承诺)' },
  missing_materials: { zh: '容缺受理', en: 'acceptance with materials missing (容缺受理)' },
};

/** The subject may not use the fast track: every reason at once (D grade, black list, unrepaired breach …). */
export class FastTrackNotAllowedError extends DomainError {
  constructor(track: FastTrack, reasons: FastTrackReason[], snapshot: GradeSnapshot) {
    super({
      code: 'COMMITMENT.FAST_TRACK_NOT_ALLOWED',
      status: 422,
      message: {
        zh: `不适用${TRACK_NAMES[track].zh}：${reasons.map((r) => r.message.zh).join('；')}`,
        en: `${TRACK_NAMES[track].en} is not open to the subject: ${reasons.map((r) => r.message.en).join('; ')}`,
      },
      details: { track, reasons: reasons.map((r) => r.code), refusals: reasons, gradeSnapshot: snapshot },
    });
  }
}

/** A rule of the commitment's content is not met; `rule` says which (stable for clients). */
export class CommitmentContentError extends DomainError {
  constructor(rule: string, zh: string, en: string, details?: Record<string, unknown>) {
    super({ code: `COMMITMENT.${rule}`, status: 422, message: { zh, en }, details });
  }
}

export class OwnSubjectOnlyError extends DomainError {
  constructor() {
    super({
      code: 'COMMITMENT.OWN_SUBJECT_ONLY',
      status: 403,
      message: {
        zh: '只能以本主体名义作出信用承诺',
        en: 'You may only make commitments for your own subject',
      },
    });
  }
}

export class NotYourAuthorityError extends DomainError {
  constructor(authorityCode: string) {
    super({
      code: 'COMMITMENT.NOT_YOUR_AUTHORITY',
      status: 403,
      message: {
        zh: '只能登记向本单位作出的信用承诺',
        en: 'You may only record commitments made to your own authority',
      },
      details: { authorityCode },
    });
  }
}

/**
 * The decision a commitment names is not one the subject holds from the authority the commitment is made to. The
 * same answer whether it does not exist or belongs to someone else: an id a client passes must be the caller's.
 */
export class LinkedDecisionNotFoundError extends DomainError {
  constructor(reference: string) {
    super({
      code: 'COMMITMENT.LINKED_DECISION_NOT_FOUND',
      status: 404,
      message: {
        zh: '未找到该主体在该单位的此项信用修复申请',
        en: 'No repair application of this subject at this authority has this id',
      },
      details: { reference },
    });
  }
}

export class UnknownAuthorityError extends DomainError {
  constructor(authorityCode: string) {
    super({
      code: 'COMMITMENT.UNKNOWN_AUTHORITY',
      status: 422,
      message: { zh: `未登记的单位：${authorityCode}`, en: `No such authority: ${authorityCode}` },
      details: { authorityCode },
    });
  }
}

/** 回避: a staff member who declared a relation to the subject does not act on its commitments; a colleague does. */
export class RelatedStaffError extends DomainError {
  constructor(subjectCode: string, authorityName = '本单位') {
    super({
      code: 'COMMITMENT.STAFF_RELATED',
      status: 403,
      message: {
        zh: `您已申报与该信用主体存在关联关系，应当回避；请由${authorityName}其他未申报关联关系的工作人员办理`,
        en: `You declared a relation to this subject and must abstain (回避): another member of staff of ${authorityName === '本单位' ? 'your authority' : authorityName} who declared none acts on it`,
      },
      details: { subjectCode },
    });
  }
}

export class SubjectCodeInvalidError extends DomainError {
  constructor() {
    super({
      code: 'SUBJECT_CODE_INVALID',
      status: 400,
      message: {
        zh: '不是有效的统一社会信用代码或居民身份证号码',
        en: 'Not a valid unified social credit code or resident ID number',
      },
    });
  }
}
