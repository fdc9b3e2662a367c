import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/language';
import { EmptyText } from '../audit/EmptyText';
import { formatRate } from './chart-data';
import {
  authorityRows,
  drillTrail,
  type AuthorityRow,
  type CasesAnswer,
  type OnTimeAnswer,
  type PublicationAnswer,
} from './dashboard-figures';
import { searchOf, type DashboardFilters } from './dashboard-query';

/**
 * The drill-down by authority (GB/T 2260): where the figures are rolled up to, as a trail from the province (or the
 * country) down, and the authorities directly under it, each a link one level further down. The authority's own
 * cases form a row of their own, which leads to its cases instead.
 */
export function AuthorityDrillDown({
  filters,
  cases,
  onTime,
  publication,
}: {
  filters: DashboardFilters;
  cases?: CasesAnswer;
  onTime?: OnTimeAnswer;
  publication?: PublicationAnswer;
}) {
  const { t, pick, language } = useI18n();
  const { session } = useAuth();
  const authorities = useQuery({
    queryKey: ['authorities'],
    queryFn: () => unwrap(api.GET('/api/v1/authorities')),
  });
  const at = cases?.context.authority ?? null;
  const nameOf = (code: string) => {
    const found = authorities.data?.find((a) => a.code === code);
    return found ? (language === 'en' ? found.nameEn : found.nameZh) : code;
  };
  const dashboardAt = (authority?: string) => `/dashboard?${searchOf({ ...filters, authority })}`;

  const path = authorities.data?.find((a) => a.code === at?.code)?.path ?? at?.code ?? '';
  const ownPath = session?.user.authorityPath ?? null;
  const trail = [
    // The country is a level only for those who see it; then each authority down to the one shown.
    ...(ownPath ? [] : [{ code: undefined as string | undefined, name: t('dashboard.drill.country') }]),
    ...drillTrail(path, ownPath).map((code) => ({ code, name: nameOf(code) })),
  ];

  const rows =
    cases && onTime && publication ? authorityRows(cases, onTime, publication, { t, pick }) : undefined;
  const stages = onTime?.total.stages ?? [];
  const columns: ColumnsType<AuthorityRow> = [
    {
      title: t('dashboard.drill.authority'),
      key: 'name',
      render: (_, r) =>
        r.code === at?.code ? (
          <Link to={`/dashboard/cases?${searchOf({ ...filters, authority: r.code, figure: 'opened' })}`}>
            {t('dashboard.drill.own', { name: r.name })}
          </Link>
        ) : (
          <Link to={dashboardAt(r.code)}>{r.name}</Link>
        ),
    },
    { title: t('dashboard.figure.opened'), dataIndex: 'opened', align: 'right' },
    { title: t('dashboard.figure.decided'), dataIndex: 'decided', align: 'right' },
    { title: t('dashboard.figure.pending'), dataIndex: 'pending', align: 'right' },
    ...stages.map((s) => ({
      title: t('dashboard.drill.stageRate', { stage: pick(s.label) }),
      key: s.stage,
      align: 'right' as const,
      render: (_: unknown, r: AuthorityRow) => formatRate(r.rates[s.stage]),
    })),
    {
      title: t('dashboard.figure.publication'),
      key: 'publication',
      align: 'right',
      render: (_, r) => formatRate(r.publicationRate),
    },
  ];

  return (
    <Card
      role="region"
      aria-labelledby="dashboard-drill"
      title={
        <Typography.Title level={2} id="dashboard-drill" style={{ fontSize: 16, margin: 0 }}>
          {t('dashboard.drill.title')}
        </Typography.Title>
      }
    >
      <Breadcrumb
        // antd draws a <nav>: named here, it is the trail's landmark.
        aria-label={t('dashboard.drill.trail')}
        style={{ marginBottom: 12 }}
        items={trail.map((item, i) => ({
          key: item.code ?? 'country',
          title:
            i === trail.length - 1 ? (
              <span aria-current="page">{item.name}</span>
            ) : (
              <Link to={dashboardAt(item.code)}>{item.name}</Link>
            ),
        }))}
      />
      <Table<AuthorityRow>
        size="small"
        rowKey="code"
        loading={!rows}
        pagination={false}
        scroll={{ x: true }}
        aria-label={t('dashboard.drill.title')}
        dataSource={rows ?? []}
        columns={columns}
        locale={{ emptyText: <EmptyText>{t('dashboard.none')}</EmptyText> }}
      />
    </Card>
  );
}
