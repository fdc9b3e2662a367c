import { DomainError, type BilingualText } from '@credence/shared';
import type { Refusal } from './refusals/refusal';

/** The facts a client may use about a refused action: the rule's code and the action (its HTTP name). */
export interface RefusalDetails {
  refusal: string;
  action: string | null;
  [fact: string]: unknown;
}

/** A guard of the case's machine refused the action: the case type's declared refusal says why and what would help. */
export class ActionRefusedError extends DomainError {
  constructor(refused: Refusal, details: RefusalDetails) {
    super({ code: refused.code, status: refused.status, message: refused.message, details });
  }
}

/** No transition for the action leaves the case's current state: say where it stands and where the action is possible. */
export class NotInThisStateError extends DomainError {
  constructor(
    action: { name: string | null; label: BilingualText },
    state: BilingualText,
    possibleIn: BilingualText[],
    availableActions: string[],
  ) {
    const zhWhere = possibleIn.map((l) => `「${l.zh}」`).join('或');
    const enWhere = possibleIn.map((l) => `"${l.en}"`).join(' or ');
    super({
      code: 'WORKFLOW.NOT_IN_THIS_STATE',
      status: 409,
      message: possibleIn.length
        ? {
            zh: `本案当前为「${state.zh}」，不能${action.label.zh}；${action.label.zh}只能在案件处于${zhWhere}时办理`,
            en: `"${action.label.en}" is not possible while the case is "${state.en}"; it is possible only while the case is ${enWhere}`,
          }
        : {
            zh: `本类案件没有「${action.label.zh}」这一操作`,
            en: `Cases of this type have no "${action.label.en}" step`,
          },
      details: {
        refusal: 'WORKFLOW.NOT_IN_THIS_STATE',
        action: action.name,
        state,
        possibleIn,
        availableActions,
      } satisfies RefusalDetails,
    });
  }
}

/**
 * The generic refusal, for a guard the case type declares no refusal for (an older machine version kept for open
 * cases). The walk of each machine's guards fails when a current guard falls back to it.
 */
export class ActionNotPermittedError extends DomainError {
  constructor(action: { name: string | null; label: BilingualText }) {
    super({
      code: 'WORKFLOW.ACTION_NOT_PERMITTED',
      status: 403,
      message: {
        zh: `您不能在本案中${action.label.zh}`,
        en: `You may not "${action.label.en}" in this case`,
      },
      details: { refusal: 'WORKFLOW.ACTION_NOT_PERMITTED', action: action.name } satisfies RefusalDetails,
    });
  }
}

export class CaseAlreadyExistsError extends DomainError {
  constructor(caseId: string) {
    super({
      code: 'WORKFLOW.CASE_EXISTS',
      status: 409,
      message: { zh: '案件已存在', en: 'The case already exists' },
      details: { caseId },
    });
  }
}

/** A stored history the machine does not accept: a defect or a machine change without migration. */
export class HistoryNotReplayableError extends Error {
  constructor(streamId: string, version: number, type: string, state: string) {
    super(`${streamId}: event #${version} ${type} is not accepted in state ${state}`);
    this.name = 'HistoryNotReplayableError';
  }
}

export class UnknownCaseTypeError extends DomainError {
  constructor(type: string) {
    super({
      code: 'WORKFLOW.UNKNOWN_CASE_TYPE',
      status: 404,
      message: { zh: `未知的案件类型：${type}`, en: `Unknown case type: ${type}` },
    });
  }
}

/** A clock threshold timer fired for a clock that no longer waits for it (stopped, paused, moved): it is stale. */
export class ClockNotWaitingError extends DomainError {
  constructor(clock: string, threshold: string) {
    super({
      code: 'WORKFLOW.CLOCK_NOT_WAITING',
      status: 409,
      message: { zh: `时限 ${clock} 已不在计时`, en: `Clock ${clock} no longer waits for ${threshold}` },
      details: { clock, threshold },
    });
  }
}
