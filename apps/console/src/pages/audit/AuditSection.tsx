import { Menu } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from '../../i18n/language';
import { NotFoundPage } from '../NotFoundPage';
import { AccessLogPage } from './AccessLogPage';
import { CaseTrailPage } from './CaseTrailPage';
import { DecisionSearchPage } from './DecisionSearchPage';
import { IntegrityPage } from './IntegrityPage';

/** Which tab an address belongs to: a case's trail is reached from the decision search. */
function sectionOf(pathname: string): string {
  if (pathname.startsWith('/audit/integrity')) return 'integrity';
  if (pathname.startsWith('/audit/access-log')) return 'access-log';
  return 'decisions';
}

/**
 * `/audit/*`, where auditors land: the decision search (and each case's trail from it), integrity (checkpoints,
 * verification, evidence bundles) and the access log, under one navigation.
 */
export function AuditSection() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <>
      <nav aria-label={t('audit.nav')} style={{ marginBottom: 16 }}>
        <Menu
          mode="horizontal"
          selectedKeys={[sectionOf(pathname)]}
          style={{ background: 'transparent' }}
          items={[
            { key: 'decisions', label: <Link to="/audit">{t('audit.nav.decisions')}</Link> },
            { key: 'integrity', label: <Link to="/audit/integrity">{t('audit.nav.integrity')}</Link> },
            { key: 'access-log', label: <Link to="/audit/access-log">{t('audit.nav.accessLog')}</Link> },
          ]}
        />
      </nav>
      <Routes>
        <Route index element={<DecisionSearchPage />} />
        <Route path="cases/:id" element={<CaseTrailPage />} />
        <Route path="integrity" element={<IntegrityPage />} />
        <Route path="access-log" element={<AccessLogPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
