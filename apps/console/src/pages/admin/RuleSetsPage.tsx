import { useQuery } from '@tanstack/react-query';
import { Descriptions, Space, Table, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { todayInBeijing } from '../portal/today';
import { versionStatuses } from './effective-dates';
import { NoWrap, VersionTag } from './VersionTag';

type RuleSet = components['schemas']['RuleSetDto'];

const SEVERITIES = ['minor', 'general', 'serious'] as const;

/**
 * `/admin/rule-sets`: the effective-dated repair regimes (GET /rule-sets): a record is judged by the rule set in force
 * on its decision date, so old ones stay listed. Rule sets are added, never edited (by migration or POST /rule-sets).
 */
export function RuleSetsPage() {
  const { t, language } = useI18n();
  const ruleSets = useQuery({ queryKey: ['rule-sets'], queryFn: () => unwrap(api.GET('/api/v1/rule-sets')) });
  // One regime is in force at a time: all rule sets share one slot.
  const statuses = versionStatuses(
    (ruleSets.data ?? []).map((r) => ({
      id: r.code,
      key: 'rule-set',
      authorityCode: null,
      effectiveFrom: r.effectiveFrom,
    })),
    todayInBeijing(),
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
        {t('admin.ruleSets.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t('admin.ruleSets.intro')}</Typography.Paragraph>
      <ProblemAlert error={ruleSets.error} />
      <Table<RuleSet>
        rowKey="code"
        size="middle"
        pagination={false}
        loading={ruleSets.isPending}
        dataSource={[...(ruleSets.data ?? [])].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))}
        expandable={{ expandedRowRender: (r) => <RuleSetDetails ruleSet={r} /> }}
        columns={[
          { title: t('admin.ruleSets.code'), key: 'code', render: (_, r) => <NoWrap>{r.code}</NoWrap> },
          {
            title: t('admin.ruleSets.name'),
            key: 'name',
            render: (_, r) => (language === 'en' ? r.nameEn : r.nameZh),
          },
          {
            title: t('admin.effectiveFrom'),
            key: 'from',
            render: (_, r) => <NoWrap>{r.effectiveFrom}</NoWrap>,
          },
          {
            title: t('admin.status'),
            key: 'status',
            render: (_, r) => <VersionTag status={statuses.get(r.code)} />,
          },
          { title: t('admin.legalBasis'), dataIndex: 'legalBasis', key: 'basis' },
        ]}
      />
    </Space>
  );
}

/** Publication periods per severity (months) and the longer minimums of special fields. */
function RuleSetDetails({ ruleSet }: { ruleSet: RuleSet }) {
  const { t } = useI18n();
  const fields = Object.entries(ruleSet.fieldMinimums);
  return (
    <Descriptions size="small" column={1} bordered>
      {SEVERITIES.map((severity) => (
        <Descriptions.Item key={severity} label={t(`staffCase.record.severity.${severity}`)}>
          {t('admin.ruleSets.period', {
            min: ruleSet.periods[severity].minimumMonths,
            max: ruleSet.periods[severity].maximumMonths,
          })}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('admin.ruleSets.fieldMinimums')}>
        {fields.length === 0
          ? t('admin.ruleSets.noFieldMinimums')
          : fields.map(([field, months]) => t('admin.ruleSets.fieldMinimum', { field, months })).join('；')}
      </Descriptions.Item>
    </Descriptions>
  );
}
