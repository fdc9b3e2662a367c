import { useQueryClient } from '@tanstack/react-query';
import { Alert, Drawer, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/language';
import type { MessageKey } from '../../../i18n/messages';
import type { AccountView } from './account-filter';
import { accountQueryKey } from './account-queries';
import { AccountHistory } from './AccountHistory';
import { RelatedSubjectForm } from './RelatedSubjectForm';
import { RelatedSubjectsList } from './RelatedSubjectsList';

type Notice = { key: MessageKey; params: Record<string, string> };

/** Only reviewers handle cases, so only their accounts are declared related to subjects (回避). */
const mayAbstain = (account: AccountView) => account.role === 'officer' || account.role === 'senior_reviewer';

const sectionTitle = (text: string) => (
  <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/**
 * One account in a drawer: its related subjects (回避) with declaring and withdrawing, and its history. A
 * declaration or withdrawal refreshes both, so the admin sees it listed (or gone) and recorded under their name.
 */
export function AccountDrawer({ account, onClose }: { account: AccountView | null; onClose: () => void }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const changed = (key: MessageKey, code: string) => {
    setNotice({ key, params: { name: account?.displayName ?? '', code } });
    if (account) void queries.invalidateQueries({ queryKey: accountQueryKey(account.id) });
  };
  return (
    <Drawer
      title={
        account && (
          <h2 style={{ fontSize: 18, margin: 0 }}>
            {t('admin.details.title', { name: account.displayName, username: account.username })}
          </h2>
        )
      }
      open={account !== null}
      onClose={onClose}
      afterOpenChange={(open) => !open && setNotice(null)}
      size={760}
      destroyOnHidden
    >
      {account && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {notice && (
            <Alert
              type="success"
              showIcon
              role="status"
              title={t(notice.key, notice.params)}
              closable={{ onClose: () => setNotice(null) }}
            />
          )}
          {mayAbstain(account) && (
            <section>
              {sectionTitle(t('admin.related.listTitle'))}
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
                {t('admin.related.intro')}
              </Typography.Paragraph>
              <RelatedSubjectsList
                account={account}
                onWithdrawn={(code) => changed('admin.related.withdrawn', code)}
              />
            </section>
          )}
          {mayAbstain(account) && (
            <section>
              {sectionTitle(t('admin.related.declareTitle'))}
              <RelatedSubjectForm
                account={account}
                onDeclared={(code) => changed('admin.related.declared', code)}
              />
            </section>
          )}
          <section>
            {sectionTitle(t('admin.history.title'))}
            <AccountHistory accountId={account.id} />
          </section>
        </Space>
      )}
    </Drawer>
  );
}
