import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { ColleagueSelect, required } from '../case/operation-controls';

type BulkResult = components['schemas']['WorkbenchBulkResultDto'];
type Bulk = { kind: 'claim' } | { kind: 'transfer'; to: string; reason: string };

/**
 * 批量认领 / 批量转办 on the rows chosen in the queue. The API takes each case on its own (one refused does not stop
 * the others) and answers per case; every row's result is shown by the case's title, a refusal in the API's words.
 */
export function QueueOperations({
  selected,
  titles,
  onDone,
}: {
  selected: string[];
  titles: Map<string, string>;
  onDone: () => void;
}) {
  const { t, pick } = useI18n();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ to: string; reason: string }>();
  const bulk = useMutation({
    // The titles as they were when the operation ran: the rows may leave the view once it is done.
    mutationFn: async (op: Bulk): Promise<{ results: BulkResult[]; titles: Map<string, string> }> => ({
      titles: new Map(titles),
      results: await unwrap(
        op.kind === 'claim'
          ? api.POST('/api/v1/work-items/claim', { body: { caseIds: selected } })
          : api.POST('/api/v1/work-items/transfer', {
              body: { caseIds: selected, to: op.to, reason: op.reason },
            }),
      ),
    }),
    onSuccess: () => {
      onDone();
      form.resetFields();
      void queries.invalidateQueries({ queryKey: ['work-items'] });
      void queries.invalidateQueries({ queryKey: ['case'] });
    },
  });
  const results = bulk.data?.results ?? [];
  const titleOf = (id: string) => bulk.data?.titles.get(id) ?? '—';
  const refused = results.filter((r) => !r.ok).length;
  return (
    <section aria-label={t('queueOps.results')} data-queue-operations style={{ marginBottom: 16 }}>
      <Space wrap align="start">
        <Typography.Text strong style={{ lineHeight: '32px' }}>
          {t('queueOps.selected', { count: selected.length })}
        </Typography.Text>
        <Button
          type="primary"
          disabled={selected.length === 0}
          loading={bulk.isPending && bulk.variables?.kind === 'claim'}
          onClick={() => bulk.mutate({ kind: 'claim' })}
        >
          {t('queueOps.claim')}
        </Button>
        <Form
          form={form}
          layout="inline"
          style={{ rowGap: 8 }}
          onFinish={(v) => bulk.mutate({ kind: 'transfer', ...v })}
        >
          <Form.Item
            name="to"
            label={t('queueOps.to')}
            htmlFor="bulk-transfer-to"
            rules={[{ required: true, message: t('workOps.colleague.choose') }]}
          >
            <ColleagueSelect id="bulk-transfer-to" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('queueOps.reason')}
            htmlFor="bulk-transfer-reason"
            rules={required(t('workOps.reason.required'))}
          >
            <Input id="bulk-transfer-reason" maxLength={500} />
          </Form.Item>
          <Button
            htmlType="submit"
            disabled={selected.length === 0}
            loading={bulk.isPending && bulk.variables?.kind === 'transfer'}
          >
            {t('queueOps.transfer')}
          </Button>
        </Form>
      </Space>
      <ProblemAlert error={bulk.error} />
      <div role="status">
        {bulk.data && (
          <Alert
            style={{ marginTop: 8 }}
            type={refused ? 'warning' : 'success'}
            showIcon
            title={t('queueOps.summary', { ok: results.length - refused, refused })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-bulk-results>
                {results.map((r) => (
                  <li key={r.caseId} data-bulk-result={r.ok ? 'ok' : r.error?.code}>
                    {r.ok
                      ? t('queueOps.ok', { title: titleOf(r.caseId) })
                      : t('queueOps.refused', { title: titleOf(r.caseId), reason: pick(r.error?.message) })}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </div>
    </section>
  );
}
