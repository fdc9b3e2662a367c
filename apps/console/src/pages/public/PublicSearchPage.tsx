import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { asSubjectCode } from './subject-code';

type Hit = components['schemas']['PublicSubjectHitDto'];
const PAGE_SIZE = 20;
const MIN_NAME = 2;

/** `/public?name=通达&page=2`: search by code (straight to the subject) or by name (a list). No sign-in. */
export function PublicSearchPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const name = params.get('name') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [typed, setTyped] = useState(name);
  const [tooShort, setTooShort] = useState(false);

  const results = useQuery({
    queryKey: ['public-subjects', name, page],
    enabled: name.length >= MIN_NAME,
    queryFn: () =>
      unwrap(api.GET('/api/v1/public/subjects', { params: { query: { name, page, pageSize: PAGE_SIZE } } })),
  });

  const search = () => {
    const text = typed.trim();
    const code = asSubjectCode(text);
    if (code) return void navigate(`/public/subjects/${code}`);
    setTooShort(text.length < MIN_NAME);
    if (text.length >= MIN_NAME) setParams({ name: text });
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('public.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('public.intro')}</Typography.Paragraph>
      </div>
      <Form layout="vertical" onFinish={search} role="search">
        <Form.Item
          label={t('public.searchLabel')}
          htmlFor="public-search"
          validateStatus={tooShort ? 'error' : undefined}
          help={tooShort ? t('public.searchTooShort') : undefined}
        >
          <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
            <Input
              id="public-search"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder={t('public.searchPlaceholder')}
              allowClear
            />
            <Button type="primary" htmlType="submit">
              {t('public.search')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      {results.error && <ProblemAlert error={results.error} />}
      {results.data && (
        <Table<Hit>
          rowKey="code"
          dataSource={results.data.items}
          loading={results.isFetching}
          caption={t('public.results', { total: results.data.total })}
          locale={{
            emptyText: <Empty description={`${t('public.noResults')}。${t('public.noResultsHint')}`} />,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: results.data.total,
            showSizeChanger: false,
            onChange: (next) => setParams({ name, page: String(next) }),
          }}
          columns={[
            {
              title: t('public.column.name'),
              dataIndex: 'name',
              render: (value: string, hit) => <Link to={`/public/subjects/${hit.code}`}>{value}</Link>,
            },
            { title: t('public.column.code'), dataIndex: 'code' },
            { title: t('public.column.records'), dataIndex: 'publishedRecords', align: 'right' },
            { title: t('public.column.commitments'), dataIndex: 'publicCommitments', align: 'right' },
          ]}
        />
      )}
    </Space>
  );
}
