import { useQuery } from '@tanstack/react-query';
import { Form, Input, List, Spin, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { formatDateTime } from '../../time/beijing';
import { useColleagues, useRoleName, useWorkOperation } from '../workbench/work-operations';
import { OperationStatus, required, SubmitOrRefused } from './operation-controls';

/**
 * 内部意见: the staff's comment thread on a case (ADR 0027: internal, never in the applicant's history), oldest
 * first, each with its author by name and role, and a form to post one. Read again whenever the case changes.
 */
export function CaseComments({ caseId, version }: { caseId: string; version: number }) {
  const { t } = useI18n();
  const colleagues = useColleagues();
  const [form] = Form.useForm<{ comment: string }>();
  const comments = useQuery({
    queryKey: ['case', caseId, 'comments'],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}/comments', { params: { path: { id: caseId } } })),
  });
  const post = useWorkOperation(caseId, version, (v: { comment: string }) =>
    unwrap(api.POST('/api/v1/cases/{id}/comments', { params: { path: { id: caseId } }, body: v })),
  );
  const author = (id: string) =>
    colleagues.data?.find((c) => c.accountId === id)?.displayName ?? t('workOps.holder.colleague');
  const role = useRoleName();
  const label = t('comments.post');
  return (
    <div data-comments>
      <Typography.Paragraph type="secondary">{t('comments.internal')}</Typography.Paragraph>
      <ProblemAlert error={comments.error} />
      {comments.isLoading && <Spin />}
      {comments.data?.length === 0 && <Typography.Paragraph>{t('comments.none')}</Typography.Paragraph>}
      {!!comments.data?.length && (
        <List
          dataSource={comments.data}
          renderItem={(c) => (
            <List.Item key={c.version}>
              <div>
                <Typography.Text type="secondary">
                  {t('comments.by', { who: author(c.by), role: role(c.role), time: formatDateTime(c.at) })}
                </Typography.Text>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {c.comment}
                </Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={post.clearRefusal}
        onFinish={(v) => post.mutate(v, { onSuccess: () => form.resetFields() })}
      >
        <Form.Item
          name="comment"
          label={t('comments.new')}
          htmlFor="comment-new"
          rules={required(t('comments.required'))}
        >
          <Input.TextArea id="comment-new" autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
        <OperationStatus op={post} label={label} />
        <SubmitOrRefused op={post} label={label} />
      </Form>
    </div>
  );
}
