import { DomainError } from '@credence/shared';

export class ActionNotAllowedError extends DomainError {
  constructor(action: string, state: string, available: string[]) {
    super({
      code: 'WORKFLOW.ACTION_NOT_ALLOWED',
      status: 409,
      message: {
        zh: `当前状态（${state}）下不能执行此操作：${action}`,
        en: `"${action}" cannot be done in the current state (${state})`,
      },
      details: { action, state, availableActions: available },
    });
  }
}

export class ActionNotPermittedError extends DomainError {
  constructor(action: string) {
    super({
      code: 'WORKFLOW.ACTION_NOT_PERMITTED',
      status: 403,
      message: { zh: `您无权执行此操作：${action}`, en: `You may not do "${action}" on this case` },
      details: { action },
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
