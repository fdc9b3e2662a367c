import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';
import type { AccountView } from './account-filter';

interface Declaration {
  subjectCode: string;
  reason?: string;
}

/**
 * 回避: a subject the account is related to (a relative's firm, a former employer). From then on the account may
 * not handle that subject's cases (POST /accounts/{id}/related-subjects; the workflow refuses with a recusal code).
 */
export function RelatedSubjectForm({
  account,
  onDeclared,
}: {
  account: AccountView;
  onDeclared: (subjectCode: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Declaration>();
  const declare = useMutation({
    mutationFn: (body: Declaration) =>
      unwrap(
        api.POST('/api/v1/accounts/{id}/related-subjects', { params: { path: { id: account.id } }, body }),
      ),
    onSuccess: (_, body) => {
      form.resetFields();
      onDeclared(body.subjectCode);
    },
  });
  return (
    <Form<Declaration>
      form={form}
      layout="vertical"
      disabled={declare.isPending}
      onFinish={(values) =>
        declare.mutate({
          subjectCode: values.subjectCode.trim(),
          ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
        })
      }
    >
      <Form.Item
        label={t('admin.related.subjectCode')}
        name="subjectCode"
        extra={t('admin.related.subjectCodeHint')}
        rules={[{ required: true, whitespace: true, message: t('admin.related.subjectCodeRequired') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item label={t('admin.related.reason')} name="reason" rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      {declare.error && (
        <Form.Item>
          <ProblemAlert error={declare.error} title={t('admin.related.failed')} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={declare.isPending}>
        {t('admin.related.submit')}
      </Button>
    </Form>
  );
}
