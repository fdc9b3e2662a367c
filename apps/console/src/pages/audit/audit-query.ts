import type { paths } from '../../api/schema';

/** The decision search's query as the API takes it (GET /api/v1/audit/decisions). */
export type DecisionQuery = NonNullable<paths['/api/v1/audit/decisions']['get']['parameters']['query']>;
/** The access log's query as the API takes it (GET /api/v1/audit/access-log). */
export type AccessLogQuery = NonNullable<paths['/api/v1/audit/access-log']['get']['parameters']['query']>;

/**
 * What the address holds: the filters an auditor typed, with the period as Beijing dates (`from=2026-12-01&
 * to=2026-12-31`, both days included) — what a person reads and bookmarks; the API gets instants.
 */
export interface DecisionFilters {
  subject?: string;
  authority?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  caseType?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  page: number;
}

export interface AccessLogFilters {
  actor?: string;
  subject?: string;
  from?: string;
  to?: string;
  page: number;
}

export const DECISION_PAGE_SIZE = 20;
export const ACCESS_LOG_PAGE_SIZE = 20;

// The API's own patterns (apps/api/src/audit/trail/audit.requests.ts): a value it would refuse with a 400 is dropped
// from a hand-edited address rather than sent.
const PATTERNS = {
  subject: /^.{1,18}$/,
  authority: /^\d{6}$/,
  actor: /^[A-Za-z0-9._-]{1,64}$/,
  action: /^[A-Za-z][A-Za-z0-9-]{0,63}$/,
  outcome: /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
  caseType: /^[a-zA-Z]{1,40}$/,
  logSubject: /^.{1,64}$/,
} as const;

function text(params: URLSearchParams, name: string, pattern: RegExp): string | undefined {
  const value = params.get(name)?.trim();
  return value && pattern.test(value) ? value : undefined;
}

/** A calendar date that exists (`2026-02-30` does not). */
function date(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? value : undefined;
}

function pageOf(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** Drops the keys whose value is undefined: `{ a: undefined }` is no filter. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function decisionFiltersOf(params: URLSearchParams): DecisionFilters {
  return defined({
    subject: text(params, 'subject', PATTERNS.subject),
    authority: text(params, 'authority', PATTERNS.authority),
    actor: text(params, 'actor', PATTERNS.actor),
    action: text(params, 'action', PATTERNS.action),
    outcome: text(params, 'outcome', PATTERNS.outcome),
    caseType: text(params, 'caseType', PATTERNS.caseType),
    from: date(params, 'from'),
    to: date(params, 'to'),
    overdue: params.get('overdue') === 'true' ? true : undefined,
    page: pageOf(params),
  });
}

export function accessLogFiltersOf(params: URLSearchParams): AccessLogFilters {
  return defined({
    actor: text(params, 'actor', PATTERNS.actor),
    subject: text(params, 'subject', PATTERNS.logSubject),
    from: date(params, 'from'),
    to: date(params, 'to'),
    page: pageOf(params),
  });
}

/** The address of filters: empty ones and the first page left out, so the plain page is the unfiltered one. */
export function searchOf(filters: DecisionFilters | AccessLogFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === '' || value === false) continue;
    if (name === 'page' && value === 1) continue;
    params.set(name, String(value));
  }
  return params;
}

/** Statutory time is Beijing time (ADR 0009); China keeps no daylight saving, so the offset is fixed. */
const BEIJING_OFFSET = '+08:00';

/**
 * A period of Beijing dates, both included, as the API's half-open instants: `from` at 00:00 Beijing, `to` at
 * 00:00 Beijing of the day after.
 */
export function periodOf(from?: string, to?: string): { from?: string; to?: string } {
  const dayAfter = (date: string) => {
    const next = new Date(`${date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().slice(0, 10);
  };
  return defined({
    from: from ? `${from}T00:00:00${BEIJING_OFFSET}` : undefined,
    to: to ? `${dayAfter(to)}T00:00:00${BEIJING_OFFSET}` : undefined,
  });
}

export function decisionQueryOf(filters: DecisionFilters): DecisionQuery {
  const { page, from, to, ...rest } = filters;
  return { ...rest, ...periodOf(from, to), page, pageSize: DECISION_PAGE_SIZE };
}

export function accessLogQueryOf(filters: AccessLogFilters): AccessLogQuery {
  const { page, from, to, ...rest } = filters;
  return { ...rest, ...periodOf(from, to), page, pageSize: ACCESS_LOG_PAGE_SIZE };
}

/** The export of the same search, every row (the API refuses above its limit before the first byte). */
export function exportPathOf(filters: DecisionFilters, format: 'csv' | 'xlsx'): string {
  const { page: _page, pageSize: _size, ...query } = decisionQueryOf(filters);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  params.set('format', format);
  return `/api/v1/audit/decisions?${params.toString()}`;
}

/** Kilobytes for a person: an export streams without a length, so its progress is what has arrived. */
export function kilobytes(bytes: number): string {
  return (bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0);
}

/**
 * The access log answers pages without a total (counting a year of reads would cost more than the page). A full
 * page means there may be a next one: the pager is told of one more row than it has seen, so it offers it.
 */
export function openEndedTotal(page: number, pageSize: number, rowsOnPage: number): number {
  const seen = (page - 1) * pageSize + rowsOnPage;
  return rowsOnPage === pageSize ? seen + 1 : seen;
}
