import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { useAuth } from '../../../auth/auth';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { TAG_COLOURS } from '../../../components/tag-colours';
import { useI18n } from '../../../i18n/language';
import type { MessageKey } from '../../../i18n/messages';
import { formatDateTime } from '../../../time/beijing';
import {
  accountFilterOf,
  filterAccounts,
  ROLES,
  searchOfFilter,
  type AccountView,
  type Role,
} from './account-filter';
import { CreateAccountForm } from './CreateAccountForm';
import { AccountDrawer } from './AccountDrawer';
import { EmptyText } from '../EmptyText';

// The API pages accounts by creation, at most 500 a page: one page holds every account of a county or city.
const LIMIT = 500;

type Notice = { key: MessageKey; params: Record<string, string> };

/**
 * `/admin/accounts`: search, create, deactivate or activate; per account (a drawer) its related subjects (回避),
 * declared and withdrawn there, and its history.
 */
export function AccountsPage() {
  const { t } = useI18n();
  const { session } = useAuth();
  const queries = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter = accountFilterOf(params);
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<AccountView | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const accounts = useQuery({
    queryKey: ['accounts'],
    queryFn: () => unwrap(api.GET('/api/v1/accounts', { params: { query: { limit: LIMIT } } })),
    staleTime: 60_000,
  });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      unwrap(
        active
          ? api.POST('/api/v1/accounts/{id}/activate', { params: { path: { id } } })
          : api.POST('/api/v1/accounts/{id}/deactivate', { params: { path: { id } } }),
      ),
    onSuccess: (_, { active }) => {
      setNotice({ key: active ? 'admin.accounts.activated' : 'admin.accounts.deactivated', params: {} });
      void queries.invalidateQueries({ queryKey: ['accounts'] });
    },
  });

  const columns: ColumnsType<AccountView> = [
    { title: t('admin.accounts.username'), dataIndex: 'username', key: 'username' },
    { title: t('admin.accounts.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('admin.accounts.role'),
      key: 'role',
      render: (_, a) => t(`role.${a.role}` as MessageKey),
    },
    {
      title: t('admin.accounts.scope'),
      key: 'scope',
      render: (_, a) =>
        a.subjectCode ? (
          <Space orientation="vertical" size={0}>
            <span>{a.subjectName}</span>
            <Typography.Text type="secondary">{a.subjectCode}</Typography.Text>
          </Space>
        ) : (
          (a.authorityPath ?? t('admin.accounts.allAuthorities'))
        ),
    },
    {
      title: t('admin.accounts.status'),
      key: 'active',
      render: (_, a) => (
        <Tag color={a.active ? TAG_COLOURS.green : TAG_COLOURS.grey}>
          {t(a.active ? 'admin.accounts.active' : 'admin.accounts.inactive')}
        </Tag>
      ),
    },
    { title: t('admin.accounts.createdAt'), key: 'createdAt', render: (_, a) => formatDateTime(a.createdAt) },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, a) => (
        <Space wrap>
          {a.id !== session?.user.id && (
            <Button
              size="small"
              danger={a.active}
              loading={toggle.isPending && toggle.variables?.id === a.id}
              aria-label={`${t(a.active ? 'admin.accounts.deactivate' : 'admin.accounts.activate')} ${a.username}`}
              onClick={() => toggle.mutate({ id: a.id, active: !a.active })}
            >
              {t(a.active ? 'admin.accounts.deactivate' : 'admin.accounts.activate')}
            </Button>
          )}
          <Button
            size="small"
            aria-label={`${t('admin.details.open')} ${a.username}`}
            onClick={() => setViewing(a)}
          >
            {t('admin.details.open')}
          </Button>
        </Space>
      ),
    },
  ];

  const shown = filterAccounts(accounts.data ?? [], filter);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
        {t('admin.accounts.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t('admin.accounts.intro')}</Typography.Paragraph>
      {notice && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t(notice.key, notice.params)}
          closable={{ onClose: () => setNotice(null) }}
        />
      )}
      <ProblemAlert error={toggle.error} title={t('admin.accounts.changeFailed')} />
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('admin.accounts.search')} name="q" initialValue={filter.q}>
          <Input.Search
            allowClear
            enterButton={t('admin.accounts.searchButton')}
            onSearch={(q) => setParams(searchOfFilter({ ...filter, q: q.trim() }))}
          />
        </Form.Item>
        <Form.Item label={t('admin.accounts.role')} htmlFor="account-role">
          <Select
            id="account-role"
            style={{ minWidth: 140 }}
            value={filter.role ?? ''}
            onChange={(role: string) =>
              setParams(searchOfFilter({ ...filter, role: (role || undefined) as Role | undefined }))
            }
            options={[
              { value: '', label: t('admin.accounts.anyRole') },
              ...ROLES.map((role) => ({ value: role, label: t(`role.${role}` as MessageKey) })),
            ]}
          />
        </Form.Item>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('admin.accounts.new')}
        </Button>
      </Form>
      <ProblemAlert error={accounts.error} />
      <Table<AccountView>
        rowKey="id"
        size="middle"
        loading={accounts.isPending}
        columns={columns}
        dataSource={shown}
        locale={{ emptyText: <EmptyText>{t('admin.accounts.none')}</EmptyText> }}
        scroll={{ x: 'max-content' }}
        pagination={{
          pageSize: 20,
          showSizeChanger: false,
          showTotal: (total) => t('admin.accounts.total', { total }),
        }}
      />
      <Typography.Paragraph type="secondary">{t('admin.accounts.historyNote')}</Typography.Paragraph>
      <Modal
        title={t('admin.accounts.new')}
        open={creating}
        footer={null}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <CreateAccountForm
          onCreated={(account) => {
            setCreating(false);
            setNotice({ key: 'admin.accounts.created', params: { username: account.username } });
            void queries.invalidateQueries({ queryKey: ['accounts'] });
          }}
        />
      </Modal>
      <AccountDrawer account={viewing} onClose={() => setViewing(null)} />
    </Space>
  );
}
