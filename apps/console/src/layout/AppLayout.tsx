import { Button, Layout, Segmented, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/language';
import type { Language } from '../i18n/language-store';
import type { MessageKey } from '../i18n/messages';
import { InboxButton } from './InboxButton';

const { Header, Content } = Layout;

/** Whom the statistics endpoints admit (apps/api/src/statistics): they get the dashboard in the header. */
const STATISTICS_ROLES: readonly string[] = ['auditor', 'admin', 'senior_reviewer'];

/** Header (product, public query, language, account, sign out) over the page. Every page renders inside it. */
export function AppLayout({ children }: { children?: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { session, signOut } = useAuth();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          paddingInline: 24,
          background: '#001529',
          flexWrap: 'wrap',
          height: 'auto',
          minHeight: 64,
        }}
      >
        <Link to="/" style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Link>
        {session && STATISTICS_ROLES.includes(session.user.role) && (
          <nav aria-label={t('dashboard.nav')}>
            <Link to="/dashboard" style={{ color: '#fff' }}>
              {t('dashboard.nav')}
            </Link>
          </nav>
        )}
        <nav aria-label={t('app.publicQuery')} style={{ flex: 1 }}>
          <Link to="/public" style={{ color: '#fff' }}>
            {t('app.publicQuery')}
          </Link>
        </nav>
        <Space size="middle" wrap>
          <Segmented<Language>
            aria-label={t('app.language')}
            value={language}
            onChange={setLanguage}
            options={[
              { value: 'zh', label: <span lang="zh-CN">中文</span> },
              { value: 'en', label: <span lang="en">English</span> },
            ]}
          />
          {session && (
            <>
              <InboxButton />
              <Typography.Text style={{ color: '#fff' }} aria-label={t('app.account')}>
                {session.user.displayName}（{t(`role.${session.user.role}` as MessageKey)}）
              </Typography.Text>
              <Button onClick={() => signOut()}>{t('app.signOut')}</Button>
            </>
          )}
        </Space>
      </Header>
      {/* antd's Content is the page's <main> landmark. */}
      <Content
        id="main"
        tabIndex={-1}
        style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}
      >
        {children ?? <Outlet />}
      </Content>
    </Layout>
  );
}
