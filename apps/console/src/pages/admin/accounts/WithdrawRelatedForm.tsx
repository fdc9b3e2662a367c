import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';

interface Withdrawal {
  reason: string;
}

/**
 * Withdraws a 回避 declaration (POST /accounts/{id}/related-subjects/withdraw). The reason is required by the API:
 * it is recorded in the account history next to who withdrew it.
 */
export function WithdrawRelatedForm({
  accountId,
  subjectCode,
  onCancel,
  onWithdrawn,
}: {
  accountId: string;
  subjectCode: string;
  onCancel: () => void;
  onWithdrawn: () => void;
}) {
  const { t } = useI18n();
  const withdraw = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST('/api/v1/accounts/{id}/related-subjects/withdraw', {
          params: { path: { id: accountId } },
          body: { subjectCode, reason },
        }),
      ),
    onSuccess: onWithdrawn,
  });
  const title = t('admin.related.withdrawTitle', { code: subjectCode });
  return (
    <Card size="small" title={<h4 style={{ fontSize: 14, margin: 0 }}>{title}</h4>} style={{ marginTop: 12 }}>
      <Typography.Paragraph>{t('admin.related.withdrawIntro')}</Typography.Paragraph>
      <Form<Withdrawal>
        layout="vertical"
        aria-label={title}
        disabled={withdraw.isPending}
        onFinish={(values) => withdraw.mutate(values.reason.trim())}
      >
        <Form.Item
          label={t('admin.related.withdrawReason')}
          name="reason"
          rules={[
            { required: true, whitespace: true, message: t('admin.related.withdrawReasonRequired') },
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        {withdraw.error && (
          <Form.Item>
            <ProblemAlert error={withdraw.error} title={t('admin.related.withdrawFailed')} />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" danger htmlType="submit" loading={withdraw.isPending}>
            {t('admin.related.withdrawSubmit')}
          </Button>
          <Button onClick={onCancel}>{t('admin.related.withdrawCancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
