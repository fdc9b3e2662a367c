import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { formatDate } from '../../time/beijing';
import { deadlineOf } from '../../time/deadline';
import { readCase, readCaseList, type CaseListItem, type RecordItem } from './case-reading';
import { usePortalRecords } from './portal-wizard';
import { todayInBeijing } from './today';

/* Dark tag colours (white text passes AA), as the public subject page uses them. */
const TAG = { red: '#a8071a', gold: '#874d00', orange: '#ad4e00', blue: '#0958d9', green: '#237804' };

/** `/portal`: the applicant's landing page. The records of the enterprise, what each allows now, and open cases. */
export function PortalPage() {
  const { t, pick } = useI18n();
  const records = usePortalRecords();
  const repairs = useQuery({
    queryKey: ['portal', 'repairs'],
    queryFn: async () =>
      readCaseList({
        kind: 'repair',
        page: await unwrap(
          api.GET('/api/v1/repair-applications', { params: { query: { open: true, pageSize: 50 } } }),
        ),
      }),
  });
  const objections = useQuery({
    queryKey: ['portal', 'objections'],
    queryFn: async () =>
      readCaseList({
        kind: 'objection',
        page: await unwrap(
          api.GET('/api/v1/objections', { params: { query: { open: true, pageSize: 50 } } }),
        ),
      }),
  });
  const cases = [...(repairs.data ?? []), ...(objections.data ?? [])];
  // The next deadline of each open case, worded from its clocks (the API counts the working days).
  const views = useQueries({
    queries: cases
      .filter((c) => !c.draft)
      .map((c) => ({
        queryKey: ['case-view', c.id],
        queryFn: async () =>
          readCase(await unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id: c.id } } }))),
      })),
  });
  const nextDeadline = (id: string) => {
    const view = views.find((v) => v.data?.id === id)?.data;
    const clock = view?.clocks.find((c) => c.status !== 'stopped');
    return clock ? `${pick(clock.label)}：${deadlineOf(clock, t).text}` : t('portal.case.noDeadline');
  };
  const openCaseOf = (record: RecordItem) => cases.find((c) => c.recordId === record.id);
  const today = todayInBeijing();

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
          {t('portal.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('portal.intro')}</Typography.Text>
      </div>

      <section aria-labelledby="cases-heading">
        <Typography.Title level={2} id="cases-heading" style={{ fontSize: 20 }}>
          {t('portal.cases')}
        </Typography.Title>
        <ProblemAlert error={repairs.error ?? objections.error} />
        {repairs.isPending || objections.isPending ? (
          <Spin description={t('app.loading')} />
        ) : (
          <Table<CaseListItem>
            rowKey="id"
            pagination={false}
            dataSource={cases}
            locale={{ emptyText: <Empty description={t('portal.noCases')} /> }}
            columns={[
              {
                title: t('portal.case.type'),
                key: 'type',
                render: (_, c) =>
                  c.kind === 'repair' ? t('wizard.repair.title') : t('wizard.objection.title'),
              },
              {
                title: t('public.record.decisionNumber'),
                key: 'number',
                render: (_, c) =>
                  c.caseNumber ?? records.data?.items.find((r) => r.id === c.recordId)?.decisionNumber,
              },
              { title: t('portal.case.state'), key: 'state', render: (_, c) => pick(c.stateLabel) },
              {
                title: t('portal.case.deadline'),
                key: 'deadline',
                render: (_, c) => (c.draft ? '' : nextDeadline(c.id)),
              },
              {
                title: t('portal.case.open'),
                key: 'open',
                render: (_, c) => (
                  <Link
                    to={c.draft ? `/portal/repairs/new?record=${c.recordId}&case=${c.id}` : `/cases/${c.id}`}
                    style={{ textDecoration: 'underline' }}
                  >
                    {t('portal.case.open')} {c.caseNumber ?? ''}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="records-heading">
        <Typography.Title level={2} id="records-heading" style={{ fontSize: 20 }}>
          {t('portal.records')}
        </Typography.Title>
        {records.error ? (
          <ProblemAlert error={records.error} />
        ) : records.isPending ? (
          <Spin description={t('app.loading')} />
        ) : records.data.items.length === 0 ? (
          <Empty description={t('portal.noRecords')} />
        ) : (
          <List
            grid={{ gutter: 16, xs: 1, md: 2 }}
            dataSource={records.data.items}
            renderItem={(record) => (
              <List.Item>
                <RecordCard record={record} today={today} openCase={openCaseOf(record)} />
              </List.Item>
            )}
          />
        )}
      </section>
    </Space>
  );
}

function RecordCard({
  record,
  today,
  openCase,
}: {
  record: RecordItem;
  today: string;
  openCase?: CaseListItem;
}) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const published = record.publicStatus === 'published' || record.publicStatus === 'repairable';
  const repairableNow = published && record.repairableFrom !== null && record.repairableFrom <= today;
  const objectable = published && !record.objectionMarked;
  return (
    <Card
      title={<span style={{ fontSize: 16 }}>{record.decisionNumber}</span>}
      extra={record.publicStatusLabel ? <Tag color={TAG.red}>{pick(record.publicStatusLabel)}</Tag> : null}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t('public.record.decisionDate')}：{formatDate(record.decisionDate)}
        </Typography.Text>
        {record.publicityEndsAfter && (
          <Typography.Text>
            {t('portal.record.publicityEnds')}：{formatDate(record.publicityEndsAfter)}
          </Typography.Text>
        )}
        <Space wrap>
          {record.repairableFrom && published && (
            <Tag color={repairableNow ? TAG.green : TAG.gold}>
              {repairableNow
                ? t('portal.record.repairableNow', { date: record.repairableFrom })
                : t('portal.record.repairableLater', { date: record.repairableFrom })}
            </Tag>
          )}
          {objectable && <Tag color={TAG.blue}>{t('portal.record.objectable')}</Tag>}
          {record.objectionMarked && <Tag color={TAG.orange}>{t('portal.record.objectionMarked')}</Tag>}
        </Space>
        <Space wrap>
          {openCase ? (
            <Link
              to={
                openCase.draft
                  ? `/portal/repairs/new?record=${record.id}&case=${openCase.id}`
                  : `/cases/${openCase.id}`
              }
              style={{ textDecoration: 'underline' }}
            >
              {pick(openCase.stateLabel)} {openCase.caseNumber ?? ''}
            </Link>
          ) : (
            published && (
              <>
                <Button
                  type="primary"
                  onClick={() => void navigate(`/portal/repairs/new?record=${record.id}`)}
                >
                  {t('portal.record.applyRepair')}
                </Button>
                {objectable && (
                  <Button onClick={() => void navigate(`/portal/objections/new?record=${record.id}`)}>
                    {t('portal.record.fileObjection')}
                  </Button>
                )}
              </>
            )
          )}
        </Space>
      </Space>
    </Card>
  );
}
