import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/auth';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { EmptyText } from '../audit/EmptyText';
import {
  CASE_LIST_PAGE_SIZE,
  caseListFiltersOf,
  caseListQueryOf,
  searchOf,
  statisticsQueryOf,
  type CaseListFilters,
} from './dashboard-query';

type Row = components['schemas']['StatisticsListedCaseDto'];

/**
 * `/dashboard/cases?figure=…`: the cases a figure counts, with the dashboard's filters (docs/statistics.md, 下钻明细).
 * Each leads to its trail for auditors and admins, to the case page for senior reviewers (who have no audit pages).
 */
export function DashboardCasesPage() {
  const { t, pick } = useI18n();
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = caseListFiltersOf(params);
  const query = caseListQueryOf(filters);
  const go = (next: CaseListFilters) => setParams(searchOf(next));
  const list = useQuery({
    queryKey: ['statistics', 'cases/list', query],
    queryFn: () => unwrap(api.GET('/api/v1/statistics/cases/list', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const audits = session?.user.role === 'auditor' || session?.user.role === 'admin';
  const caseLink = (id: string) => (audits ? `/audit/cases/${id}` : `/cases/${id}`);
  const { figure, stage, page: _page, ...dashboard } = filters;
  void _page;
  const context = list.data?.context;
  // The stage's name, from the same on-time figures the dashboard showed (cached when coming from it).
  const statistics = statisticsQueryOf(dashboard);
  const onTime = useQuery({
    queryKey: ['statistics', 'on-time', statistics],
    queryFn: () => unwrap(api.GET('/api/v1/statistics/on-time', { params: { query: statistics } })),
    enabled: figure === 'late' && !!stage,
  });
  const stageLabel = onTime.data?.total.stages.find((s) => s.stage === stage)?.label;

  const columns: ColumnsType<Row> = [
    {
      title: t('dashboard.cases.case'),
      key: 'case',
      render: (_, r) => <Link to={caseLink(r.caseId)}>{r.title}</Link>,
    },
    { title: t('dashboard.cases.type'), key: 'type', render: (_, r) => pick(r.caseTypeLabel) },
    { title: t('dashboard.cases.authority'), key: 'authority', render: (_, r) => pick(r.authorityName) },
    { title: t('dashboard.cases.subject'), dataIndex: 'subjectCode' },
    { title: t('dashboard.cases.opened'), dataIndex: 'openedOn' },
    { title: t('dashboard.cases.decided'), key: 'decided', render: (_, r) => r.decidedOn ?? '—' },
    { title: t('dashboard.cases.outcome'), key: 'outcome', render: (_, r) => pick(r.outcomeLabel) || '—' },
  ];

  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t(`dashboard.cases.title.${figure}`)}
      </Typography.Title>
      <Space orientation="vertical" style={{ marginBottom: 16 }}>
        {context && (
          <Typography.Text data-period>
            {t('dashboard.period', {
              from: context.from,
              to: context.to,
              authority: context.authority ? pick(context.authority.name) : t('dashboard.drill.country'),
            })}
            {stage && ` · ${t('dashboard.cases.stage', { stage: pick(stageLabel) || stage })}`}
          </Typography.Text>
        )}
        <Link to={`/dashboard?${searchOf(dashboard)}`}>{t('dashboard.cases.back')}</Link>
      </Space>
      <ProblemAlert error={list.error} />
      <div aria-busy={list.isFetching}>
        <Table<Row>
          rowKey="caseId"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: true }}
          locale={{ emptyText: <EmptyText>{t('dashboard.cases.empty')}</EmptyText> }}
          pagination={{
            current: filters.page,
            pageSize: CASE_LIST_PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('dashboard.cases.total', { total }),
            onChange: (page) => go({ ...filters, page }),
          }}
        />
      </div>
    </Card>
  );
}
