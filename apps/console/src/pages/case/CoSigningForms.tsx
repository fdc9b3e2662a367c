import { Alert, Button, Form, Input, Radio, Space, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/language';
import { usePersonName, useWorkOperation, type WorkState } from '../workbench/work-operations';
import { ColleagueSelect, OperationStatus, required, SubmitOrRefused } from './operation-controls';

interface OperationProps {
  caseId: string;
  version: number;
}

/** 会签: add co-signers before or after the holder, remove one who has not signed, and give one's own opinion. */
export function SigningForms({ caseId, version, work }: OperationProps & { work: WorkState }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const name = usePersonName();
  const path = { params: { path: { id: caseId } } };
  const [form] = Form.useForm<{ accounts: string[]; mode: 'before' | 'after'; reason?: string }>();
  const add = useWorkOperation(
    caseId,
    version,
    (v: { accounts: string[]; mode: 'before' | 'after'; reason?: string }) =>
      unwrap(api.POST('/api/v1/cases/{id}/signers', { ...path, body: v })),
  );
  const remove = useWorkOperation(caseId, version, (accountId: string) =>
    unwrap(
      api.DELETE('/api/v1/cases/{id}/signers/{accountId}', { params: { path: { id: caseId, accountId } } }),
    ),
  );
  const unsigned = work.signers.filter((s) => !s.signed);
  const mine = work.signers.find((s) => s.accountId === session?.user.id);
  const holderSigns = work.holderId === session?.user.id && work.signers.some((s) => s.mode === 'after');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {((mine && !mine.signed) || holderSigns) && <SignForm caseId={caseId} version={version} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: 'before' }}
        onValuesChange={add.clearRefusal}
        onFinish={(v) => add.mutate(v, { onSuccess: () => form.resetFields() })}
      >
        <Form.Item
          name="accounts"
          label={t('workOps.colleagues')}
          htmlFor="signers-add"
          rules={[{ required: true, message: t('workOps.colleague.choose') }]}
        >
          <ColleagueSelect
            id="signers-add"
            multiple
            exclude={[work.holderId, ...work.signers.map((s) => s.accountId)]}
          />
        </Form.Item>
        <Form.Item name="mode" label={t('workOps.sign.mode')}>
          <Radio.Group
            options={[
              { value: 'before', label: t('workOps.sign.before') },
              { value: 'after', label: t('workOps.sign.after') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('workOps.reason')} htmlFor="signers-reason">
          <Input id="signers-reason" maxLength={500} />
        </Form.Item>
        <OperationStatus op={add} label={t('workOps.sign.add')} />
        <SubmitOrRefused op={add} label={t('workOps.sign.add')} />
      </Form>
      {unsigned.length > 0 && (
        <Space wrap>
          {unsigned.map((s) => (
            <Button
              key={s.accountId}
              size="small"
              onClick={() => remove.mutate(s.accountId)}
              disabled={!!remove.refused}
            >
              {t('workOps.signer.remove', { name: name(s.accountId) })}
            </Button>
          ))}
        </Space>
      )}
      {remove.refused && <Alert type="warning" showIcon title={remove.refused.problem.title} />}
      <OperationStatus op={remove} label={t('workOps.signers')} />
    </Space>
  );
}

function SignForm({ caseId, version }: OperationProps) {
  const { t } = useI18n();
  const op = useWorkOperation(caseId, version, (v: { agree: boolean; opinion: string }) =>
    unwrap(api.POST('/api/v1/cases/{id}/sign', { params: { path: { id: caseId } }, body: v })),
  );
  const label = t('workOps.sign.give');
  return (
    <Form
      layout="vertical"
      initialValues={{ agree: true }}
      onValuesChange={op.clearRefusal}
      onFinish={(v: { agree: boolean; opinion: string }) => op.mutate(v)}
    >
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {label}
      </Typography.Title>
      <Form.Item name="agree" label={t('workOps.sign.verdict')}>
        <Radio.Group
          options={[
            { value: true, label: t('workOps.sign.agree') },
            { value: false, label: t('workOps.sign.disagree') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="opinion"
        label={t('workOps.opinion')}
        htmlFor="sign-opinion"
        rules={required(t('workOps.opinion.required'))}
      >
        <Input.TextArea id="sign-opinion" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <OperationStatus op={op} label={label} />
      <SubmitOrRefused op={op} label={label} />
    </Form>
  );
}
