import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { TAG_COLOURS } from '../../../components/tag-colours';
import { useI18n } from '../../../i18n/language';
import { formatDateTime } from '../../../time/beijing';
import { useAccountNames } from '../account-names';
import { IncidentsSection } from './IncidentsSection';
import { PlatformForm } from './PlatformForm';
import { EmptyText } from '../EmptyText';

type Platform = components['schemas']['PlatformDto'];
type Change = components['schemas']['PlatformChangeDto'];

/**
 * `/admin/platforms`: downstream platforms results are pushed to (ADR 0025), with each one's change history (who
 * registered or changed it, what) and the delivery incidents operators retry. Secrets are never shown: only whether
 * one is set and a fingerprint to compare with the receiver's.
 */
export function PlatformsPage() {
  const { t } = useI18n();
  const queries = useQueryClient();
  const nameOf = useAccountNames();
  const [editing, setEditing] = useState<Platform | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const platforms = useQuery({
    queryKey: ['platforms'],
    queryFn: () => unwrap(api.GET('/api/v1/platforms')),
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('admin.platforms.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.platforms.register')}
        </Button>
      </Space>
      <Typography.Paragraph style={{ margin: 0 }}>{t('admin.platforms.intro')}</Typography.Paragraph>
      {saved && (
        <Alert
          type="success"
          showIcon
          role="status"
          closable={{ onClose: () => setSaved(null) }}
          title={t('admin.platforms.saved', { code: saved })}
        />
      )}
      <ProblemAlert error={platforms.error} />
      <Table<Platform>
        rowKey="code"
        size="middle"
        pagination={false}
        loading={platforms.isPending}
        dataSource={platforms.data ?? []}
        locale={{ emptyText: <EmptyText>{t('admin.platforms.empty')}</EmptyText> }}
        expandable={{ expandedRowRender: (p) => <PlatformHistory code={p.code} nameOf={nameOf} /> }}
        columns={[
          { title: t('admin.platforms.code'), dataIndex: 'code', key: 'code' },
          { title: t('admin.platforms.name'), dataIndex: 'name', key: 'name' },
          { title: t('admin.platforms.transport'), dataIndex: 'transport', key: 'transport' },
          { title: t('admin.platforms.endpoint'), dataIndex: 'endpoint', key: 'endpoint' },
          {
            title: t('admin.platforms.secret'),
            key: 'secret',
            render: (_, p) =>
              p.secretSet ? (
                <code>{p.secretFingerprint}</code>
              ) : (
                <Tag color={TAG_COLOURS.red}>{t('admin.platforms.noSecret')}</Tag>
              ),
          },
          {
            title: t('admin.platforms.updated'),
            key: 'updated',
            render: (_, p) => `${formatDateTime(p.updatedAt)} ${nameOf(p.updatedBy)}`,
          },
          {
            title: t('admin.actions'),
            key: 'actions',
            render: (_, p) => (
              <Button
                size="small"
                aria-label={`${t('admin.platforms.edit')} ${p.code}`}
                onClick={() => setEditing(p)}
              >
                {t('admin.platforms.edit')}
              </Button>
            ),
          },
        ]}
      />
      <IncidentsSection />
      <Modal
        title={
          editing === 'new'
            ? t('admin.platforms.register')
            : editing
              ? `${t('admin.platforms.edit')} ${editing.code}`
              : ''
        }
        open={editing !== null}
        footer={null}
        width={640}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing && (
          <PlatformForm
            platform={editing === 'new' ? null : editing}
            onSaved={(platform) => {
              setEditing(null);
              setSaved(platform.code);
              void queries.invalidateQueries({ queryKey: ['platforms'] });
            }}
          />
        )}
      </Modal>
    </Space>
  );
}

/** Who registered or changed the platform, when, and what it then was (GET /platforms/{code}/history). */
function PlatformHistory({ code, nameOf }: { code: string; nameOf: (id: string) => string }) {
  const { t } = useI18n();
  const history = useQuery({
    queryKey: ['platforms', code, 'history'],
    queryFn: () => unwrap(api.GET('/api/v1/platforms/{code}/history', { params: { path: { code } } })),
  });
  return (
    <>
      <ProblemAlert error={history.error} />
      <Table<Change>
        rowKey={(c) => c.changedAt}
        size="small"
        pagination={false}
        loading={history.isPending}
        dataSource={history.data ?? []}
        columns={[
          { title: t('admin.platforms.changedAt'), key: 'at', render: (_, c) => formatDateTime(c.changedAt) },
          { title: t('admin.platforms.changedBy'), key: 'by', render: (_, c) => nameOf(c.actorId) },
          {
            title: t('admin.platforms.change'),
            key: 'change',
            render: (_, c) => t(`admin.platforms.change.${c.change}`),
          },
          {
            title: t('admin.platforms.endpoint'),
            key: 'endpoint',
            render: (_, c) => `${c.transport} ${c.endpoint}`,
          },
          {
            title: t('admin.platforms.secret'),
            key: 'secret',
            render: (_, c) =>
              `${c.secretChanged ? t('admin.platforms.secretChanged') : t('admin.platforms.secretKept')} ${c.secretFingerprint}`,
          },
        ]}
      />
    </>
  );
}
