import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { TAG_COLOURS } from '../../../components/tag-colours';
import { useI18n } from '../../../i18n/language';
import { formatDateTime } from '../../../time/beijing';
import { todayInBeijing } from '../../portal/today';
import { useAccountNames } from '../account-names';
import { NoWrap } from '../VersionTag';
import { LoadScheduleForm } from './LoadScheduleForm';
import { MonthGrid } from './MonthGrid';
import { firstMarkedMonth, provisionalYears } from './month-grid';
import { ProvisionalDeadlines } from './ProvisionalDeadlines';
import { EmptyText } from '../EmptyText';

type Version = components['schemas']['CalendarScheduleVersionDto'];

/**
 * `/admin/calendar?year=2027`: the loaded years, which years deadlines are provisional on and those deadlines, one
 * year's versions (who loaded what, when: the calendar's trail) with a month grid, and loading a year.
 */
export function CalendarPage() {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [loading, setLoading] = useState(false);
  const [loadedNotice, setLoadedNotice] = useState<string | null>(null);
  const thisYear = Number(todayInBeijing().slice(0, 4));

  const schedules = useQuery({
    queryKey: ['calendar', 'schedules'],
    queryFn: () => unwrap(api.GET('/api/v1/calendar/schedules')),
  });
  const national = (schedules.data ?? []).filter((s) => s.region === null).map((s) => s.year);
  const year = Number(params.get('year')) || thisYear;
  const month = Number(params.get('month')) || null;
  const show = (next: { year?: number; month?: number }) =>
    setParams(
      new URLSearchParams({
        year: String(next.year ?? year),
        ...(next.month ? { month: String(next.month) } : {}),
      }),
    );
  const provisional = provisionalYears(national, thisYear);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('admin.calendar.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setLoading(true)}>
          {t('admin.calendar.loadYear')}
        </Button>
      </Space>
      <Typography.Paragraph style={{ margin: 0 }}>{t('admin.calendar.intro')}</Typography.Paragraph>
      {loadedNotice && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={loadedNotice}
          closable={{ onClose: () => setLoadedNotice(null) }}
        />
      )}
      <ProblemAlert error={schedules.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('admin.calendar.loaded')}>
            <Table<Version>
              rowKey={(s) => `${s.year}-${s.region ?? ''}`}
              size="small"
              pagination={false}
              loading={schedules.isPending}
              dataSource={[...(schedules.data ?? [])].sort((a, b) => b.year - a.year)}
              columns={[
                {
                  title: t('admin.calendar.year'),
                  key: 'year',
                  render: (_, s) => (
                    <Button type="link" style={{ padding: 0 }} onClick={() => show({ year: s.year })}>
                      {s.year}
                    </Button>
                  ),
                },
                {
                  title: t('admin.calendar.region'),
                  key: 'region',
                  render: (_, s) => s.region ?? t('admin.calendar.national'),
                },
                { title: t('admin.calendar.version'), dataIndex: 'version', key: 'version' },
                {
                  title: t('admin.calendar.loadedAt'),
                  key: 'loadedAt',
                  render: (_, s) => formatDateTime(s.loadedAt),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('admin.calendar.provisional')}>
            {provisional.length === 0 ? (
              <Typography.Paragraph>{t('admin.calendar.provisionalNone')}</Typography.Paragraph>
            ) : (
              <Typography.Paragraph>
                {t('admin.calendar.provisionalYears')}{' '}
                {provisional.map((y) => (
                  <Tag key={y} color={TAG_COLOURS.orange}>
                    {y}
                  </Tag>
                ))}
              </Typography.Paragraph>
            )}
            <ProvisionalDeadlines />
          </Card>
        </Col>
      </Row>
      <YearDetail key={year} year={year} month={month} onMonth={(m) => show({ month: m })} />
      <Modal
        title={t('admin.calendar.loadYear')}
        open={loading}
        footer={null}
        width={760}
        onCancel={() => setLoading(false)}
        destroyOnHidden
      >
        <LoadScheduleForm
          onLoaded={(loaded) => {
            setLoading(false);
            setLoadedNotice(
              t('admin.calendar.loadedNotice', {
                year: loaded.year,
                version: loaded.version,
                moved: loaded.recomputedDeadlines,
              }),
            );
            void queries.invalidateQueries({ queryKey: ['calendar'] });
            void queries.invalidateQueries({ queryKey: ['deadlines'] });
            show({ year: loaded.year });
          }}
        />
      </Modal>
    </Space>
  );
}

/** One year: every version loaded (newest first, the calendar's trail) and the current one as a month grid. */
function YearDetail({
  year,
  month,
  onMonth,
}: {
  year: number;
  month: number | null;
  onMonth: (m: number) => void;
}) {
  const { t } = useI18n();
  const nameOf = useAccountNames();
  const history = useQuery({
    queryKey: ['calendar', 'history', year],
    queryFn: () => unwrap(api.GET('/api/v1/calendar/schedules/{year}', { params: { path: { year } } })),
  });
  const current = (history.data ?? []).find((v) => v.region === null);
  const festivals = current?.festivals ?? [];
  return (
    <Card size="small" title={t('admin.calendar.yearTitle', { year })}>
      <ProblemAlert error={history.error} />
      {history.data && !current && (
        <Alert
          type="warning"
          showIcon
          title={t('admin.calendar.notLoaded', { year })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <MonthGrid
            year={year}
            month={month ?? firstMarkedMonth(festivals)}
            festivals={festivals}
            onMonth={onMonth}
          />
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('admin.calendar.history')}
          </Typography.Title>
          <Table<Version>
            rowKey={(v) => `${v.region ?? ''}-${v.version}`}
            size="small"
            pagination={false}
            loading={history.isPending}
            dataSource={history.data ?? []}
            locale={{ emptyText: <EmptyText>{t('admin.calendar.historyEmpty')}</EmptyText> }}
            expandable={{
              expandedRowRender: (v) => (
                <ul style={{ margin: 0 }}>
                  {v.festivals.map((f) => (
                    <li key={f.name}>
                      {f.name}：{t('admin.calendar.kind.holiday')} {f.holidays.join('、')}
                      {f.makeupWorkdays.length > 0 &&
                        `；${t('admin.calendar.kind.makeup')} ${f.makeupWorkdays.join('、')}`}
                    </li>
                  ))}
                </ul>
              ),
            }}
            columns={[
              { title: <NoWrap>{t('admin.calendar.version')}</NoWrap>, dataIndex: 'version', key: 'version' },
              {
                title: <NoWrap>{t('admin.calendar.region')}</NoWrap>,
                key: 'region',
                render: (_, v) => <NoWrap>{v.region ?? t('admin.calendar.national')}</NoWrap>,
              },
              { title: t('admin.calendar.source'), dataIndex: 'source', key: 'source' },
              { title: t('admin.calendar.loadedBy'), key: 'loadedBy', render: (_, v) => nameOf(v.loadedBy) },
              {
                title: t('admin.calendar.loadedAt'),
                key: 'loadedAt',
                render: (_, v) => formatDateTime(v.loadedAt),
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}
