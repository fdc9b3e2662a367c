import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyText } from './EmptyText';
import { useI18n } from '../../i18n/language';
import { formatDateTime } from '../../time/beijing';
import {
  DECISION_PAGE_SIZE,
  decisionFiltersOf,
  decisionQueryOf,
  searchOf,
  type DecisionFilters,
} from './audit-query';
import { ExportButtons } from './ExportButtons';

type Row = components['schemas']['AuditDecisionRowDto'];

interface FormValues {
  subject?: string;
  authority?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  caseType?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  overdue?: boolean;
}

const TITLE = { fontSize: 24, marginTop: 0 };

/**
 * `/audit`: every decision step of the cases the auditor may see, by the API's filters; the filters live in the
 * address (bookmarkable), each row leads to its case's trail, and the same search exports as CSV or XLSX.
 */
export function DecisionSearchPage() {
  const { t, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = decisionFiltersOf(params);
  const query = decisionQueryOf(filters);
  const go = (next: DecisionFilters) => setParams(searchOf(next));

  const decisions = useQuery({
    queryKey: ['audit', 'decisions', query],
    queryFn: () => unwrap(api.GET('/api/v1/audit/decisions', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const types = useQuery({ queryKey: ['case-types'], queryFn: () => unwrap(api.GET('/api/v1/case-types')) });

  const onFinish = (v: FormValues) => {
    const [from, to] = v.period ?? [];
    const trimmed = (s?: string) => s?.trim() || undefined;
    go({
      subject: trimmed(v.subject),
      authority: trimmed(v.authority),
      actor: trimmed(v.actor),
      action: trimmed(v.action),
      outcome: trimmed(v.outcome),
      caseType: v.caseType || undefined,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
      overdue: v.overdue || undefined,
      page: 1,
    });
  };

  const columns: ColumnsType<Row> = [
    {
      title: t('audit.decisions.time'),
      key: 'time',
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.recordedAt)}</span>,
    },
    {
      title: t('audit.decisions.case'),
      key: 'case',
      render: (_, r) => (
        <Link to={`/audit/cases/${r.caseId}`} style={{ whiteSpace: 'nowrap' }}>
          {r.title}
        </Link>
      ),
    },
    {
      title: t('audit.decisions.subject'),
      key: 'subject',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.subjectName}</span>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {r.subjectCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('audit.decisions.action'), key: 'action', render: (_, r) => pick(r.actionLabel) },
    { title: t('audit.decisions.result'), key: 'result', render: (_, r) => pick(r.stateAfter) || '—' },
    {
      title: t('audit.decisions.actor'),
      key: 'actor',
      // The engine's own steps (clocks, timers) have no person behind them: named by their role alone.
      render: (_, r) =>
        r.actor.name
          ? `${r.actor.name}（${pick(r.actor.roleLabel)}）`
          : r.actor.id === 'system'
            ? pick(r.actor.roleLabel)
            : `${r.actor.id}（${pick(r.actor.roleLabel)}）`,
    },
    { title: t('audit.decisions.legalBasis'), key: 'basis', render: (_, r) => r.legalBasis ?? '—' },
  ];

  const data = decisions.data;
  return (
    <Card>
      <Typography.Title level={1} style={TITLE}>
        {t('audit.decisions.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('audit.decisions.intro')}</Typography.Paragraph>
      <Form<FormValues>
        layout="inline"
        style={{ rowGap: 8, marginBottom: 16 }}
        // Re-read from the address when it changes (back button, a bookmark): the form shows what is searched.
        key={params.toString()}
        initialValues={{
          ...filters,
          caseType: filters.caseType ?? '',
          period: filters.from || filters.to ? [dayjsOf(filters.from), dayjsOf(filters.to)] : null,
        }}
        onFinish={onFinish}
      >
        <Form.Item name="subject" label={t('audit.decisions.filter.subject')}>
          <Input allowClear style={{ width: 230 }} />
        </Form.Item>
        <Form.Item name="authority" label={t('audit.decisions.filter.authority')}>
          <Input allowClear style={{ width: 110 }} placeholder="320830" />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.decisions.filter.actor')}>
          <Input allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.decisions.filter.action')}>
          <Input allowClear style={{ width: 130 }} placeholder="approve" />
        </Form.Item>
        <Form.Item name="outcome" label={t('audit.decisions.filter.outcome')}>
          <Input allowClear style={{ width: 130 }} placeholder="approved" />
        </Form.Item>
        <Form.Item name="caseType" label={t('audit.decisions.filter.caseType')}>
          <Select
            style={{ minWidth: 160 }}
            options={[
              { value: '', label: t('audit.decisions.filter.anyType') },
              ...(types.data ?? []).map((c) => ({ value: c.type, label: pick(c.label) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="period" label={t('audit.decisions.filter.period')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked">
          <Checkbox>{t('audit.decisions.filter.overdue')}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('audit.search')}
            </Button>
            <Button onClick={() => go({ page: 1 })}>{t('audit.reset')}</Button>
          </Space>
        </Form.Item>
      </Form>
      <ExportButtons filters={filters} />
      <ProblemAlert error={decisions.error} />
      <div aria-busy={decisions.isFetching} data-decisions>
        <Table<Row>
          rowKey="eventId"
          loading={decisions.isPending}
          columns={columns}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <EmptyText>{t('audit.decisions.empty')}</EmptyText> }}
          scroll={{ x: true }}
          pagination={{
            current: filters.page,
            pageSize: DECISION_PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) =>
              data?.totalIsExact === false
                ? t('audit.decisions.totalAtLeast', { total })
                : t('audit.decisions.total', { total }),
            onChange: (page) => go({ ...filters, page }),
          }}
        />
      </div>
    </Card>
  );
}

function dayjsOf(date: string | undefined): Dayjs | null {
  return date ? dayjs(date) : null;
}
