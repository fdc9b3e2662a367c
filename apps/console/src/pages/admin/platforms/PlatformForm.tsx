import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input, Select } from 'antd';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';

type Platform = components['schemas']['PlatformDto'];
type Fields = components['schemas']['PutPlatformRequest'] & { code: string };

// The API's platform code (platforms.controller.ts): lower-case letters, digits and hyphens.
const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Registers or changes a platform (PUT /platforms/{code}). The secret is write-only: required at registration, kept
 * when left empty on a change; the API records the change (and whether the secret changed) in the history.
 */
export function PlatformForm({
  platform,
  onSaved,
}: {
  platform: Platform | null;
  onSaved: (p: Platform) => void;
}) {
  const { t } = useI18n();
  const save = useMutation({
    mutationFn: ({ code, secret, ...body }: Fields) =>
      unwrap(
        api.PUT('/api/v1/platforms/{code}', {
          params: { path: { code } },
          body: { ...body, ...(secret ? { secret } : {}) },
        }),
      ),
    onSuccess: (saved) => onSaved(saved),
  });
  const required = { required: true, whitespace: true, message: t('admin.required') };
  return (
    <Form<Fields>
      layout="vertical"
      disabled={save.isPending}
      initialValues={
        platform
          ? {
              code: platform.code,
              name: platform.name,
              transport: platform.transport,
              endpoint: platform.endpoint,
            }
          : { transport: 'http' }
      }
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item
        label={t('admin.platforms.code')}
        name="code"
        extra={t('admin.platforms.codeHint')}
        rules={[required, { pattern: CODE, message: t('admin.platforms.codeHint') }]}
      >
        <Input disabled={platform !== null} />
      </Form.Item>
      <Form.Item label={t('admin.platforms.name')} name="name" rules={[required, { max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item label={t('admin.platforms.transport')} name="transport" rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'http', label: 'HTTP(S)' },
            { value: 'nats', label: 'NATS' },
          ]}
        />
      </Form.Item>
      <Form.Item
        label={t('admin.platforms.endpoint')}
        name="endpoint"
        extra={t('admin.platforms.endpointHint')}
        rules={[required, { max: 2000 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        label={t('admin.platforms.secret')}
        name="secret"
        extra={t(platform ? 'admin.platforms.secretKeepHint' : 'admin.platforms.secretHint')}
        rules={[
          ...(platform ? [] : [{ required: true, message: t('admin.platforms.secretHint') }]),
          { min: 32, max: 512, message: t('admin.platforms.secretHint') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {save.error && (
        <Form.Item>
          <ProblemAlert error={save.error} title={t('admin.platforms.saveFailed')} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('admin.platforms.save')}
      </Button>
    </Form>
  );
}
