import type { components } from '../../../api/schema';

export type AccountView = components['schemas']['AccountDto'];
export type Role = AccountView['role'];

export const ROLES: Role[] = ['applicant', 'officer', 'senior_reviewer', 'auditor', 'admin'];

export interface AccountFilter {
  q: string;
  role?: Role;
}

/** The filter in the address (`?q=…&role=officer`): a search can be bookmarked and shared. */
export function accountFilterOf(params: URLSearchParams): AccountFilter {
  const role = params.get('role') as Role | null;
  return { q: params.get('q')?.trim() ?? '', ...(role && ROLES.includes(role) ? { role } : {}) };
}

export function searchOfFilter(filter: AccountFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.role) params.set('role', filter.role);
  return params;
}

/**
 * The accounts matching the filter: the text in the username, display name, authority or subject (code or name),
 * case-insensitive. The API lists accounts without a search (GET /accounts pages by creation), so the page searches
 * what it read.
 */
export function filterAccounts(accounts: readonly AccountView[], filter: AccountFilter): AccountView[] {
  const needle = filter.q.toLowerCase();
  return accounts.filter(
    (a) =>
      (!filter.role || a.role === filter.role) &&
      (needle === '' ||
        [a.username, a.displayName, a.authorityCode, a.subjectCode, a.subjectName].some((field) =>
          field?.toLowerCase().includes(needle),
        )),
  );
}

/** What each role must carry (libs/identity account-shape.ts): the form asks for exactly these. */
export function roleNeeds(role: Role | undefined): {
  authority: 'required' | 'optional' | 'none';
  subject: boolean;
} {
  switch (role) {
    case 'officer':
    case 'senior_reviewer':
      return { authority: 'required', subject: false };
    case 'auditor':
      return { authority: 'optional', subject: false };
    case 'applicant':
      return { authority: 'none', subject: true };
    case 'admin':
    case undefined:
      return { authority: 'none', subject: false };
  }
}
