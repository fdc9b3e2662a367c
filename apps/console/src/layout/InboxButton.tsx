import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/language';
import { formatDateTime } from '../time/beijing';
import { INBOX_POLL_MS, pageOfNotification } from './inbox-address';

/**
 * The signed-in person's messages (GET /api/v1/inbox): an unread badge in the header, polled every 30 s and when the
 * window regains focus, and a drawer listing them with mark read / read all. Titles come in the chosen language.
 */
export function InboxButton() {
  const { t, language } = useI18n();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const acceptLanguage = language === 'en' ? 'en' : 'zh-CN';
  const inbox = useQuery({
    queryKey: ['inbox', language],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/inbox', {
          params: { query: { pageSize: 50 }, header: { 'accept-language': acceptLanguage } },
        }),
      ),
    refetchInterval: INBOX_POLL_MS,
    refetchOnWindowFocus: true,
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ['inbox'] });
  const markRead = useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/inbox/{id}/read', {
          params: { path: { id }, header: { 'accept-language': acceptLanguage } },
        }),
      ),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/inbox/read-all')),
    onSuccess: refresh,
  });
  const unread = inbox.data?.unreadCount ?? 0;
  const label = t('inbox.button', { count: unread });

  return (
    <>
      {/* The header's 64px line height would push the badge's number out of its circle. */}
      <Badge count={unread} overflowCount={99} color="#a8071a" style={{ lineHeight: '20px' }}>
        <Button aria-label={label} aria-haspopup="dialog" onClick={() => setOpen(true)}>
          {t('inbox.title')}
        </Button>
      </Badge>
      <Drawer
        title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('inbox.title')}</h2>}
        open={open}
        onClose={() => setOpen(false)}
        size={440}
        extra={
          <Button disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('inbox.markAll')}
          </Button>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('inbox.unread', { count: unread })}</Typography.Text>
          <ProblemAlert error={inbox.error ?? markRead.error ?? markAll.error} />
          <List
            loading={inbox.isLoading}
            locale={{ emptyText: t('inbox.empty') }}
            dataSource={inbox.data?.items ?? []}
            renderItem={(n) => {
              const page = pageOfNotification(n);
              return (
                <List.Item key={n.id}>
                  <article style={{ width: '100%' }} aria-label={n.title}>
                    <Space wrap>
                      {!n.readAt && <Tag color="#a8071a">{t('inbox.new')}</Tag>}
                      <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    </Space>
                    <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-line' }}>
                      {n.body}
                    </Typography.Paragraph>
                    <Space wrap>
                      <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                      {page && (
                        <Button
                          type="link"
                          style={{ paddingInline: 0, textDecoration: 'underline' }}
                          onClick={() => {
                            if (!n.readAt) markRead.mutate(n.id);
                            setOpen(false);
                            void navigate(page);
                          }}
                        >
                          {t('inbox.openCase')}
                        </Button>
                      )}
                      {!n.readAt && (
                        <Button size="small" onClick={() => markRead.mutate(n.id)}>
                          {t('inbox.markRead')}
                        </Button>
                      )}
                    </Space>
                  </article>
                </List.Item>
              );
            }}
          />
        </Space>
      </Drawer>
    </>
  );
}
