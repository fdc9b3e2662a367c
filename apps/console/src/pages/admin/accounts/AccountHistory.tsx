import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';
import { formatDateTime } from '../../../time/beijing';
import { EmptyText } from '../EmptyText';
import { actorLabel, changeLabel, detailsLabel, newestFirst, type AccountChange } from './account-history';
import { accountQueryKey } from './account-queries';

/** Short cells stay on one line; the details column takes the wrapping. */
const nowrap = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

/**
 * Who created, deactivated, activated the account and declared or withdrew its related subjects, and when
 * (GET /accounts/{id}/history: account_changes is append-only, so this is the whole story of the account).
 */
export function AccountHistory({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const history = useQuery({
    queryKey: accountQueryKey(accountId, 'history'),
    queryFn: () => unwrap(api.GET('/api/v1/accounts/{id}/history', { params: { path: { id: accountId } } })),
  });
  const columns: ColumnsType<AccountChange> = [
    {
      title: t('admin.history.changedAt'),
      key: 'changedAt',
      render: (_, c) => nowrap(formatDateTime(c.changedAt)),
    },
    { title: t('admin.history.change'), key: 'change', render: (_, c) => nowrap(changeLabel(c, t)) },
    { title: t('admin.history.actorColumn'), key: 'actor', render: (_, c) => nowrap(actorLabel(c, t)) },
    { title: t('admin.history.details'), key: 'details', render: (_, c) => detailsLabel(c, t) },
  ];
  return (
    <>
      <ProblemAlert error={history.error} title={t('admin.history.failed')} />
      <Table<AccountChange>
        rowKey="id"
        size="small"
        loading={history.isPending}
        columns={columns}
        dataSource={newestFirst(history.data ?? [])}
        // The drawer's tables wrap rather than scroll: a scrolled region would need keyboard access (axe
        // scrollable-region-focusable).
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <EmptyText>{t('admin.history.none')}</EmptyText> }}
      />
    </>
  );
}
