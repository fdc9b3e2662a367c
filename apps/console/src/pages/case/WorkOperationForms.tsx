import { Alert, Form, Input, Radio, Select, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n/language';
import { useWorkOperation, type WorkState } from '../workbench/work-operations';
import { ColleagueSelect, OperationStatus, required, SubmitOrRefused } from './operation-controls';

interface OperationProps {
  caseId: string;
  version: number;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** 转办 or 委派 to a colleague, with the reason both require; the API judges whether the colleague may take it. */
export function HandOverForm({ caseId, version, holder }: OperationProps & { holder: string | null }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ how: 'transfer' | 'delegate'; to: string; reason: string }>();
  const how = Form.useWatch('how', form) ?? 'transfer';
  const path = { params: { path: { id: caseId } } };
  const op = useWorkOperation(caseId, version, (v: { how: string; to: string; reason: string }) =>
    unwrap(
      v.how === 'delegate'
        ? api.POST('/api/v1/cases/{id}/delegate', { ...path, body: { to: v.to, reason: v.reason } })
        : api.POST('/api/v1/cases/{id}/transfer', { ...path, body: { to: v.to, reason: v.reason } }),
    ),
  );
  const label = t(how === 'delegate' ? 'workOps.delegate.submit' : 'workOps.transfer');
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ how: 'transfer' }}
      onValuesChange={op.clearRefusal}
      onFinish={(v) => op.mutate(v, { onSuccess: () => form.resetFields() })}
    >
      <Form.Item name="how" label={t('workOps.handOver')}>
        <Radio.Group
          options={[
            { value: 'transfer', label: t('workOps.handOver.transfer') },
            { value: 'delegate', label: t('workOps.handOver.delegate') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="to"
        label={t('workOps.colleague')}
        htmlFor="hand-over-to"
        rules={required(t('workOps.colleague.choose'))}
      >
        <ColleagueSelect id="hand-over-to" exclude={[holder]} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('workOps.reason')}
        htmlFor="hand-over-reason"
        rules={required(t('workOps.reason.required'))}
      >
        <Input id="hand-over-reason" maxLength={500} />
      </Form.Item>
      <OperationStatus op={op} label={label} />
      <SubmitOrRefused op={op} label={label} />
    </Form>
  );
}

/** 退回 to a step the workflow declares (GET return-targets), with reasons; limits keep running. */
export function ReturnForm({
  caseId,
  version,
  targets,
}: OperationProps & { targets: WorkState['returnTargets'] }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<{ to: string; reasons: string }>();
  const op = useWorkOperation(caseId, version, (v: { to: string; reasons: string }) =>
    unwrap(
      api.POST('/api/v1/cases/{id}/return', {
        params: { path: { id: caseId } },
        body: { to: v.to, reasons: lines(v.reasons) },
      }),
    ),
  );
  if (targets.length === 0) return <Typography.Paragraph>{t('workOps.return.none')}</Typography.Paragraph>;
  const label = t('workOps.return.submit');
  return (
    <Form form={form} layout="vertical" onValuesChange={op.clearRefusal} onFinish={(v) => op.mutate(v)}>
      <Typography.Paragraph type="secondary">{t('workOps.return.rule')}</Typography.Paragraph>
      <Form.Item
        name="to"
        label={t('workOps.return.target')}
        htmlFor="return-to"
        rules={required(t('workOps.return.target'))}
      >
        <Select
          id="return-to"
          options={targets.map((x) => ({ value: x.to, label: pick(x.label) || x.to }))}
        />
      </Form.Item>
      <Form.Item
        name="reasons"
        label={t('workOps.return.reasons')}
        htmlFor="return-reasons"
        rules={required(t('workOps.reason.required'))}
      >
        <Input.TextArea id="return-reasons" autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <OperationStatus op={op} label={label} />
      <SubmitOrRefused op={op} label={label} />
    </Form>
  );
}

/** 归还: the delegate hands the item back with an opinion; the delegator decides. */
export function ResolveForm({ caseId, version }: OperationProps) {
  const { t } = useI18n();
  const op = useWorkOperation(caseId, version, (v: { opinion: string }) =>
    unwrap(api.POST('/api/v1/cases/{id}/resolve', { params: { path: { id: caseId } }, body: v })),
  );
  const label = t('workOps.resolve');
  return (
    <Form
      layout="vertical"
      onValuesChange={op.clearRefusal}
      onFinish={(v: { opinion: string }) => op.mutate(v)}
    >
      <Alert type="info" showIcon title={t('workOps.resolve.intro')} style={{ marginBottom: 8 }} />
      <Form.Item
        name="opinion"
        label={t('workOps.opinion')}
        htmlFor="resolve-opinion"
        rules={required(t('workOps.opinion.required'))}
      >
        <Input.TextArea id="resolve-opinion" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <OperationStatus op={op} label={label} />
      <SubmitOrRefused op={op} label={label} />
    </Form>
  );
}

/** 抄送 to colleagues (or a leader) with an optional note; copies never move who holds the case. */
export function CopyForm({ caseId, version, copied }: OperationProps & { copied: string[] }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ to: string[]; note?: string }>();
  const op = useWorkOperation(caseId, version, (v: { to: string[]; note?: string }) =>
    unwrap(api.POST('/api/v1/cases/{id}/cc', { params: { path: { id: caseId } }, body: v })),
  );
  const label = t('workOps.copy.submit');
  return (
    <Form
      form={form}
      layout="vertical"
      onValuesChange={op.clearRefusal}
      onFinish={(v) => op.mutate(v, { onSuccess: () => form.resetFields() })}
    >
      <Form.Item
        name="to"
        label={t('workOps.colleagues')}
        htmlFor="copy-to"
        rules={[{ required: true, message: t('workOps.colleague.choose') }]}
      >
        <ColleagueSelect id="copy-to" multiple exclude={copied} />
      </Form.Item>
      <Form.Item name="note" label={t('workOps.note')} htmlFor="copy-note">
        <Input id="copy-note" maxLength={500} />
      </Form.Item>
      <OperationStatus op={op} label={label} />
      <SubmitOrRefused op={op} label={label} />
    </Form>
  );
}
