import type { BilingualText } from '@credence/shared';
import { DomainError } from '@credence/shared';

/** A limit as the clocks use it, with the row it came from (recorded in the clock's events). */
export interface TimeLimit {
  id: string;
  key: string;
  workingDays: number;
  label: BilingualText;
  legalBasis: BilingualText;
  /** The authority whose own setting this is; null for the national default. */
  authorityCode: string | null;
  effectiveFrom: string;
}

export class UnknownTimeLimitError extends DomainError {
  constructor(key: string) {
    super({
      code: 'TIME.UNKNOWN_LIMIT',
      status: 500,
      message: { zh: `未配置时限：${key}`, en: `No time limit is configured for ${key}` },
      details: { key },
    });
  }
}

/**
 * The limit in force for an authority on a date: its own setting if it has one, else the national default; of
 * those, the latest that took effect on or before the date.
 */
export function limitInForce(
  limits: TimeLimit[],
  key: string,
  authorityCode: string | null,
  onDate: string,
): TimeLimit {
  let best: TimeLimit | undefined;
  for (const limit of limits) {
    if (limit.key !== key || limit.effectiveFrom > onDate) continue;
    if (limit.authorityCode !== null && limit.authorityCode !== authorityCode) continue;
    const better =
      !best ||
      (limit.authorityCode !== null && best.authorityCode === null) ||
      ((limit.authorityCode === null) === (best.authorityCode === null) &&
        limit.effectiveFrom > best.effectiveFrom);
    if (better) best = limit;
  }
  if (!best) throw new UnknownTimeLimitError(key);
  return best;
}
