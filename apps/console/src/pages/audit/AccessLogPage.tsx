import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyText } from './EmptyText';
import { useI18n } from '../../i18n/language';
import { isAuditKey } from '../../i18n/messages-audit';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../time/beijing';
import {
  ACCESS_LOG_PAGE_SIZE,
  accessLogFiltersOf,
  accessLogQueryOf,
  openEndedTotal,
  searchOf,
  type AccessLogFilters,
} from './audit-query';

type Entry = components['schemas']['AuditAccessEntryDto'];

interface FormValues {
  actor?: string;
  subject?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * `/audit/access-log`: who read what and when (ADR 0011), within the auditor's authority; filters by reader, by
 * what was read (a subject code or an object's id) and by date, all in the address.
 */
export function AccessLogPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = accessLogFiltersOf(params);
  const query = accessLogQueryOf(filters);
  const go = (next: AccessLogFilters) => setParams(searchOf(next));
  const log = useQuery({
    queryKey: ['audit', 'access-log', query],
    queryFn: () => unwrap(api.GET('/api/v1/audit/access-log', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const onFinish = (v: FormValues) => {
    const [from, to] = v.period ?? [];
    go({
      actor: v.actor?.trim() || undefined,
      subject: v.subject?.trim() || undefined,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
      page: 1,
    });
  };

  const columns: ColumnsType<Entry> = [
    { title: t('audit.log.time'), key: 'time', render: (_, e) => formatDateTime(e.readAt) },
    {
      title: t('audit.log.reader'),
      key: 'reader',
      render: (_, e) => `${e.actor.name ?? e.actor.id}（${roleName(t, e.actor.role)}）`,
    },
    {
      title: t('audit.log.kind'),
      key: 'kind',
      render: (_, e) => {
        const key = `audit.log.kind.${e.kind}`;
        return isAuditKey(key) ? t(key) : e.kind;
      },
    },
    {
      title: t('audit.log.object'),
      key: 'object',
      render: (_, e) =>
        e.caseId ? (
          <Link to={`/audit/cases/${e.caseId}`}>{e.resourceId}</Link>
        ) : (
          <span style={{ wordBreak: 'break-all' }}>{e.resourceId}</span>
        ),
    },
    { title: t('audit.log.subject'), key: 'subject', render: (_, e) => e.subjectCode ?? '—' },
    { title: t('audit.log.ip'), key: 'ip', render: (_, e) => e.ip ?? '—' },
  ];

  const rows = log.data?.items ?? [];
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('audit.log.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('audit.log.intro')}</Typography.Paragraph>
      <Form<FormValues>
        layout="inline"
        style={{ rowGap: 8, marginBottom: 16 }}
        key={params.toString()}
        initialValues={{
          actor: filters.actor,
          subject: filters.subject,
          period:
            filters.from || filters.to
              ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
              : null,
        }}
        onFinish={onFinish}
      >
        <Form.Item name="actor" label={t('audit.log.filter.reader')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="subject" label={t('audit.log.filter.object')}>
          <Input allowClear style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="period" label={t('audit.log.filter.period')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
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
      <ProblemAlert error={log.error} />
      <div aria-busy={log.isFetching} data-access-log>
        <Table<Entry>
          rowKey="id"
          loading={log.isPending}
          columns={columns}
          dataSource={rows}
          locale={{ emptyText: <EmptyText>{t('audit.log.empty')}</EmptyText> }}
          scroll={{ x: true }}
          pagination={{
            current: filters.page,
            pageSize: ACCESS_LOG_PAGE_SIZE,
            total: openEndedTotal(filters.page, ACCESS_LOG_PAGE_SIZE, rows.length),
            showSizeChanger: false,
            onChange: (page) => go({ ...filters, page }),
          }}
        />
      </div>
    </Card>
  );
}

function roleName(t: (key: MessageKey) => string, role: string): string {
  return ['applicant', 'officer', 'senior_reviewer', 'auditor', 'admin'].includes(role)
    ? t(`role.${role}` as MessageKey)
    : role;
}
