import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input, Typography } from 'antd';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';

type Catalogue = components['schemas']['PolicyCatalogueDto'];
type Entry = Catalogue['catalogue'][number];
type Setting = Catalogue['settings'][number];

type NewSetting = components['schemas']['SetPolicyRequest'];

interface Fields {
  authorityCode?: string;
  value: string;
  effectiveFrom: string;
  reason: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * A new version of one setting (POST /authority-policies), for the nation or one authority and those under it. The
 * value is JSON, started from the national value in force; the API checks it against the catalogue and says what is
 * wrong (POLICY.INVALID_VALUE lists the problems).
 */
export function AddPolicyForm({
  entry,
  current,
  onAdded,
}: {
  entry: Entry;
  current: Setting | undefined;
  onAdded: (setting: Setting) => void;
}) {
  const { t, pick } = useI18n();
  const add = useMutation({
    mutationFn: (v: Fields) =>
      unwrap(
        api.POST('/api/v1/authority-policies', {
          body: {
            key: entry.key as NewSetting['key'],
            ...(v.authorityCode?.trim() ? { authorityCode: v.authorityCode.trim() } : {}),
            // Any JSON value (a flag, a number, a list, an object): the generated type says object, the API takes all.
            value: JSON.parse(v.value) as NewSetting['value'],
            effectiveFrom: v.effectiveFrom,
            reason: v.reason.trim(),
          },
        }),
      ),
    onSuccess: (setting) => onAdded(setting),
  });
  const problems = (add.error as { problem?: { problems?: string[] } } | null)?.problem?.problems;
  return (
    <Form<Fields>
      layout="vertical"
      disabled={add.isPending}
      initialValues={{ value: JSON.stringify(current?.value ?? entry.defaultValue, null, 2) }}
      onFinish={(v) => add.mutate(v)}
    >
      <Typography.Paragraph type="secondary">
        {t('admin.policies.basis')}：{pick(entry.basis)}
      </Typography.Paragraph>
      <Form.Item
        label={t('admin.authority')}
        name="authorityCode"
        extra={t('admin.authorityHint')}
        rules={[{ pattern: /^\d{6}$/, message: t('admin.authorityHint') }]}
      >
        <Input style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        label={t('admin.policies.value')}
        name="value"
        extra={t('admin.policies.valueHint')}
        rules={[
          { required: true, message: t('admin.required') },
          {
            validator: (_, text: string) =>
              !text || isJson(text)
                ? Promise.resolve()
                : Promise.reject(new Error(t('admin.policies.notJson'))),
          },
        ]}
      >
        <Input.TextArea rows={6} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item
        label={t('admin.effectiveFrom')}
        name="effectiveFrom"
        extra="YYYY-MM-DD"
        rules={[
          { required: true, message: t('admin.required') },
          { pattern: DATE, message: 'YYYY-MM-DD' },
        ]}
      >
        <Input style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        label={t('admin.policies.reason')}
        name="reason"
        extra={t('admin.policies.reasonHint')}
        rules={[{ required: true, whitespace: true, message: t('admin.required') }, { max: 1000 }]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      {add.error && (
        <Form.Item>
          <ProblemAlert error={add.error} title={t('admin.policies.addFailed')} />
          {problems && (
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t('admin.policies.submit')}
      </Button>
    </Form>
  );
}
