import { addCalendarMonths, type Database } from '@credence/shared';
import { figureWhere, groupExpression, type StatisticsFilter } from './statistics-filter';
import type { StatisticsScope } from './statistics-scope';

export interface CaseCounts {
  opened: number;
  decided: number;
  pending: number;
}

const zero = (): CaseCounts => ({ opened: 0, decided: 0, pending: 0 });

/**
 * Cases opened and ended within the period, and pending at its end (opened by then and not ended by then), from the
 * day counters: pending on a day is every opening up to it less every end up to it. Grouped by month, pending is
 * counted at the end of each month.
 */
export async function caseCounts(
  db: Database,
  scope: StatisticsScope,
  filter: StatisticsFilter,
): Promise<Map<string, CaseCounts>> {
  const out = new Map<string, CaseCounts>();
  const entry = (key: string) => out.get(key) ?? out.set(key, zero()).get(key)!;

  const period = figureWhere(scope, filter, 'd', 'day');
  const key = groupExpression(scope, filter.groupBy, 'd', 'day');
  const { rows } = await db.query<{ key: string; opened: number; decided: number }>(
    `SELECT ${key} AS key, sum(d.opened)::int AS opened, sum(d.decided)::int AS decided
       FROM statistics_case_days d WHERE ${period.sql} GROUP BY 1`,
    period.params,
  );
  for (const r of rows) Object.assign(entry(r.key), { opened: r.opened, decided: r.decided });

  const upToEnd = figureWhere(scope, { ...filter, from: '0001-01-01' }, 'd', 'day');
  const netKey = filter.groupBy === 'month' ? `to_char(d.day, 'YYYY-MM')` : key;
  const { rows: net } = await db.query<{ key: string; net: number }>(
    `SELECT ${netKey} AS key, sum(d.opened - d.decided)::int AS net
       FROM statistics_case_days d WHERE ${upToEnd.sql} GROUP BY 1`,
    upToEnd.params,
  );
  if (filter.groupBy !== 'month') {
    for (const r of net) if (r.net !== 0 || out.has(r.key)) entry(r.key).pending = r.net;
    return out;
  }
  // Months before the period carry their balance into it; every month of the period has its own end.
  const first = filter.from.slice(0, 7);
  let balance = net.filter((r) => r.key < first).reduce((sum, r) => sum + r.net, 0);
  for (
    let month = first;
    month <= filter.to.slice(0, 7);
    month = addCalendarMonths(`${month}-01`, 1).slice(0, 7)
  ) {
    balance += net.find((r) => r.key === month)?.net ?? 0;
    if (balance !== 0 || out.has(month)) entry(month).pending = balance;
  }
  return out;
}
