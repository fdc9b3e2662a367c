import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { formatDate } from '../../time/beijing';

type PublicRecord = components['schemas']['PublicRecordDto'];
type PublicCommitment = components['schemas']['PublicCommitmentDto'];

/*
 * Tags in solid, dark colours: white text on them passes WCAG AA contrast (antd's light presets do not, for orange and
 * gold). Red: published; gold: repairable; orange: an objection in progress; blue: corrected or promised.
 */
const TAG = { red: '#a8071a', gold: '#874d00', orange: '#ad4e00', blue: '#0958d9', green: '#237804' };

const COMMITMENT_COLOURS: Record<PublicCommitment['status'], string> = {
  promised: TAG.blue,
  in_force: TAG.blue,
  fulfilled: TAG.green,
  breached: TAG.red,
};

/** `/public/subjects/:code`: what the public may read about one subject now. No sign-in. */
export function SubjectPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const path = { params: { path: { code } } };
  const records = useQuery({
    queryKey: ['public-records', code],
    queryFn: () => unwrap(api.GET('/api/v1/public/subjects/{code}/records', path)),
  });
  const commitments = useQuery({
    queryKey: ['public-commitments', code],
    queryFn: () => unwrap(api.GET('/api/v1/public/subjects/{code}/commitments', path)),
  });
  const name = records.data?.records[0]?.subjectName;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/public">← {t('public.subject.back')}</Link>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
          {name ?? t('public.subject.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{code}</Typography.Text>
      </div>
      {records.error ? (
        <ProblemAlert error={records.error} />
      ) : (
        <section aria-labelledby="records-heading">
          <Typography.Title level={2} id="records-heading" style={{ fontSize: 20 }}>
            {t('public.subject.records')}
          </Typography.Title>
          {records.isPending ? (
            <Spin description={t('app.loading')} />
          ) : records.data.records.length === 0 ? (
            <Empty description={t('public.subject.noRecords')} />
          ) : (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {records.data.records.map((record) => (
                <RecordCard key={record.decisionNumber} record={record} />
              ))}
            </Space>
          )}
        </section>
      )}
      {commitments.error ? (
        records.error ? null : (
          <ProblemAlert error={commitments.error} />
        )
      ) : (
        <section aria-labelledby="commitments-heading">
          <Typography.Title level={2} id="commitments-heading" style={{ fontSize: 20 }}>
            {t('public.subject.commitments')}
          </Typography.Title>
          {commitments.isPending ? (
            <Spin description={t('app.loading')} />
          ) : (
            <List<PublicCommitment>
              bordered
              dataSource={commitments.data.commitments}
              locale={{ emptyText: <Empty description={t('public.subject.noCommitments')} /> }}
              renderItem={(c) => <CommitmentItem commitment={c} />}
            />
          )}
        </section>
      )}
    </Space>
  );
}

function RecordCard({ record }: { record: PublicRecord }) {
  const { t, pick } = useI18n();
  return (
    <Card
      size="small"
      title={record.decisionNumber}
      extra={
        <Space size={4} wrap>
          <Tag color={record.status === 'repairable' ? TAG.gold : TAG.red}>{pick(record.statusLabel)}</Tag>
          {record.objectionLabel && <Tag color={TAG.orange}>{pick(record.objectionLabel)}</Tag>}
          {record.correctionLabel && <Tag color={TAG.blue}>{pick(record.correctionLabel)}</Tag>}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('public.record.authority')}>
          {record.authorityName ?? record.authorityCode}
        </Descriptions.Item>
        <Descriptions.Item label={t('public.record.decisionDate')}>
          {formatDate(record.decisionDate)}
        </Descriptions.Item>
        <Descriptions.Item label={t('public.record.facts')} span={2}>
          {record.facts}
        </Descriptions.Item>
        {record.legalBasis && (
          <Descriptions.Item label={t('public.record.legalBasis')} span={2}>
            {record.legalBasis}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('public.record.publicityEnds')}>
          {formatDate(record.publicityEndsAfter)}
        </Descriptions.Item>
        {record.notes.length > 0 && (
          <Descriptions.Item label={t('public.record.notes')} span={2}>
            {record.notes.map((n) => `${n.text}（${formatDate(n.at)}）`).join('；')}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function CommitmentItem({ commitment: c }: { commitment: PublicCommitment }) {
  const { t, pick } = useI18n();
  return (
    <List.Item>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{pick(c.typeLabel)}</Typography.Text>
          <Tag color={COMMITMENT_COLOURS[c.status]}>{pick(c.statusLabel)}</Tag>
          {c.caseNumber && <Typography.Text type="secondary">{c.caseNumber}</Typography.Text>}
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          {c.matter && (
            <Descriptions.Item label={t('public.commitment.matter')}>{c.matter}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('public.commitment.authority')}>{c.authority.name}</Descriptions.Item>
          <Descriptions.Item label={t('public.commitment.signedOn')}>
            {formatDate(c.signedOn)}
          </Descriptions.Item>
          {c.outcomeOn && (
            <Descriptions.Item label={t('public.commitment.outcomeOn')}>
              {formatDate(c.outcomeOn)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('public.commitment.promises')} span={2}>
            {c.promises.join('；')}
          </Descriptions.Item>
          {c.breachRecord && (
            <Descriptions.Item label={t('public.commitment.breachRecord')}>
              {c.breachRecord.decisionNumber}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Space>
    </List.Item>
  );
}
