import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireRole } from './auth/auth';
import { AdminPage } from './pages/admin/AdminPage';
import { AppLayout } from './layout/AppLayout';
import { AuditSection } from './pages/audit/AuditSection';
import { CasePage } from './pages/case/CasePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ObjectionWizardPage } from './pages/portal/ObjectionWizardPage';
import { PortalPage } from './pages/portal/PortalPage';
import { RepairWizardPage } from './pages/portal/RepairWizardPage';
import { PublicSearchPage } from './pages/public/PublicSearchPage';
import { SubjectPage } from './pages/public/SubjectPage';
import { SignInPage } from './pages/SignInPage';
import { WorkbenchPage } from './pages/workbench/WorkbenchPage';

// The dashboard brings ECharts: loaded when first opened, so no other page waits for it.
const DashboardSection = lazy(() =>
  import('./pages/dashboard/DashboardSection').then((m) => ({ default: m.DashboardSection })),
);

/*
 * Every address of the console. Addresses are for people: bookmarkable and shareable, so whatever a page shows
 * (a case, a filter, a page number) is in its path or query string. Add a page here, inside RequireRole for the
 * roles that may open it; the API still decides what each account may read (404 for another's case).
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<SignInPage />} />
        <Route path="public" element={<PublicSearchPage />} />
        <Route path="public/subjects/:code" element={<SubjectPage />} />
        <Route
          path="portal"
          element={
            <RequireRole roles={['applicant']}>
              <PortalPage />
            </RequireRole>
          }
        />
        <Route
          path="portal/repairs/new"
          element={
            <RequireRole roles={['applicant']}>
              <RepairWizardPage />
            </RequireRole>
          }
        />
        <Route
          path="portal/objections/new"
          element={
            <RequireRole roles={['applicant']}>
              <ObjectionWizardPage />
            </RequireRole>
          }
        />
        <Route
          path="workbench/*"
          element={
            <RequireRole roles={['officer', 'senior_reviewer']}>
              <WorkbenchPage />
            </RequireRole>
          }
        />
        <Route
          path="cases/:id"
          element={
            <RequireRole>
              <CasePage />
            </RequireRole>
          }
        />
        <Route
          path="audit/*"
          element={
            <RequireRole roles={['auditor', 'admin']}>
              <AuditSection />
            </RequireRole>
          }
        />
        <Route
          path="dashboard/*"
          element={
            // Whom GET /api/v1/statistics/… admits: senior reviewers answer for their authority's time limits.
            <RequireRole roles={['auditor', 'admin', 'senior_reviewer']}>
              <Suspense fallback={null}>
                <DashboardSection />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="admin/*"
          element={
            <RequireRole roles={['admin']}>
              <AdminPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
