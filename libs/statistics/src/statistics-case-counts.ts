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

  if (filter.groupBy === 'month') return byMonth(db, scope, filter, entry, out);

  const period = figureWhere(scope, filter, 'd', 'day');
  const key = groupExpression(scope, filter.groupBy, 'd', 'day');
  const upToEnd = figureWhere(scope, { ...filter, from: '0001-01-01' }, 'd', 'day');
  const [{ rows }, { rows: net }] = await Promise.all([
    db.query<{ key: string; opened: number; decided: number }>(
      `SELECT ${key} AS key, sum(d.opened)::int AS opened, sum(d.decided)::int AS decided
         FROM statistics_case_days d WHERE ${period.sql} GROUP BY 1`,
      period.params,
    ),
    db.query<{ key: string; net: number }>(
      `SELECT ${key} AS key, sum(d.opened - d.decided)::int AS net
         FROM statistics_case_days d WHERE ${upToEnd.sql} GROUP BY 1`,
      upToEnd.params,
    ),
  ]);
  for (const r of rows) Object.assign(entry(r.key), { opened: r.opened, decided: r.decided });
  for (const r of net) if (r.net !== 0 || out.has(r.key)) entry(r.key).pending = r.net;
  return out;
}

/**
 * By month, one pass over the day counters up to the period's end: each month's openings and ends within the
 * period, and its net change; the days before the period fall into its first month's net, the balance it starts
 * from.
 */
async function byMonth(
  db: Database,
  scope: StatisticsScope,
  filter: StatisticsFilter,
  entry: (key: string) => CaseCounts,
  out: Map<string, CaseCounts>,
): Promise<Map<string, CaseCounts>> {
  const first = filter.from.slice(0, 7);
  const upToEnd = figureWhere(scope, { ...filter, from: '0001-01-01' }, 'd', 'day');
  const p = upToEnd.params.length;
  const { rows } = await db.query<{ key: string; opened: number; decided: number; net: number }>(
    `SELECT to_char(m, 'YYYY-MM') AS key, opened, decided, net
       FROM (SELECT greatest(date_trunc('month', d.day::timestamp), date_trunc('month', $${p + 1}::timestamp)) AS m,
                    coalesce(sum(d.opened) FILTER (WHERE d.day >= $${p + 1}::date), 0)::int AS opened,
                    coalesce(sum(d.decided) FILTER (WHERE d.day >= $${p + 1}::date), 0)::int AS decided,
                    sum(d.opened - d.decided)::int AS net
               FROM statistics_case_days d WHERE ${upToEnd.sql} GROUP BY 1) x`,
    [...upToEnd.params, filter.from],
  );
  let balance = 0;
  for (
    let month = first;
    month <= filter.to.slice(0, 7);
    month = addCalendarMonths(`${month}-01`, 1).slice(0, 7)
  ) {
    const r = rows.find((x) => x.key === month);
    if (r && (r.opened || r.decided)) Object.assign(entry(month), { opened: r.opened, decided: r.decided });
    balance += r?.net ?? 0;
    if (balance !== 0 || out.has(month)) entry(month).pending = balance;
  }
  return out;
}
