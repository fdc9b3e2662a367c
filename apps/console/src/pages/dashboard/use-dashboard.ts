import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { statisticsQueryOf, twelveMonthsTo, type DashboardFilters } from './dashboard-query';

const options = { placeholderData: keepPreviousData } as const;

/**
 * Every answer the dashboard draws, for the filters in the address: the period's figures, the same grouped by
 * authority (the drill-down) and by case type, and the twelve months up to the period's end (the trend).
 */
export function useDashboard(filters: DashboardFilters) {
  const query = statisticsQueryOf(filters);
  const byAuthority = { ...query, groupBy: 'authority' as const };
  const key = (name: string, q: object) => ['statistics', name, q];

  const cases = useQuery({
    queryKey: key('cases', query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/cases', { params: { query } })),
    ...options,
  });
  // The trend ends with the period the API answered for (this month when the address names none).
  const lastDay = cases.data?.context.to;
  const trendQuery = {
    ...(lastDay ? twelveMonthsTo(lastDay) : {}),
    authority: query.authority,
    caseType: query.caseType,
    groupBy: 'month' as const,
  };
  const trend = useQuery({
    queryKey: key('cases', trendQuery),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/cases', { params: { query: trendQuery } })),
    enabled: !!lastDay,
    ...options,
  });
  const byTypeQuery = { ...query, groupBy: 'type' as const };
  const byType = useQuery({
    queryKey: key('cases', byTypeQuery),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/cases', { params: { query: byTypeQuery } })),
    ...options,
  });
  const onTime = useQuery({
    queryKey: key('on-time', query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/on-time', { params: { query } })),
    ...options,
  });
  const backlog = useQuery({
    queryKey: key('backlog', query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/backlog', { params: { query } })),
    ...options,
  });
  const outcomes = useQuery({
    queryKey: key('outcomes', query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/outcomes', { params: { query } })),
    ...options,
  });
  const revocations = useQuery({
    queryKey: key('revocations', query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/revocations', { params: { query } })),
    ...options,
  });
  const commitments = useQuery({
    queryKey: key('commitments', query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/commitments', { params: { query } })),
    ...options,
  });
  const publication = useQuery({
    queryKey: key('publication', query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/publication', { params: { query } })),
    ...options,
  });
  const drill = {
    cases: useQuery({
      queryKey: key('cases', byAuthority),
      queryFn: () => unwrap(api.GET('/api/v1/statistics/cases', { params: { query: byAuthority } })),
      ...options,
    }),
    onTime: useQuery({
      queryKey: key('on-time', byAuthority),
      queryFn: () => unwrap(api.GET('/api/v1/statistics/on-time', { params: { query: byAuthority } })),
      ...options,
    }),
    publication: useQuery({
      queryKey: key('publication', byAuthority),
      queryFn: () => unwrap(api.GET('/api/v1/statistics/publication', { params: { query: byAuthority } })),
      ...options,
    }),
  };
  const freshness = useQuery({
    queryKey: ['statistics', 'freshness'],
    queryFn: () => unwrap(api.GET('/api/v1/statistics/freshness')),
    refetchInterval: 30_000,
  });
  // The first refusal explains them all (an authority outside the caller's reach is 404 for every figure).
  const error = [cases, onTime, backlog, outcomes, revocations, commitments, publication].find(
    (q) => q.error,
  )?.error;
  return {
    cases,
    trend,
    byType,
    onTime,
    backlog,
    outcomes,
    revocations,
    commitments,
    publication,
    drill,
    freshness,
    error,
  };
}
