import { useAuth } from '../../auth/auth';
import { ApplicantCasePage } from './ApplicantCasePage';
import { StaffCasePage } from './StaffCasePage';

/**
 * `/cases/:id`: one address for everyone who works on a case, a page by role — officers and senior reviewers the
 * staff page, applicants their own. The API still decides who may read the case (404 otherwise).
 */
export function CasePage() {
  const { session } = useAuth();
  const role = session?.user.role;
  return role === 'officer' || role === 'senior_reviewer' ? <StaffCasePage /> : <ApplicantCasePage />;
}
