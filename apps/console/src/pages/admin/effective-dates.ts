/** A row of an effective-dated table (time limits, authority settings): a change is a new row, never an edit. */
export interface EffectiveDated {
  id: string;
  key: string;
  authorityCode: string | null;
  effectiveFrom: string;
}

export type VersionStatus = 'in-force' | 'scheduled' | 'superseded';

/**
 * Where each version stands on a date (a Beijing calendar date): per key and authority, the latest version that took
 * effect on or before it is in force, later ones are scheduled, earlier ones superseded. The API picks the same row
 * for a clock or a decision (limitInForce, policyInForce), the authority's own row over the national one.
 */
export function versionStatuses(rows: readonly EffectiveDated[], onDate: string): Map<string, VersionStatus> {
  const inForce = new Map<string, EffectiveDated>();
  for (const row of rows) {
    if (row.effectiveFrom > onDate) continue;
    const slot = `${row.key} ${row.authorityCode ?? ''}`;
    const best = inForce.get(slot);
    if (!best || row.effectiveFrom > best.effectiveFrom) inForce.set(slot, row);
  }
  const chosen = new Set([...inForce.values()].map((r) => r.id));
  return new Map(
    rows.map((row) => [
      row.id,
      chosen.has(row.id) ? 'in-force' : row.effectiveFrom > onDate ? 'scheduled' : 'superseded',
    ]),
  );
}

/** Rows grouped by key, each group's versions national first, then by authority and effective date (newest first). */
export function groupByKey<T extends EffectiveDated>(rows: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.key, [...(groups.get(row.key) ?? []), row]);
  return [...groups].map(([key, list]) => [
    key,
    list.sort(
      (a, b) =>
        (a.authorityCode ?? '').localeCompare(b.authorityCode ?? '') ||
        b.effectiveFrom.localeCompare(a.effectiveFrom),
    ),
  ]);
}
