import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';
import { todayInBeijing } from '../../portal/today';
import { versionStatuses } from '../effective-dates';
import { NoWrap, VersionTag } from '../VersionTag';
import { AddPolicyForm } from './AddPolicyForm';

type Catalogue = components['schemas']['PolicyCatalogueDto'];
type Entry = Catalogue['catalogue'][number];
type Setting = Catalogue['settings'][number];

const LONG = 100;

/**
 * A value as stored (JSON): short ones as they are, long ones (the fast-track table) folded to their first line, the
 * whole value a click away, so the table stays readable.
 */
function JsonValue({ value }: { value: unknown }) {
  const text = JSON.stringify(value);
  const style = { whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;
  if (text.length <= LONG) return <code style={style}>{text}</code>;
  return (
    <details>
      <summary>
        <code style={style}>{text.slice(0, 40)}…</code>
      </summary>
      <code style={style}>{JSON.stringify(value, null, 2)}</code>
    </details>
  );
}

/**
 * `/admin/policies`: authority settings (单位设置) — the catalogue with each default and its basis, and every
 * effective-dated version (national and per authority) with the reason given; a change adds a version.
 */
export function PoliciesPage() {
  const { t, pick } = useI18n();
  const queries = useQueryClient();
  const [adding, setAdding] = useState<Entry | null>(null);
  const [added, setAdded] = useState<Setting | null>(null);
  const policies = useQuery({
    queryKey: ['authority-policies'],
    // Without authorityPath the API answers the catalogue and every version (the other form is per authority).
    queryFn: async () => (await unwrap(api.GET('/api/v1/authority-policies'))) as Catalogue,
  });
  const settings = policies.data?.settings ?? [];
  const statuses = versionStatuses(settings, todayInBeijing());

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
        {t('admin.policies.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t('admin.policies.intro')}</Typography.Paragraph>
      {added && (
        <Alert
          type="success"
          showIcon
          role="status"
          closable={{ onClose: () => setAdded(null) }}
          title={t('admin.policies.added', { key: added.key, date: added.effectiveFrom })}
        />
      )}
      <ProblemAlert error={policies.error} />
      <Table<Entry>
        rowKey="key"
        size="middle"
        pagination={false}
        loading={policies.isPending}
        dataSource={policies.data?.catalogue ?? []}
        expandable={{
          expandedRowRender: (entry) => (
            <Table<Setting>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={settings.filter((s) => s.key === entry.key)}
              columns={[
                {
                  title: t('admin.authority'),
                  key: 'authority',
                  render: (_, s) => s.authorityCode ?? t('admin.national'),
                },
                {
                  title: t('admin.policies.value'),
                  key: 'value',
                  render: (_, s) => <JsonValue value={s.value} />,
                },
                {
                  title: t('admin.effectiveFrom'),
                  key: 'from',
                  render: (_, s) => <NoWrap>{s.effectiveFrom}</NoWrap>,
                },
                {
                  title: t('admin.status'),
                  key: 'status',
                  render: (_, s) => <VersionTag status={statuses.get(s.id)} />,
                },
                { title: t('admin.policies.reason'), dataIndex: 'reason', key: 'reason' },
              ]}
            />
          ),
        }}
        columns={[
          {
            title: t('admin.policies.setting'),
            key: 'label',
            width: 230,
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <span>{pick(e.label)}</span>
                <Typography.Text type="secondary">{e.key}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('admin.policies.default'),
            key: 'default',
            width: 300,
            render: (_, e) => <JsonValue value={e.defaultValue} />,
          },
          { title: t('admin.policies.basis'), key: 'basis', render: (_, e) => pick(e.basis) },
          {
            title: <NoWrap>{t('admin.policies.versions')}</NoWrap>,
            key: 'versions',
            render: (_, e) => settings.filter((s) => s.key === e.key).length,
          },
          {
            title: t('admin.actions'),
            key: 'actions',
            render: (_, e) => (
              <Button
                size="small"
                aria-label={`${t('admin.policies.add')} ${e.key}`}
                onClick={() => setAdding(e)}
              >
                {t('admin.policies.add')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        title={adding ? `${t('admin.policies.add')}：${pick(adding.label)}` : ''}
        open={adding !== null}
        footer={null}
        width={640}
        onCancel={() => setAdding(null)}
        destroyOnHidden
      >
        {adding && (
          <AddPolicyForm
            entry={adding}
            current={
              settings.filter(
                (s) => s.key === adding.key && statuses.get(s.id) === 'in-force' && s.authorityCode === null,
              )[0]
            }
            onAdded={(setting) => {
              setAdding(null);
              setAdded(setting);
              void queries.invalidateQueries({ queryKey: ['authority-policies'] });
            }}
          />
        )}
      </Modal>
    </Space>
  );
}
