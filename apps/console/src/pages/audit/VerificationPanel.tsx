import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { isAuditKey } from '../../i18n/messages-audit';
import { formatDateTime } from '../../time/beijing';
import { verificationPercent } from './integrity';

type Job = components['schemas']['AuditVerificationDto'];
type Failure = components['schemas']['AuditIntegrityFailureDto'];

const POLL_MS = 1000;

/**
 * Starts `credence audit verify` on the server and follows it (GET /audit/verifications/{id} every second until it
 * is done). The job's id is in the address, so a reload or a shared link shows the same verification.
 */
export function VerificationPanel() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('verification');
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/audit/verifications', { body: {} })),
    onSuccess: (started) =>
      setParams(
        (current) => {
          current.set('verification', started.id);
          return current;
        },
        { replace: true },
      ),
  });
  const job = useQuery({
    queryKey: ['audit', 'verification', jobId],
    enabled: jobId !== null,
    queryFn: () => unwrap(api.GET('/api/v1/audit/verifications/{id}', { params: { path: { id: jobId! } } })),
    refetchInterval: (query) => (query.state.data?.done ? false : POLL_MS),
  });
  const running = job.data !== undefined && !job.data.done;
  return (
    <section aria-labelledby="verification">
      <Typography.Title level={2} id="verification" style={{ fontSize: 20, marginTop: 0 }}>
        {t('audit.verify')}
      </Typography.Title>
      <Typography.Paragraph>{t('audit.verify.intro')}</Typography.Paragraph>
      <Button type="primary" onClick={() => start.mutate()} loading={start.isPending || running}>
        {t('audit.verify.start')}
      </Button>
      <ProblemAlert error={start.error ?? job.error} />
      {job.data && <JobProgress job={job.data} />}
    </section>
  );
}

function JobProgress({ job }: { job: Job }) {
  const { t } = useI18n();
  const phase = `audit.verify.phase.${job.phase}`;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }} data-verification={job.status}>
      <Typography.Text role="status">
        {t('audit.verify.status', {
          phase: isAuditKey(phase) ? t(phase) : job.phase,
          checked: job.eventsChecked,
          total: job.eventsTotal,
          started: formatDateTime(job.startedAt),
        })}
      </Typography.Text>
      <Progress
        percent={verificationPercent(job)}
        status={job.done ? (job.ok ? 'success' : 'exception') : 'active'}
        aria-label={t('audit.verify.progress')}
      />
      {job.status === 'done' && job.ok && (
        <Alert type="success" showIcon title={t('audit.verify.ok', { n: job.eventsChecked })} />
      )}
      {job.status === 'done' && !job.ok && job.report && <Failures report={job.report} />}
      {job.status === 'failed' && (
        <Alert type="error" showIcon title={t('audit.verify.jobFailed')} description={job.error} />
      )}
      {job.status === 'abandoned' && <Alert type="warning" showIcon title={t('audit.verify.abandoned')} />}
    </Space>
  );
}

function Failures({ report }: { report: NonNullable<Job['report']> }) {
  const { t } = useI18n();
  const columns: ColumnsType<Failure> = [
    { title: t('audit.verify.check'), key: 'check', render: (_, f) => t(`audit.verify.check.${f.check}`) },
    {
      title: t('audit.verify.problem'),
      key: 'problem',
      render: (_, f) => {
        const key = `audit.problem.${f.problem}`;
        return isAuditKey(key) ? t(key) : f.problem;
      },
    },
    { title: t('audit.verify.stream'), key: 'stream', render: (_, f) => f.streamId ?? '—' },
    { title: t('audit.verify.version'), key: 'version', render: (_, f) => f.streamVersion ?? '—' },
    { title: t('audit.verify.ledgerIndex'), key: 'ledger', render: (_, f) => f.ledgerIndex ?? '—' },
    { title: t('audit.verify.treeSize'), key: 'tree', render: (_, f) => f.treeSize ?? '—' },
  ];
  return (
    <>
      <Alert
        type="error"
        showIcon
        title={t('audit.verify.failed', { n: report.failuresFound, shown: report.failures.length })}
      />
      <Table<Failure>
        rowKey={(f) =>
          `${f.check}-${f.problem}-${f.streamId}-${f.streamVersion}-${f.ledgerIndex}-${f.treeSize}`
        }
        columns={columns}
        dataSource={report.failures}
        pagination={false}
        size="small"
        scroll={{ x: true }}
      />
    </>
  );
}
