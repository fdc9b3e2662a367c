import { DomainError } from '@credence/shared';

/** A second objection while one on the same record is still open (filed, in verification, or in its appeal window). */
export class ObjectionAlreadyOpenError extends DomainError {
  constructor(recordId: string, open: { id: string; caseNumber: string } | null) {
    super({
      code: 'OBJECTION.ALREADY_OPEN',
      status: 409,
      message: {
        zh: '该信用记录已有正在处理的异议，请待其办结后再提出',
        en: 'An objection to this record is still open; file again once it is closed',
      },
      details: { recordId, openObjectionId: open?.id ?? null, openCaseNumber: open?.caseNumber ?? null },
    });
  }
}

/** The record is no longer shown (repaired, expired, removed): there is nothing left to object to. */
export class RecordNotObjectableError extends DomainError {
  constructor(recordId: string, status: string) {
    super({
      code: 'OBJECTION.RECORD_NOT_OBJECTABLE',
      status: 409,
      message: {
        zh: '该信用记录已不在公示（已修复、已到期或已删除），无需提出异议',
        en: 'The record is no longer published (repaired, expired or removed): there is nothing to object to',
      },
      details: { recordId, publicStatus: status },
    });
  }
}

/** A correcting or removing outcome needs a record that is still live: the authority must reconsider. */
export class RecordNoLongerLiveError extends DomainError {
  constructor(recordId: string, status: string, outcome: string) {
    super({
      code: 'OBJECTION.RECORD_NO_LONGER_LIVE',
      status: 409,
      message: {
        zh: '该信用记录已不在公示，无法更正或删除',
        en: 'The record is no longer published: it cannot be corrected or removed',
      },
      details: { recordId, publicStatus: status, outcome },
    });
  }
}

/** 回避: a staff member declared related to the subject does not handle its objections; a colleague does. */
export class RelatedPartyError extends DomainError {
  constructor(authorityName: string) {
    super({
      code: 'OBJECTION.RELATED_PARTY',
      status: 403,
      message: {
        zh: `您与该信用主体存在利害关系，应当回避，不得办理其异议；请由${authorityName}其他未申报利害关系的工作人员办理`,
        en: `You are related to this subject and must abstain from its objections: another officer or senior reviewer of ${authorityName} who declared no relation handles it`,
      },
    });
  }
}

/** The one appeal comes within the window after the answer; the date it closed is given. */
export class AppealWindowClosedError extends DomainError {
  constructor(closedOn: string, closedAt: string) {
    super({
      code: 'OBJECTION.APPEAL_WINDOW_CLOSED',
      status: 409,
      message: {
        zh: `复核申请期限已于${closedOn}届满，不能再申请复核`,
        en: `The appeal window closed at the end of ${closedOn}; an appeal is no longer possible`,
      },
      details: { windowClosedOn: closedOn, windowClosedAt: closedAt },
    });
  }
}

/**
 * An appeal must not leave the subject worse off than the answer it appealed (不利变更禁止, by analogy with
 * 《行政复议法》第六十三条): an overturn grants more than the answer did.
 */
export class OverturnNotFavourableError extends DomainError {
  constructor(answer: string, allowed: string[]) {
    super({
      code: 'OBJECTION.OVERTURN_NOT_FAVOURABLE',
      status: 422,
      message: {
        zh: '复核不得作出对异议人更为不利的决定；撤销原处理结果须给出更有利的处理结果',
        en: 'An appeal may not leave the subject worse off: an overturn must grant more than the answer did',
      },
      details: { answerOutcome: answer, allowedOutcomes: allowed },
      fieldErrors: [
        {
          // The member of the appeal decision that names the replacing outcome (DecideAppealRequest).
          field: 'newOutcome',
          code: 'notFavourable',
          message: {
            zh: `可选：${allowed.join('、') || '无'}`,
            en: `allowed: ${allowed.join(', ') || 'none'}`,
          },
        },
      ],
    });
  }
}

/** The repair application named by a `repair_result` objection is not one of the subject's: 404, as for any id. */
export class UnknownRepairApplicationError extends DomainError {
  constructor(id: string) {
    super({
      code: 'OBJECTION.REPAIR_APPLICATION_UNKNOWN',
      status: 404,
      message: {
        zh: '未找到本主体的该信用修复申请',
        en: 'No repair application of this subject has this id',
      },
      details: { repairApplicationId: id },
      fieldErrors: [
        {
          field: 'repairApplicationId',
          code: 'unknown',
          message: { zh: '未找到该修复申请', en: 'no such repair application' },
        },
      ],
    });
  }
}

/** Field-level input the edge cannot check alone (it depends on another field). */
export class ObjectionInputError extends DomainError {
  constructor(field: string, code: string, message: { zh: string; en: string }) {
    super({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: { zh: '请求参数校验失败', en: 'The request is not valid' },
      fieldErrors: [{ field, code, message }],
    });
  }
}

/** No answer has been given yet, so there is no notice to download. */
export class NoNoticeYetError extends DomainError {
  constructor() {
    super({
      code: 'OBJECTION.NO_NOTICE_YET',
      status: 404,
      message: {
        zh: '尚未作出处理结果，暂无告知书',
        en: 'No answer has been given yet, so there is no notice',
      },
    });
  }
}
