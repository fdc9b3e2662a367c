import type { AppliedPolicy } from '@credence/authority-policies';

/**
 * A setting as a decision records it in its event: the value and the row it came from (national default or the
 * authority's own, and since when), so an auditor sees which setting shaped the decision.
 */
export function appliedPolicy(policy: AppliedPolicy): Record<string, unknown> {
  return {
    key: policy.key,
    value: policy.value,
    settingId: policy.settingId,
    authorityCode: policy.authorityCode,
    effectiveFrom: policy.effectiveFrom,
  };
}
