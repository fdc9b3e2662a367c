import { Route, Routes } from 'react-router-dom';
import { RequireRole } from './auth/auth';
import { AppLayout } from './layout/AppLayout';
import { CasePage } from './pages/case/CasePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { ObjectionWizardPage } from './pages/portal/ObjectionWizardPage';
import { PortalPage } from './pages/portal/PortalPage';
import { RepairWizardPage } from './pages/portal/RepairWizardPage';
import { PublicSearchPage } from './pages/public/PublicSearchPage';
import { SubjectPage } from './pages/public/SubjectPage';
import { SignInPage } from './pages/SignInPage';
import { WorkbenchPage } from './pages/workbench/WorkbenchPage';

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
              <PlaceholderPage
                title="placeholder.audit"
                routes={[
                  'GET /api/v1/audit/cases/{id}/trail',
                  'GET /api/v1/audit/decisions',
                  'GET /api/v1/audit/access-log',
                  'GET /api/v1/audit/evidence',
                ]}
              />
            </RequireRole>
          }
        />
        <Route
          path="admin/*"
          element={
            <RequireRole roles={['admin']}>
              <PlaceholderPage
                title="placeholder.admin"
                routes={[
                  'GET /api/v1/accounts',
                  'GET /api/v1/authorities',
                  'GET /api/v1/rule-sets',
                  'POST /api/v1/calendar/schedules',
                  'POST /api/v1/time-limits',
                ]}
              />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
