import { addCalendarMonths, addDays, type BilingualText } from '@credence/shared';
import type { PublicStatus, RecordKind } from '@credence/credit-records';
import type { RepeatRepairLimits } from '@credence/authority-policies';

/** Everything the eligibility rules read, gathered by the handler from the registry and past applications. */
export interface EligibilityFacts {
  today: string;
  record: { status: PublicStatus; kind: RecordKind; repairableFrom: string };
  openApplication: { id: string; caseNumber: string | null } | null;
  /** The latest revocation ban on the subject, if any. */
  ban: { until: string; caseNumber: string | null } | null;
  repeatLimits: RepeatRepairLimits;
  /** The subject's approved repairs that still stand (revoked ones excluded), oldest first. */
  approvals: { decidedOn: string; kind: RecordKind }[];
}

export interface EligibilityRefusal {
  rule: string;
  message: BilingualText;
  /** The first day the rule will be met, when waiting is enough. */
  metOn: string | null;
  details?: Record<string, unknown>;
}

const refusal = (
  rule: string,
  zh: string,
  en: string,
  metOn: string | null = null,
  details?: Record<string, unknown>,
): EligibilityRefusal => ({ rule, message: { zh, en }, metOn, details });

/**
 * The conditions to apply for repair (Order 36 Art. 9–12, DOMAIN §3), all checked at once so an applicant sees
 * every unmet rule and, where only time is missing, the date it will be met. The conduct being corrected and the
 * duties fulfilled is judged by the authority from the materials, not here.
 */
export function eligibilityRefusals(f: EligibilityFacts): EligibilityRefusal[] {
  const refusals: EligibilityRefusal[] = [];
  // Once repaired, expired, removed or shielded, the record is no longer published: there is nothing to end early.
  if (f.record.status !== 'published' && f.record.status !== 'repairable')
    refusals.push(
      refusal('RECORD_NOT_PUBLISHED', '该记录未在公示中，无需修复', 'The record is not published', null, {
        status: f.record.status,
      }),
    );
  // Order 36: no application before the minimum period; for a minor record it is the day after the decision.
  if (f.today < f.record.repairableFrom)
    refusals.push(
      refusal(
        'MINIMUM_PERIOD_NOT_REACHED',
        `未达到最短公示期，自${f.record.repairableFrom}起可申请`,
        `The minimum publicity period is not reached; you may apply from ${f.record.repairableFrom}`,
        f.record.repairableFrom,
      ),
    );
  if (f.openApplication)
    refusals.push(
      refusal(
        'OPEN_APPLICATION_EXISTS',
        '该记录已有未办结的修复申请',
        'The record already has an open repair application',
        null,
        { applicationId: f.openApplication.id, caseNumber: f.openApplication.caseNumber },
      ),
    );
  if (f.ban && f.ban.until >= f.today) {
    const metOn = addDays(f.ban.until, 1);
    refusals.push(
      refusal(
        'REVOCATION_BAN',
        `修复被撤销后禁止申请期内，自${metOn}起可申请`,
        `A revoked repair bars new applications; you may apply from ${metOn}`,
        metOn,
        { caseNumber: f.ban.caseNumber },
      ),
    );
  }
  if (f.repeatLimits.enabled) refusals.push(...repeatRefusals(f));
  return refusals;
}

/** The authority's limits on repeated repair (a local policy, off by default). */
function repeatRefusals(f: EligibilityFacts): EligibilityRefusal[] {
  const limits = f.repeatLimits;
  const refusals: EligibilityRefusal[] = [];
  const fiveYearsAgo = addCalendarMonths(f.today, -60);
  const recent = f.approvals.filter((a) => a.decidedOn > fiveYearsAgo);
  const last = f.approvals.at(-1);
  if (limits.minMonthsSinceLastRepair > 0 && last) {
    const metOn = addDays(addCalendarMonths(last.decidedOn, limits.minMonthsSinceLastRepair), 1);
    if (metOn > f.today)
      refusals.push(
        refusal(
          'REPEAT_TOO_SOON',
          `距上次修复不满${limits.minMonthsSinceLastRepair}个月，自${metOn}起可申请`,
          `Less than ${limits.minMonthsSinceLastRepair} months since the last repair; you may apply from ${metOn}`,
          metOn,
        ),
      );
  }
  if (limits.maxRepairsInFiveYears > 0 && recent.length >= limits.maxRepairsInFiveYears) {
    // The limit is met again the day after the oldest counted repair leaves the five-year window.
    const oldestCounted = recent[recent.length - limits.maxRepairsInFiveYears];
    const metOn = addDays(addCalendarMonths(oldestCounted.decidedOn, 60), 1);
    refusals.push(
      refusal(
        'REPEAT_TOO_MANY',
        `5年内已修复${recent.length}次，自${metOn}起可申请`,
        `${recent.length} repairs within five years; you may apply from ${metOn}`,
        metOn,
      ),
    );
  }
  const sameKind = recent.filter((a) => a.kind === f.record.kind).at(-1);
  if (limits.sameKindOnceInFiveYears && sameKind) {
    const metOn = addDays(addCalendarMonths(sameKind.decidedOn, 60), 1);
    refusals.push(
      refusal(
        'REPEAT_SAME_KIND',
        `同类信息5年内已修复过，自${metOn}起可申请`,
        `A record of the same kind was repaired within five years; you may apply from ${metOn}`,
        metOn,
      ),
    );
  }
  return refusals;
}
