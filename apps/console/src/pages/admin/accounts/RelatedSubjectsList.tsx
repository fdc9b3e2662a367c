import { useQuery } from '@tanstack/react-query';
import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';
import { formatDateTime } from '../../../time/beijing';
import { EmptyText } from '../EmptyText';
import type { AccountView } from './account-filter';
import { accountQueryKey } from './account-queries';
import { WithdrawRelatedForm } from './WithdrawRelatedForm';

type RelatedSubject = components['schemas']['RelatedSubjectViewDto'];

/**
 * The subjects an account must abstain from (回避), each with a withdrawal: the reason is required because it is
 * what the account history keeps of why the person may handle the subject's cases again.
 */
export function RelatedSubjectsList({
  account,
  onWithdrawn,
}: {
  account: AccountView;
  onWithdrawn: (subjectCode: string) => void;
}) {
  const { t } = useI18n();
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const related = useQuery({
    queryKey: accountQueryKey(account.id, 'related-subjects'),
    queryFn: () =>
      unwrap(api.GET('/api/v1/accounts/{id}/related-subjects', { params: { path: { id: account.id } } })),
  });

  const columns: ColumnsType<RelatedSubject> = [
    { title: t('admin.related.subjectCode'), dataIndex: 'subjectCode', key: 'subjectCode' },
    {
      title: t('admin.related.reason'),
      key: 'reason',
      render: (_, r) =>
        r.reason ?? <Typography.Text type="secondary">{t('admin.related.noReason')}</Typography.Text>,
    },
    {
      title: t('admin.related.declaredAt'),
      key: 'declaredAt',
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.declaredAt)}</span>,
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, r) => (
        <Button
          size="small"
          danger
          disabled={withdrawing === r.subjectCode}
          aria-label={`${t('admin.related.withdraw')} ${r.subjectCode}`}
          onClick={() => setWithdrawing(r.subjectCode)}
        >
          {t('admin.related.withdraw')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <ProblemAlert error={related.error} />
      <Table<RelatedSubject>
        rowKey="subjectCode"
        size="small"
        loading={related.isPending}
        columns={columns}
        dataSource={related.data ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyText>{t('admin.related.none')}</EmptyText> }}
      />
      {withdrawing && (
        <WithdrawRelatedForm
          key={withdrawing}
          accountId={account.id}
          subjectCode={withdrawing}
          onCancel={() => setWithdrawing(null)}
          onWithdrawn={() => {
            setWithdrawing(null);
            onWithdrawn(withdrawing);
          }}
        />
      )}
    </>
  );
}
