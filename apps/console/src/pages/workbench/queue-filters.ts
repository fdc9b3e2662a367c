import type { paths } from '../../api/schema';

/** The work queue's query as the API takes it (GET /api/v1/work-items). */
export type QueueQuery = NonNullable<paths['/api/v1/work-items']['get']['parameters']['query']>;
export type QueueView = NonNullable<QueueQuery['view']>;

export const QUEUE_VIEWS: readonly QueueView[] = [
  'role',
  'mine',
  'unclaimed',
  'delegated',
  'signing',
  'copied',
  'all',
];
const DUES = ['soon', 'overdue'] as const;
const SORTS = ['due', 'follow-up'] as const;
export const PAGE_SIZE = 20;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * The filters of a bookmarked address (`/workbench?view=mine&due=overdue&page=2`): what the address names and the
 * API accepts; anything else is dropped rather than sent (the API would refuse it with a 400).
 */
export function queueQueryOf(params: URLSearchParams): QueueQuery & { page: number; pageSize: number } {
  const page = Number(params.get('page'));
  const type = params.get('type');
  return {
    view: oneOf(params.get('view'), QUEUE_VIEWS) ?? 'role',
    ...(type && /^[a-zA-Z]{1,40}$/.test(type) ? { type } : {}),
    ...(oneOf(params.get('due'), DUES) ? { due: oneOf(params.get('due'), DUES) } : {}),
    sort: oneOf(params.get('sort'), SORTS) ?? 'due',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

/** The address of a query: defaults left out, so the plain `/workbench` is the default queue. */
export function searchOf(query: QueueQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.view && query.view !== 'role') params.set('view', query.view);
  if (query.type) params.set('type', query.type);
  if (query.due) params.set('due', query.due);
  if (query.sort && query.sort !== 'due') params.set('sort', query.sort);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  return params;
}
