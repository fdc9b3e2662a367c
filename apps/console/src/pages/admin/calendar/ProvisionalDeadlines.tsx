import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';

type Deadline = components['schemas']['CalendarDeadlineDto'];

// The API has no filter for provisional clocks: the page reads the running ones nearest their due date (at most 200,
// the API's page) and keeps those computed on a year without a schedule.
const PAGE_SIZE = 200;

/** Running deadlines that rest on a year not loaded yet: loading that year recomputes them (ClockRecomputed). */
export function ProvisionalDeadlines() {
  const { t, pick } = useI18n();
  const deadlines = useQuery({
    queryKey: ['deadlines', 'running', 'provisional'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/deadlines', { params: { query: { status: 'running', pageSize: PAGE_SIZE } } })),
  });
  const provisional = (deadlines.data?.items ?? []).filter((d) => d.provisional);
  return (
    <>
      <ProblemAlert error={deadlines.error} />
      <Typography.Paragraph type="secondary">
        {t('admin.calendar.provisionalDeadlines', { count: provisional.length })}
        {(deadlines.data?.total ?? 0) > PAGE_SIZE &&
          t('admin.calendar.provisionalFirst', { size: PAGE_SIZE })}
      </Typography.Paragraph>
      {provisional.length > 0 && (
        <Table<Deadline>
          rowKey={(d) => `${d.caseId}-${d.clock}`}
          size="small"
          pagination={{ pageSize: 5, showSizeChanger: false }}
          dataSource={provisional}
          columns={[
            {
              title: t('admin.calendar.case'),
              key: 'case',
              render: (_, d) => <Link to={`/cases/${d.caseId}`}>{d.title}</Link>,
            },
            { title: t('admin.calendar.clock'), key: 'clock', render: (_, d) => pick(d.label) },
            { title: t('admin.calendar.dueDate'), dataIndex: 'dueDate', key: 'dueDate' },
          ]}
        />
      )}
    </>
  );
}
