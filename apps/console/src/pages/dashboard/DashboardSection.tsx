import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../NotFoundPage';
import { DashboardCasesPage } from './DashboardCasesPage';
import { DashboardPage } from './DashboardPage';

/** `/dashboard/*`: the regulator's figures and, from any of them, the cases behind it. */
export function DashboardSection() {
  return (
    <Routes>
      <Route index element={<DashboardPage />} />
      <Route path="cases" element={<DashboardCasesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
