import type { PolicyKey, PolicyValues } from './policy-catalogue';

/** One policy row: the national default (authorityCode null) or an authority's own setting, effective-dated. */
export interface PolicySetting<K extends PolicyKey = PolicyKey> {
  id: string;
  key: K;
  value: PolicyValues[K];
  authorityCode: string | null;
  effectiveFrom: string;
  reason: string;
}

/**
 * The setting in force for an authority on a date: the nearest one along its path (county, then city, then
 * province — a province's setting covers the authorities under it), else the national default; of those at the
 * same level, the latest that took effect on or before the date.
 */
export function policyInForce<K extends PolicyKey>(
  settings: PolicySetting[],
  key: K,
  authorityPath: string,
  onDate: string,
): PolicySetting<K> | null {
  const levels = authorityPath ? authorityPath.split('/').reverse() : [];
  const rank = (code: string | null) => (code === null ? levels.length : levels.indexOf(code));
  let best: PolicySetting | null = null;
  for (const setting of settings) {
    if (setting.key !== key || setting.effectiveFrom > onDate) continue;
    const r = rank(setting.authorityCode);
    if (r < 0) continue;
    const bestRank = best ? rank(best.authorityCode) : Infinity;
    if (r < bestRank || (r === bestRank && setting.effectiveFrom > best!.effectiveFrom)) best = setting;
  }
  return best as PolicySetting<K> | null;
}
