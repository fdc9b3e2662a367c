import { Card, Col, Row, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { formatDateTime } from '../../time/beijing';
import { EmptyText } from '../audit/EmptyText';
import { AuthorityDrillDown } from './AuthorityDrillDown';
import { formatRate } from './chart-data';
import { ChartPanel, FigureTable } from './ChartPanel';
import { DashboardFilterForm } from './DashboardFilterForm';
import {
  backlogChart,
  casesChart,
  commitmentsChart,
  countsChart,
  onTimeChart,
  type OnTimeAnswer,
  type Stage,
} from './dashboard-figures';
import { dashboardFiltersOf, reportMonthOf, searchOf, type DashboardFilters } from './dashboard-query';
import { HeadlineFigures } from './HeadlineFigures';
import { ReportDownloads } from './ReportDownloads';
import { useDashboard } from './use-dashboard';

/**
 * `/dashboard`: the regulator's figures (docs/statistics.md) for a month or a period, an authority (rolled up the
 * GB/T 2260 tree) and a case type, all in the address. Headline cards, the drill-down by authority, and a chart
 * with its table for each figure; every count leads to the cases behind it.
 */
export function DashboardPage() {
  const { t, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = dashboardFiltersOf(params);
  const go = (next: DashboardFilters) => setParams(searchOf(next));
  const d = useDashboard(filters);
  const words = useMemo(() => ({ t, pick }), [t, pick]);

  const charts = useMemo(
    () => ({
      trend: d.trend.data && casesChart(d.trend.data, words, true),
      byType: d.byType.data && casesChart(d.byType.data, words, false),
      onTime: d.onTime.data && onTimeChart(d.onTime.data, words),
      backlog: d.backlog.data && backlogChart(d.backlog.data, words),
      outcomes: d.outcomes.data && countsChart(d.outcomes.data.outcomes, t('dashboard.count'), words),
      objections:
        d.outcomes.data && countsChart(d.outcomes.data.objectionOutcomes, t('dashboard.count'), words),
      appeals: d.outcomes.data && countsChart(d.outcomes.data.appealDecisions, t('dashboard.count'), words),
      revocations: d.revocations.data && countsChart(d.revocations.data, t('dashboard.count'), words),
      commitments: d.commitments.data && commitmentsChart(d.commitments.data, words),
    }),
    [
      d.trend.data,
      d.byType.data,
      d.onTime.data,
      d.backlog.data,
      d.outcomes.data,
      d.revocations.data,
      d.commitments.data,
      words,
      t,
    ],
  );
  const context = d.cases.data?.context;
  const fresh = d.freshness.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('dashboard.intro')}</Typography.Paragraph>
        {context && (
          <Typography.Paragraph strong data-period>
            {t('dashboard.period', {
              from: context.from,
              to: context.to,
              authority: context.authority ? pick(context.authority.name) : t('dashboard.drill.country'),
            })}
          </Typography.Paragraph>
        )}
        {fresh?.projectedUpTo && (
          <Typography.Paragraph data-freshness>
            {t('dashboard.freshness', { time: formatDateTime(fresh.projectedUpTo) })}
            {!fresh.upToDate && ` ${t('dashboard.freshness.behind', { events: fresh.eventsBehind })}`}
          </Typography.Paragraph>
        )}
        <DashboardFilterForm filters={filters} onChange={go} />
        <ReportDownloads filters={filters} month={reportMonthOf(filters, context)} />
      </Card>
      <ProblemAlert error={d.error} />
      <HeadlineFigures
        filters={filters}
        cases={d.cases.data}
        onTime={d.onTime.data}
        publication={d.publication.data}
        backlog={d.backlog.data}
      />
      <AuthorityDrillDown
        filters={filters}
        cases={d.drill.cases.data}
        onTime={d.drill.onTime.data}
        publication={d.drill.publication.data}
      />
      <ChartPanel
        title={t('dashboard.chart.onTime')}
        data={charts.onTime}
        note={t('dashboard.chart.onTimeNote')}
        table={d.onTime.data && <OnTimeTable answer={d.onTime.data} filters={filters} />}
      />
      <ChartPanel title={t('dashboard.chart.trend')} data={charts.trend} />
      <ChartPanel title={t('dashboard.chart.byType')} data={charts.byType} horizontal />
      <ChartPanel
        title={t('dashboard.chart.backlog', { date: d.backlog.data?.asOf ?? '' })}
        data={charts.backlog}
        note={t('dashboard.chart.backlogNote')}
      />
      <ChartPanel
        title={t('dashboard.chart.outcomes')}
        data={charts.outcomes}
        horizontal
        table={
          charts.outcomes &&
          charts.objections &&
          charts.appeals && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <FigureTable showCaption caption={t('dashboard.chart.outcomes')} data={charts.outcomes} />
              <FigureTable
                showCaption
                caption={t('dashboard.chart.objectionOutcomes')}
                data={charts.objections}
              />
              <FigureTable showCaption caption={t('dashboard.chart.appeals')} data={charts.appeals} />
            </Space>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartPanel title={t('dashboard.chart.revocations')} data={charts.revocations} horizontal />
        </Col>
        <Col xs={24} xl={12}>
          <ChartPanel title={t('dashboard.chart.commitments')} data={charts.commitments} />
        </Col>
      </Row>
    </Space>
  );
}

/** Each stage: decided, on time, late (leading to the late cases), rate. */
function OnTimeTable({ answer, filters }: { answer: OnTimeAnswer; filters: DashboardFilters }) {
  const { t, pick } = useI18n();
  return (
    <Table<Stage>
      size="small"
      rowKey="stage"
      pagination={false}
      aria-label={t('dashboard.chart.onTime')}
      dataSource={answer.total.stages}
      locale={{ emptyText: <EmptyText>{t('dashboard.none')}</EmptyText> }}
      columns={[
        { title: t('dashboard.onTime.stage'), key: 'stage', render: (_, s) => pick(s.label) },
        { title: t('dashboard.onTime.decided'), dataIndex: 'decided', align: 'right' },
        { title: t('dashboard.onTime.onTime'), dataIndex: 'onTime', align: 'right' },
        {
          title: t('dashboard.onTime.late'),
          key: 'late',
          align: 'right',
          render: (_, s) =>
            s.late > 0 ? (
              <Link to={`/dashboard/cases?${searchOf({ ...filters, figure: 'late', stage: s.stage })}`}>
                {s.late}
              </Link>
            ) : (
              0
            ),
        },
        {
          title: t('dashboard.onTime.rate'),
          key: 'rate',
          align: 'right',
          render: (_, s) => formatRate(s.rate),
        },
      ]}
    />
  );
}
