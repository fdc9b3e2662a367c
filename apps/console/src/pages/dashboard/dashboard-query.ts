import type { paths } from '../../api/schema';

/** The statistics endpoints' common query as the API takes it (GET /api/v1/statistics/…). */
export type StatisticsQuery = NonNullable<paths['/api/v1/statistics/cases']['get']['parameters']['query']>;
/** The query of the cases behind a figure (GET /api/v1/statistics/cases/list). */
export type CaseListQuery = NonNullable<paths['/api/v1/statistics/cases/list']['get']['parameters']['query']>;
export type ListedFigure = CaseListQuery['figure'];

/**
 * What the dashboard's address holds (bookmarkable): a month (`month=2026-10`) or a period (`from`/`to`, Beijing
 * dates, both days included), an authority (its GB/T 2260 code: the figures roll up everything under it) and a case
 * type. Neither month nor period: the current month, as the API reads it.
 */
export interface DashboardFilters {
  month?: string;
  from?: string;
  to?: string;
  authority?: string;
  caseType?: string;
}

/** The case list behind a figure adds which figure, a stage (for `late`) and the page. */
export interface CaseListFilters extends DashboardFilters {
  figure: ListedFigure;
  stage?: string;
  page: number;
}

const FIGURES: readonly ListedFigure[] = ['opened', 'decided', 'pending', 'late'];
export const CASE_LIST_PAGE_SIZE = 20;

// The API's own patterns (apps/api/src/statistics/statistics.requests.ts): a value it would refuse with a 400 is
// dropped from a hand-edited address rather than sent.
const PATTERNS = {
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  authority: /^\d{6}$/,
  caseType: /^[a-zA-Z]{1,40}$/,
  stage: /^[a-z][a-z.-]{0,63}$/,
} as const;

function text(params: URLSearchParams, name: keyof typeof PATTERNS): string | undefined {
  const value = params.get(name)?.trim();
  return value && PATTERNS[name].test(value) ? value : undefined;
}

/** A calendar date that exists (`2026-02-30` does not). */
function date(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? value : undefined;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function dashboardFiltersOf(params: URLSearchParams): DashboardFilters {
  const month = text(params, 'month');
  // A period needs both days; a month wins over a period (the API does the same).
  const from = month ? undefined : date(params, 'from');
  const to = month ? undefined : date(params, 'to');
  const period = from && to && from <= to ? { from, to } : {};
  return defined({
    month,
    ...period,
    authority: text(params, 'authority'),
    caseType: text(params, 'caseType'),
  });
}

export function caseListFiltersOf(params: URLSearchParams): CaseListFilters {
  const figure = params.get('figure') as ListedFigure;
  const page = Number(params.get('page'));
  return defined({
    ...dashboardFiltersOf(params),
    figure: FIGURES.includes(figure) ? figure : 'opened',
    stage: text(params, 'stage'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  });
}

/** The address of the filters, in a fixed order so equal filters give equal addresses. */
export function searchOf(filters: Partial<CaseListFilters>): string {
  const order = ['month', 'from', 'to', 'authority', 'caseType', 'figure', 'stage', 'page'] as const;
  const params = new URLSearchParams();
  for (const key of order) {
    const value = filters[key];
    if (value !== undefined && !(key === 'page' && value === 1)) params.set(key, String(value));
  }
  return params.toString();
}

export function statisticsQueryOf(filters: DashboardFilters): StatisticsQuery {
  return defined({
    month: filters.month,
    from: filters.from,
    to: filters.to,
    authority: filters.authority,
    caseType: filters.caseType,
  });
}

export function caseListQueryOf(filters: CaseListFilters): CaseListQuery {
  return defined({
    ...statisticsQueryOf(filters),
    figure: filters.figure,
    stage: filters.figure === 'late' ? filters.stage : undefined,
    page: filters.page,
    pageSize: CASE_LIST_PAGE_SIZE,
  });
}

/** `2026-10` → the twelve months ending with it, as a period: the trend chart's span. */
export function twelveMonthsTo(lastDay: string): { from: string; to: string } {
  const [year, month] = lastDay.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 12, 1));
  return { from: first.toISOString().slice(0, 10), to: lastDay };
}

/**
 * The month a monthly report covers: the month asked for, or (no period in the address) the month the API
 * answered for; a period of days other than a calendar month has none.
 */
export function reportMonthOf(
  filters: DashboardFilters,
  answered: { from: string } | undefined,
): string | undefined {
  if (filters.month) return filters.month;
  if (filters.from || filters.to) return undefined;
  return answered?.from.slice(0, 7);
}

/**
 * GET /api/v1/statistics/reports/monthly for the month and the dashboard's authority. The report covers every case
 * type (its query takes none): a case type chosen on the dashboard does not narrow it.
 */
export function reportPathOf(filters: DashboardFilters, month: string, format: 'xlsx' | 'pdf'): string {
  const params = new URLSearchParams({ month, format });
  if (filters.authority) params.set('authority', filters.authority);
  return `/api/v1/statistics/reports/monthly?${params.toString()}`;
}
