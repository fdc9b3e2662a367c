import { Card, Menu, Typography } from 'antd';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages';
import { AccountsPage } from './accounts/AccountsPage';
import { CalendarPage } from './calendar/CalendarPage';
import { PlatformsPage } from './platforms/PlatformsPage';
import { PoliciesPage } from './policies/PoliciesPage';
import { RuleSetsPage } from './RuleSetsPage';
import { TimeLimitsPage } from './TimeLimitsPage';

/** The sections of the administration, each at its own address (bookmarkable): `/admin/<path>`. */
const SECTIONS: { path: string; label: MessageKey }[] = [
  { path: 'accounts', label: 'admin.nav.accounts' },
  { path: 'policies', label: 'admin.nav.policies' },
  { path: 'calendar', label: 'admin.nav.calendar' },
  { path: 'time-limits', label: 'admin.nav.timeLimits' },
  { path: 'rule-sets', label: 'admin.nav.ruleSets' },
  { path: 'platforms', label: 'admin.nav.platforms' },
];

/**
 * `/admin/*`: where admins land. Every change goes through the API the CLI and scripts use (no endpoint of the
 * console's own, ADR 0024), and each page shows the versions or change history the API keeps for what it edits.
 */
export function AdminPage() {
  const { t } = useI18n();
  const section = useLocation().pathname.split('/')[2] || 'accounts';
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('admin.title')}
      </Typography.Title>
      <nav aria-label={t('admin.nav.label')}>
        <Menu
          mode="horizontal"
          selectedKeys={[section]}
          style={{ marginBottom: 16 }}
          items={SECTIONS.map(({ path, label }) => ({
            key: path,
            label: <Link to={`/admin/${path}`}>{t(label)}</Link>,
          }))}
        />
      </nav>
      <Routes>
        {/* `/admin` itself, where admins land after signing in, is the accounts page. */}
        <Route index element={<AccountsPage />} />
        <Route path="accounts" element={<AccountsPage />} />
        <Route path="policies" element={<PoliciesPage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="time-limits" element={<TimeLimitsPage />} />
        <Route path="rule-sets" element={<RuleSetsPage />} />
        <Route path="platforms" element={<PlatformsPage />} />
        <Route path="*" element={<Navigate to="accounts" replace />} />
      </Routes>
    </Card>
  );
}
