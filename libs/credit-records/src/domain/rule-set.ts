import { addCalendarMonths, addDays, startOfBeijingDay } from '@credence/shared';
import type { PublicityPeriods, RecordField, Severity } from './credit-record';

export interface PeriodBand {
  minimumMonths: number;
  maximumMonths: number;
}

/** An effective-dated regime: data loaded from the rule_sets table, never constants in code. */
export interface RuleSet {
  code: string;
  nameZh: string;
  nameEn: string;
  legalBasis: string;
  effectiveFrom: string;
  periods: Record<Severity, PeriodBand>;
  /** Longer minimum periods in special fields (Order 58: 1 year in work safety). */
  fieldMinimums: Partial<Record<RecordField, number>>;
}

export type TransitionPolicy = 'decision-date' | 'lenient';

/** The rule set in force on a date: the latest whose effective date is on or before it. */
export function ruleSetInForce(ruleSets: RuleSet[], date: string): RuleSet | null {
  return (
    [...ruleSets]
      .filter((r) => r.effectiveFrom <= date)
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null
  );
}

/**
 * The band a record gets. Periods count from the decision document's date (Order 36). The day after the minimum
 * period's last day is the first day repair may be applied for; publicity ends after the maximum period's last day
 * (Civil Code Art. 201–202 counting, done by addCalendarMonths).
 */
export function publicityPeriods(
  ruleSet: RuleSet,
  severity: Severity,
  field: RecordField,
  decisionDate: string,
): PublicityPeriods {
  const band = ruleSet.periods[severity];
  const minimumMonths = Math.max(band.minimumMonths, ruleSet.fieldMinimums[field] ?? 0);
  // Order 36: a minor record may be repaired once its duties are fulfilled — from the day after the decision.
  const repairableFrom = addDays(addCalendarMonths(decisionDate, minimumMonths), 1);
  const publicityEndsAfter = addCalendarMonths(decisionDate, band.maximumMonths);
  return {
    ruleSet: ruleSet.code,
    repairableFrom,
    repairableAt: startOfBeijingDay(repairableFrom).toISOString(),
    publicityEndsAfter,
    expiresAt: startOfBeijingDay(addDays(publicityEndsAfter, 1)).toISOString(),
  };
}

/**
 * Which regime governs a record. `decision-date`: the one in force when the decision was made. `lenient`
 * (从旧兼从轻): of that one and the one in force at registration, the one allowing repair sooner. Order 36
 * publishes no transition article, so this is an operator's setting.
 */
export function governingPeriods(
  ruleSets: RuleSet[],
  input: {
    severity: Severity;
    field: RecordField;
    decisionDate: string;
    registrationDate: string;
    policy: TransitionPolicy;
  },
): PublicityPeriods | null {
  const atDecision = ruleSetInForce(ruleSets, input.decisionDate);
  if (!atDecision) return null;
  const chosen = publicityPeriods(atDecision, input.severity, input.field, input.decisionDate);
  if (input.policy === 'decision-date') return chosen;
  const atRegistration = ruleSetInForce(ruleSets, input.registrationDate);
  if (!atRegistration || atRegistration.code === atDecision.code) return chosen;
  const alternative = publicityPeriods(atRegistration, input.severity, input.field, input.decisionDate);
  return alternative.repairableFrom < chosen.repairableFrom ? alternative : chosen;
}
