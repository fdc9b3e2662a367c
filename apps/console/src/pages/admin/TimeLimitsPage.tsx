import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { todayInBeijing } from '../portal/today';
import { groupByKey, versionStatuses } from './effective-dates';
import { VersionTag } from './VersionTag';

type Limit = components['schemas']['CalendarTimeLimitDto'];
type NewLimit = components['schemas']['AddTimeLimitRequest'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/admin/time-limits`: the limits statutory clocks run on (GET /time-limits), every version with its legal basis
 * and effective date, national defaults and authority settings; a new version is added, never edited, so a clock
 * started under an old one can still be explained.
 */
export function TimeLimitsPage() {
  const { t, pick } = useI18n();
  const queries = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Limit | null>(null);
  const limits = useQuery({
    queryKey: ['time-limits'],
    queryFn: () => unwrap(api.GET('/api/v1/time-limits')),
  });
  const statuses = versionStatuses(limits.data ?? [], todayInBeijing());

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('admin.timeLimits.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('admin.timeLimits.add')}
        </Button>
      </Space>
      <Typography.Paragraph style={{ margin: 0 }}>{t('admin.timeLimits.intro')}</Typography.Paragraph>
      {added && (
        <Alert
          type="success"
          showIcon
          role="status"
          closable={{ onClose: () => setAdded(null) }}
          title={t('admin.timeLimits.added', { label: pick(added.label), date: added.effectiveFrom })}
        />
      )}
      <ProblemAlert error={limits.error} />
      {groupByKey(limits.data ?? []).map(([key, versions]) => (
        <section key={key} aria-labelledby={`limit-${key}`}>
          <Typography.Title level={3} id={`limit-${key}`} style={{ fontSize: 16 }}>
            {pick(versions[0].label)} <Typography.Text type="secondary">{key}</Typography.Text>
          </Typography.Title>
          <Table<Limit>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={versions}
            columns={[
              {
                title: t('admin.authority'),
                key: 'authority',
                render: (_, l) => l.authorityCode ?? t('admin.national'),
              },
              {
                title: t('admin.timeLimits.workingDays'),
                key: 'days',
                render: (_, l) => t('admin.timeLimits.days', { days: l.workingDays }),
              },
              { title: t('admin.effectiveFrom'), dataIndex: 'effectiveFrom', key: 'from' },
              {
                title: t('admin.status'),
                key: 'status',
                render: (_, l) => <VersionTag status={statuses.get(l.id)} />,
              },
              { title: t('admin.legalBasis'), key: 'basis', render: (_, l) => pick(l.legalBasis) },
            ]}
          />
        </section>
      ))}
      <Modal
        title={t('admin.timeLimits.add')}
        open={adding}
        footer={null}
        width={640}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <AddLimitForm
          limits={limits.data ?? []}
          onAdded={(limit) => {
            setAdding(false);
            setAdded(limit);
            void queries.invalidateQueries({ queryKey: ['time-limits'] });
          }}
        />
      </Modal>
    </Space>
  );
}

/** A new version (POST /time-limits): choosing a key fills in its current labels and basis to start from. */
function AddLimitForm({ limits, onAdded }: { limits: Limit[]; onAdded: (limit: Limit) => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<NewLimit>();
  const add = useMutation({
    mutationFn: (body: NewLimit) => unwrap(api.POST('/api/v1/time-limits', { body })),
    onSuccess: onAdded,
  });
  const keys = groupByKey(limits).map(([key, versions]) => ({ key, latest: versions[0] }));
  const required = { required: true, whitespace: true, message: t('admin.required') };
  return (
    <Form<NewLimit>
      form={form}
      layout="vertical"
      disabled={add.isPending}
      onFinish={(v) => add.mutate({ ...v, authorityCode: v.authorityCode?.trim() || undefined })}
      onValuesChange={(changed: Partial<NewLimit>) => {
        const latest = changed.key ? keys.find((k) => k.key === changed.key)?.latest : undefined;
        if (latest)
          form.setFieldsValue({
            labelZh: latest.label.zh,
            labelEn: latest.label.en,
            legalBasisZh: latest.legalBasis.zh,
            legalBasisEn: latest.legalBasis.en,
            workingDays: latest.workingDays,
          });
      }}
    >
      <Form.Item label={t('admin.timeLimits.key')} name="key" rules={[required]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={keys.map(({ key, latest }) => ({ value: key, label: `${pick(latest.label)}（${key}）` }))}
        />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item
          label={t('admin.authority')}
          name="authorityCode"
          extra={t('admin.authorityHint')}
          rules={[{ pattern: /^\d{6}$/, message: t('admin.authorityHint') }]}
        >
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          label={t('admin.timeLimits.workingDays')}
          name="workingDays"
          rules={[{ required: true, message: t('admin.required') }]}
        >
          <InputNumber min={0} max={366} precision={0} />
        </Form.Item>
        <Form.Item
          label={t('admin.effectiveFrom')}
          name="effectiveFrom"
          extra="YYYY-MM-DD"
          rules={[required, { pattern: DATE, message: 'YYYY-MM-DD' }]}
        >
          <Input style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item label={t('admin.timeLimits.labelZh')} name="labelZh" rules={[required, { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item label={t('admin.timeLimits.labelEn')} name="labelEn" rules={[required, { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item
        label={t('admin.timeLimits.legalBasisZh')}
        name="legalBasisZh"
        rules={[required, { max: 300 }]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item
        label={t('admin.timeLimits.legalBasisEn')}
        name="legalBasisEn"
        rules={[required, { max: 300 }]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      {add.error && (
        <Form.Item>
          <ProblemAlert error={add.error} title={t('admin.timeLimits.addFailed')} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t('admin.timeLimits.submit')}
      </Button>
    </Form>
  );
}
