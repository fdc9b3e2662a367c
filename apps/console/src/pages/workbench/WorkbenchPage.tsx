import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, ConfigProvider, Form, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/auth';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TAG_COLOURS } from '../../components/tag-colours';
import { useI18n } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages';
import { deadlineOf } from '../../time/deadline';
import { PAGE_SIZE, QUEUE_VIEWS, queueQueryOf, searchOf, type QueueQuery } from './queue-filters';
import { QueueOperations } from './QueueOperations';
import { usePersonName } from './work-operations';

type Item = components['schemas']['WorkQueueItemDto'];

const VIEW_LABELS: Record<NonNullable<QueueQuery['view']>, MessageKey> = {
  role: 'workbench.view.role',
  mine: 'workbench.view.mine',
  unclaimed: 'workbench.view.unclaimed',
  delegated: 'workbench.view.delegated',
  signing: 'workbench.view.signing',
  copied: 'workbench.view.copied',
  all: 'workbench.view.all',
};

/**
 * Chosen rows keep the links on them at AA contrast (4.5:1), hovered or not: antd's derived blue behind a hovered
 * chosen row leaves the primary link at 4.1:1.
 */
const SELECTED_ROWS = { components: { Table: { rowSelectedBg: '#e6f4ff', rowSelectedHoverBg: '#e6f4ff' } } };

/** `/workbench`: the authority's queue for officers and senior reviewers, by due date; filters live in the address. */
export function WorkbenchPage() {
  const { t, pick } = useI18n();
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const query = queueQueryOf(params);
  const update = (change: Partial<QueueQuery>) =>
    setParams(searchOf({ ...query, page: 1, ...change }), { replace: false });

  // A new filter or page keeps the rows shown until the answer arrives: the table is dimmed (antd's loading
  // overlay) only while it has nothing to show yet, never over rows a reader is looking at.
  const queue = useQuery({
    queryKey: ['work-items', query],
    queryFn: () => unwrap(api.GET('/api/v1/work-items', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const types = useQuery({ queryKey: ['case-types'], queryFn: () => unwrap(api.GET('/api/v1/case-types')) });
  const typeLabels = new Map((types.data ?? []).map((c) => [c.type, c.label]));
  const name = usePersonName();
  // The rows chosen for a bulk claim or transfer, for the queue as it is shown: another view or page starts afresh.
  const shown = searchOf(query).toString();
  const [selection, setSelection] = useState<{ shown: string; ids: string[] }>({ shown, ids: [] });
  const selected = selection.shown === shown ? selection.ids : [];
  const titles = new Map((queue.data?.items ?? []).map((i) => [i.caseId, i.title]));

  const columns: ColumnsType<Item> = [
    {
      title: t('workbench.column.case'),
      key: 'case',
      render: (_, item) => <Link to={`/cases/${item.caseId}`}>{item.title}</Link>,
    },
    {
      title: t('workbench.column.subject'),
      key: 'subject',
      render: (_, item) => (
        <Space orientation="vertical" size={0}>
          <span>{item.subjectName}</span>
          <Typography.Text type="secondary">{item.subjectCode}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('workbench.column.type'),
      key: 'type',
      render: (_, item) => pick(typeLabels.get(item.type)) || item.type,
    },
    { title: t('workbench.column.state'), key: 'state', render: (_, item) => pick(item.stateLabel) },
    {
      title: t('workbench.column.holder'),
      key: 'holder',
      render: (_, item) =>
        item.holderId === session?.user.id
          ? t('workbench.holder.me')
          : item.holderId
            ? name(item.holderId)
            : t('workbench.holder.none'),
    },
    { title: t('workbench.column.due'), key: 'due', render: (_, item) => <DueCell item={item} /> },
  ];

  const queuePanel = (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('workbench.caseType')} htmlFor="queue-type">
          <Select
            id="queue-type"
            style={{ minWidth: 160 }}
            value={query.type ?? ''}
            onChange={(type) => update({ type: type || undefined })}
            options={[
              { value: '', label: t('workbench.caseType.any') },
              ...[...typeLabels].map(([value, label]) => ({ value, label: pick(label) })),
            ]}
          />
        </Form.Item>
        <Form.Item label={t('workbench.due')} htmlFor="queue-due">
          <Select
            id="queue-due"
            style={{ minWidth: 110 }}
            value={query.due ?? ''}
            onChange={(due) => update({ due: (due || undefined) as QueueQuery['due'] })}
            options={[
              { value: '', label: t('workbench.due.any') },
              { value: 'soon', label: t('workbench.due.soon') },
              { value: 'overdue', label: t('workbench.due.overdue') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('workbench.sort')} htmlFor="queue-sort">
          <Select
            id="queue-sort"
            style={{ minWidth: 130 }}
            value={query.sort}
            onChange={(sort) => update({ sort })}
            options={[
              { value: 'due', label: t('workbench.sort.due') },
              { value: 'follow-up', label: t('workbench.sort.followUp') },
            ]}
          />
        </Form.Item>
      </Form>
      <ProblemAlert error={queue.error} />
      <QueueOperations selected={selected} titles={titles} onDone={() => setSelection({ shown, ids: [] })} />
      <div aria-busy={queue.isFetching} data-queue>
        <ConfigProvider theme={SELECTED_ROWS}>
          <Table<Item>
            rowKey="caseId"
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelection({ shown, ids: keys.map(String) }),
              getCheckboxProps: (item) => ({ 'aria-label': t('queueOps.select', { title: item.title }) }),
            }}
            loading={queue.isPending}
            columns={columns}
            dataSource={queue.data?.items ?? []}
            // The empty queue's words at AA contrast (antd draws them in its light placeholder grey).
            locale={{ emptyText: <Typography.Text>{t('workbench.empty')}</Typography.Text> }}
            pagination={{
              current: query.page,
              pageSize: PAGE_SIZE,
              total: queue.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('workbench.total', { total }),
              onChange: (page) => setParams(searchOf({ ...query, page })),
            }}
          />
        </ConfigProvider>
      </div>
    </>
  );

  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('workbench.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('workbench.intro')}</Typography.Paragraph>
      {/* Each view is a tab; its panel holds the queue (filters, bulk operations, rows) of the view chosen. */}
      <Tabs
        aria-label={t('workbench.view')}
        activeKey={query.view}
        onChange={(view) => update({ view: view as QueueQuery['view'] })}
        items={QUEUE_VIEWS.map((v) => ({
          key: v,
          label: t(VIEW_LABELS[v]),
          children: v === query.view ? queuePanel : null,
        }))}
      />
    </Card>
  );
}

/**
 * The nearest deadline in words — "剩余 3 个工作日（截止 …）", "已逾期 2 个工作日（截止 …）" — highlighted orange when due
 * soon and red when overdue. The API counts the working days as on the case page; the console only words them.
 */
function DueCell({ item }: { item: Item }) {
  const { t } = useI18n();
  if (!item.due) return <Typography.Text type="secondary">{t('workbench.due.none')}</Typography.Text>;
  const deadline = deadlineOf({ status: 'running', ...item.due }, t);
  const colour = { overdue: TAG_COLOURS.red, soon: TAG_COLOURS.orange }[deadline.tone as 'overdue' | 'soon'];
  return colour ? (
    <Tag color={colour} style={{ whiteSpace: 'normal' }}>
      {deadline.text}
    </Tag>
  ) : (
    <Typography.Text>{deadline.text}</Typography.Text>
  );
}
