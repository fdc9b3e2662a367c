import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';
import { formatDateTime } from '../../../time/beijing';
import { EmptyText } from '../EmptyText';

type Incident = components['schemas']['IncidentDto'];

/**
 * Deliveries and reactions that keep failing (GET /incidents), oldest first as the API orders them; an operator
 * retries the selected ones (POST /incidents/retry), which the API records on each incident.
 */
export function IncidentsSection() {
  const { t, pick } = useI18n();
  const queries = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [page, setPage] = useState(1);
  const incidents = useQuery({
    queryKey: ['incidents', page],
    queryFn: () => unwrap(api.GET('/api/v1/incidents', { params: { query: { page, pageSize: 10 } } })),
  });
  const retry = useMutation({
    mutationFn: (ids: string[]) => unwrap(api.POST('/api/v1/incidents/retry', { body: { ids } })),
    onSuccess: () => {
      setSelected([]);
      void queries.invalidateQueries({ queryKey: ['incidents'] });
    },
  });
  return (
    <section aria-labelledby="incidents-title">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} id="incidents-title" style={{ fontSize: 16 }}>
          {t('admin.incidents.title')}
        </Typography.Title>
        <Button
          disabled={selected.length === 0}
          loading={retry.isPending}
          onClick={() => retry.mutate(selected)}
        >
          {t('admin.incidents.retry', { count: selected.length })}
        </Button>
      </Space>
      <ProblemAlert error={incidents.error ?? retry.error} />
      {retry.data && (
        <Typography.Paragraph role="status">
          {retry.data.results
            .map((r) => `${r.id}: ${r.outcome}${r.detail ? `（${r.detail}）` : ''}`)
            .join('；')}
        </Typography.Paragraph>
      )}
      <Table<Incident>
        rowKey="id"
        size="small"
        loading={incidents.isPending}
        dataSource={incidents.data?.items ?? []}
        locale={{ emptyText: <EmptyText>{t('admin.incidents.empty')}</EmptyText> }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        pagination={{
          current: page,
          pageSize: 10,
          total: incidents.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: t('admin.incidents.kind'), key: 'kind', render: (_, i) => pick(i.kindLabel) },
          { title: t('admin.incidents.channel'), dataIndex: 'channel', key: 'channel' },
          { title: t('admin.incidents.subject'), dataIndex: 'subject', key: 'subject' },
          { title: t('admin.incidents.since'), key: 'since', render: (_, i) => formatDateTime(i.since) },
          { title: t('admin.incidents.attempts'), dataIndex: 'attempts', key: 'attempts' },
          { title: t('admin.incidents.error'), dataIndex: 'error', key: 'error' },
        ]}
      />
    </section>
  );
}
