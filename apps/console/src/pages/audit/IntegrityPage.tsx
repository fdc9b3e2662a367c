import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Spin, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { ProblemError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { formatDateTime } from '../../time/beijing';
import { EvidencePanel } from './EvidencePanel';
import { VerificationPanel } from './VerificationPanel';

const MONO = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

/**
 * `/audit/integrity`: the latest signed checkpoint of the audit ledger (ADR 0010), a whole-ledger verification with
 * its progress and located failures, and evidence bundles to check offline with credence-verify.
 */
export function IntegrityPage() {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('audit.integrity.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('audit.integrity.intro')}</Typography.Paragraph>
        <LatestCheckpoint />
      </Card>
      <Card>
        <VerificationPanel />
      </Card>
      <Card>
        <EvidencePanel />
      </Card>
    </Space>
  );
}

function LatestCheckpoint() {
  const { t } = useI18n();
  const latest = useQuery({
    queryKey: ['audit', 'checkpoints', 'latest'],
    queryFn: () => unwrap(api.GET('/api/v1/audit/checkpoints/latest')),
    refetchInterval: 30_000,
  });
  return (
    <section aria-labelledby="checkpoint">
      <Typography.Title level={2} id="checkpoint" style={{ fontSize: 20 }}>
        {t('audit.checkpoint')}
      </Typography.Title>
      {latest.error instanceof ProblemError && latest.error.problem.code === 'AUDIT.NO_CHECKPOINT' ? (
        // A fresh ledger: the sealer signs its first checkpoint within AUDIT_CHECKPOINT_EVERY_SECONDS.
        <Typography.Paragraph data-no-checkpoint>{t('audit.checkpoint.none')}</Typography.Paragraph>
      ) : (
        <ProblemAlert error={latest.error} />
      )}
      {latest.isPending && <Spin description={t('app.loading')} />}
      {latest.data && (
        <Descriptions column={1} size="small" bordered data-checkpoint={latest.data.treeSize}>
          <Descriptions.Item label={t('audit.checkpoint.treeSize')}>
            {t('audit.checkpoint.treeSizeValue', { n: latest.data.treeSize })}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.checkpoint.root')}>
            <span style={MONO}>{latest.data.rootHash}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.checkpoint.sealedAt')}>
            {formatDateTime(latest.data.sealedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.checkpoint.key')}>
            <span style={MONO}>
              {latest.data.algorithm} · {latest.data.keyId}
            </span>
          </Descriptions.Item>
        </Descriptions>
      )}
    </section>
  );
}
