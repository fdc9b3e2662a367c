import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/language';
import type { DashboardFilters } from './dashboard-query';

interface FormValues {
  month?: Dayjs | null;
  period?: [Dayjs | null, Dayjs | null] | null;
  authority?: string;
  caseType?: string;
}

/**
 * The dashboard's filters: a month, or a period (which wins when both days are given), an authority within the
 * caller's reach and a case type. Submitting writes them to the address; the form re-reads the address.
 */
export function DashboardFilterForm({
  filters,
  onChange,
}: {
  filters: DashboardFilters;
  onChange: (next: DashboardFilters) => void;
}) {
  const { t, pick, language } = useI18n();
  const { session } = useAuth();
  const authorities = useQuery({
    queryKey: ['authorities'],
    queryFn: () => unwrap(api.GET('/api/v1/authorities')),
  });
  const types = useQuery({ queryKey: ['case-types'], queryFn: () => unwrap(api.GET('/api/v1/case-types')) });
  // Staff bound to an authority see its subtree only (the API answers 404 for any other): offer no other.
  const own = session?.user.authorityPath;
  const reachable = (authorities.data ?? []).filter(
    (a) => !own || a.path === own || a.path.startsWith(`${own}/`),
  );

  const onFinish = (v: FormValues) => {
    const [from, to] = v.period ?? [];
    const period = from && to ? { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') } : undefined;
    onChange({
      ...(period ?? { month: v.month?.format('YYYY-MM') }),
      authority: v.authority || undefined,
      caseType: v.caseType || undefined,
    });
  };

  return (
    <Form<FormValues>
      layout="inline"
      style={{ rowGap: 8, marginBottom: 16 }}
      key={JSON.stringify(filters)}
      initialValues={{
        month: filters.month ? dayjs(`${filters.month}-01`) : null,
        period: filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null,
        authority: filters.authority ?? '',
        caseType: filters.caseType ?? '',
      }}
      onFinish={onFinish}
    >
      <Form.Item name="month" label={t('dashboard.filter.month')}>
        <DatePicker picker="month" allowClear placeholder={t('dashboard.filter.thisMonth')} />
      </Form.Item>
      <Form.Item name="period" label={t('dashboard.filter.period')}>
        <DatePicker.RangePicker />
      </Form.Item>
      <Form.Item name="authority" label={t('dashboard.filter.authority')}>
        <Select
          style={{ minWidth: 200 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={[
            { value: '', label: t('dashboard.filter.anyAuthority') },
            ...reachable.map((a) => ({
              value: a.code,
              label: `${language === 'en' ? a.nameEn : a.nameZh}（${a.code}）`,
            })),
          ]}
        />
      </Form.Item>
      <Form.Item name="caseType" label={t('dashboard.filter.caseType')}>
        <Select
          style={{ minWidth: 150 }}
          options={[
            { value: '', label: t('dashboard.filter.anyType') },
            ...(types.data ?? []).map((c) => ({ value: c.type, label: pick(c.label) })),
          ]}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('dashboard.filter.apply')}
          </Button>
          <Button onClick={() => onChange({})}>{t('dashboard.filter.reset')}</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
