import { SqlWhere, type BilingualText } from '@credence/shared';
import { addScope, childAuthority, type StatisticsScope } from './statistics-scope';

export const GROUP_BY = ['authority', 'month', 'type'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** What a figure is asked for: a period of Beijing calendar dates (both ends included) and optional narrowing. */
export interface StatisticsFilter {
  from: string;
  to: string;
  authority?: string;
  caseType?: string;
  groupBy?: GroupBy;
}

/** A group of a grouped answer: an authority under the root, a month (YYYY-MM) or a case type. */
export interface GroupKey {
  key: string;
  label: BilingualText;
}

/** Builds the WHERE of a figure over one table: scope, period on `dateColumn`, case type when the table has one. */
export function figureWhere(
  scope: StatisticsScope,
  filter: StatisticsFilter,
  alias: string,
  dateColumn: string,
  hasCaseType = true,
): SqlWhere {
  const where = new SqlWhere();
  where.add(`${alias}.${dateColumn} >= ?::date`, filter.from);
  where.add(`${alias}.${dateColumn} <= ?::date`, filter.to);
  if (filter.caseType && hasCaseType) where.add(`${alias}.case_type = ?`, filter.caseType);
  return addScope(where, scope, alias);
}

/** The SQL of the group a row falls in ('' when the answer is not grouped). */
export function groupExpression(
  scope: StatisticsScope,
  groupBy: GroupBy | undefined,
  alias: string,
  dateColumn: string,
): string {
  switch (groupBy) {
    case 'authority':
      return childAuthority(scope, alias);
    case 'month':
      return `to_char(${alias}.${dateColumn}, 'YYYY-MM')`;
    case 'type':
      return `${alias}.case_type`;
    case undefined:
      return `''`;
  }
}

/** The share of `part` in `whole`, rounded to four decimals; null when there is nothing to share (whole = 0). */
export const rateOf = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
