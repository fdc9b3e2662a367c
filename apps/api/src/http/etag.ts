import type { Response } from 'express';
import { DomainError } from '@credence/shared';

/** A case's ETag is its stream version: `"7"`. */
export function setETag(res: Response, version: number): void {
  res.setHeader('ETag', `"${version}"`);
}

/** The version named by If-Match (`"7"`, `W/"7"` or `7`); undefined when the header is absent. */
export function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) {
    throw new DomainError({
      code: 'IF_MATCH_INVALID',
      status: 400,
      message: {
        zh: 'If-Match 必须是案件版本号，例如 "3"',
        en: 'If-Match must be a case version such as "3"',
      },
    });
  }
  return Number(match[1]);
}
