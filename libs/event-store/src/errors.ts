import { DomainError } from '@credence/shared';

/** Another writer appended to the stream first (optimistic concurrency). The caller re-reads and decides again. */
export class StreamVersionConflictError extends DomainError {
  constructor(streamId: string, expectedVersion: number) {
    super({
      code: 'VERSION_CONFLICT',
      status: 409,
      message: {
        zh: '该案件已被他人更新，请刷新后重试',
        en: 'The case was changed by someone else; reload it and try again',
      },
      details: { streamId, expectedVersion },
    });
  }
}
