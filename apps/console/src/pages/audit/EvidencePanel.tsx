import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Progress, Radio, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fetchFile, saveFile } from '../../files/transfer';
import { useI18n } from '../../i18n/language';
import { periodOf } from './audit-query';
import { evidenceFileName, unsealedByCase, type EvidenceScope } from './integrity';

type Bundle = components['schemas']['AuditEvidenceBundleDto'];
type ScopeKind = 'case' | 'subject' | 'period';

interface FormValues {
  kind: ScopeKind;
  caseId?: string;
  subjectCode?: string;
  period?: [Dayjs, Dayjs];
}

interface Downloaded {
  fileName: string;
  bundle: Bundle;
}

const VERIFIER = '/api/v1/audit/verifier/credence-verify.mjs';
const KEY_FILE = 'credence-audit-public-key.pem';
const CODE = {
  fontFamily: 'monospace',
  background: '#f5f5f5',
  padding: '8px 12px',
  display: 'block',
} as const;

/**
 * Downloads an evidence bundle for a case, a subject or a period (GET /audit/evidence) with its progress, says what
 * it holds and warns when some of its events were not sealed yet; then how to check it offline with credence-verify.
 * `?caseId=` (from a case's trail) fills in the case.
 */
export function EvidencePanel() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'case';
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Downloaded | null>(null);

  const download = async (v: FormValues) => {
    const scope: EvidenceScope =
      v.kind === 'case'
        ? { caseId: v.caseId?.trim() }
        : v.kind === 'subject'
          ? { subjectCode: v.subjectCode?.trim() }
          : { from: v.period?.[0].format('YYYY-MM-DD'), to: v.period?.[1].format('YYYY-MM-DD') };
    const query = new URLSearchParams();
    if (scope.caseId) query.set('caseId', scope.caseId);
    if (scope.subjectCode) query.set('subjectCode', scope.subjectCode);
    for (const [name, value] of Object.entries(periodOf(scope.from, scope.to))) query.set(name, value);
    setError(null);
    setDone(null);
    setPercent(0);
    try {
      const { blob } = await fetchFile(`/api/v1/audit/evidence?${query.toString()}`, (p) =>
        setPercent(p.percent),
      );
      const bundle = JSON.parse(await blob.text()) as Bundle;
      const fileName = evidenceFileName(scope);
      saveFile(new Blob([blob], { type: 'application/json' }), fileName);
      setDone({ fileName, bundle });
    } catch (e) {
      setError(e);
    } finally {
      setPercent(null);
    }
  };

  return (
    <section aria-labelledby="evidence">
      <Typography.Title level={2} id="evidence" style={{ fontSize: 20, marginTop: 0 }}>
        {t('audit.evidence')}
      </Typography.Title>
      <Typography.Paragraph>{t('audit.evidence.intro')}</Typography.Paragraph>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'case', caseId: params.get('caseId') ?? undefined }}
        onFinish={(v) => void download(v)}
        style={{ maxWidth: 560 }}
      >
        <Form.Item name="kind" label={t('audit.evidence.scope')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'case', label: t('audit.evidence.scope.case') },
              { value: 'subject', label: t('audit.evidence.scope.subject') },
              { value: 'period', label: t('audit.evidence.scope.period') },
            ]}
          />
        </Form.Item>
        {kind === 'case' && (
          <Form.Item name="caseId" label={t('audit.evidence.caseId')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        {kind === 'subject' && (
          <Form.Item name="subjectCode" label={t('audit.evidence.subjectCode')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        {kind === 'period' && (
          <Form.Item name="period" label={t('audit.evidence.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={percent !== null}>
            {t('audit.evidence.download')}
          </Button>
          {percent !== null && (
            <Progress
              percent={percent ?? 0}
              size="small"
              style={{ width: 200 }}
              aria-label={t('audit.evidence.progress')}
            />
          )}
        </Space>
      </Form>
      <ProblemAlert error={error} title={t('audit.evidence.failed')} />
      {done && <BundleSummary downloaded={done} />}
      <Instructions fileName={done?.fileName ?? 'evidence.json'} />
    </section>
  );
}

function BundleSummary({ downloaded: { fileName, bundle } }: { downloaded: Downloaded }) {
  const { t } = useI18n();
  const events = bundle.streams.reduce((n, s) => n + s.events.length, 0);
  const unsealed = unsealedByCase(bundle.unsealedEvents);
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }} data-evidence={fileName}>
      <Alert
        type="info"
        showIcon
        title={t('audit.evidence.saved', { file: fileName })}
        description={t('audit.evidence.holds', {
          cases: bundle.streams.length,
          events,
          checkpoints: bundle.checkpoints.length,
        })}
      />
      {unsealed.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-unsealed={bundle.unsealedEvents.length}
          title={t('audit.evidence.unsealed', { n: bundle.unsealedEvents.length })}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {t('audit.evidence.unsealedHint')}
              </Typography.Paragraph>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {unsealed.map((u) => (
                  <li key={u.caseId}>
                    <Link to={`/audit/cases/${u.caseId}`}>{u.caseId}</Link>
                    {t('audit.evidence.unsealedEvents', { n: u.events })}
                  </li>
                ))}
              </ul>
            </>
          }
        />
      )}
    </Space>
  );
}

/** How an auditor checks the bundle on their own machine: the verifier, the published key, one command. */
function Instructions({ fileName }: { fileName: string }) {
  const { t } = useI18n();
  const key = useQuery({
    queryKey: ['audit', 'public-key'],
    queryFn: () => unwrap(api.GET('/api/v1/audit/public-key')),
    staleTime: Infinity,
  });
  const saveKey = () =>
    key.data && saveFile(new Blob([key.data.publicKey], { type: 'application/x-pem-file' }), KEY_FILE);
  return (
    <section aria-labelledby="offline" style={{ marginTop: 24 }}>
      <Typography.Title level={3} id="offline" style={{ fontSize: 16 }}>
        {t('audit.offline')}
      </Typography.Title>
      <ol style={{ paddingInlineStart: 20 }}>
        <li>
          {t('audit.offline.node')}{' '}
          <a href={VERIFIER} download>
            {t('audit.offline.verifier')}
          </a>
        </li>
        <li>
          {t('audit.offline.key')}{' '}
          <Button size="small" onClick={saveKey} disabled={!key.data}>
            {t('audit.offline.saveKey')}
          </Button>
          {key.data && (
            <Typography.Paragraph style={{ margin: '4px 0 0' }}>
              {t('audit.offline.keyId')} <code style={{ wordBreak: 'break-all' }}>{key.data.keyId}</code>
            </Typography.Paragraph>
          )}
        </li>
        <li>
          {t('audit.offline.run')}
          <code style={CODE}>
            node credence-verify.mjs {fileName} --public-key {KEY_FILE}
          </code>
        </li>
        <li>{t('audit.offline.result')}</li>
      </ol>
    </section>
  );
}
