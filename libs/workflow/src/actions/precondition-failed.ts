import { DomainError } from '@credence/shared';

/**
 * If-Match named a version the case has moved past (RFC 9110 §13.1.1: 412 Precondition Failed), whether the pipeline
 * saw it on reading or the append found it on writing (a writer holding the same version got there first). The
 * client reads the case again before acting; a concurrent writer without If-Match keeps 409 VERSION_CONFLICT.
 */
export class PreconditionFailedError extends DomainError {
  constructor(caseId: string, expected: number, current: number | null) {
    const now =
      current === null ? { zh: '', en: '' } : { zh: `当前版本 ${current}，`, en: `now version ${current}, ` };
    super({
      code: 'PRECONDITION_FAILED',
      status: 412,
      message: {
        zh: `案件已被更新（${now.zh}请求基于版本 ${expected}），请重新读取案件后再办理`,
        en: `The case has changed (${now.en}the request was based on version ${expected}); read it again and retry`,
      },
      details: { caseId, expectedVersion: expected, currentVersion: current },
    });
  }
}
