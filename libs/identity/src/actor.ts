/** The five kinds of user (DOMAIN.md §1). The public and the system are not accounts. */
export const ROLES = ['applicant', 'officer', 'senior_reviewer', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work for an authority (or oversee them): everyone but applicants. */
export const STAFF_ROLES = [
  'officer',
  'senior_reviewer',
  'auditor',
  'admin',
] as const satisfies readonly Role[];

export { SUBJECT_TYPES, subjectCodeKind, type SubjectType } from '@credence/shared';

export const AUTHORITY_LEVELS = ['province', 'city', 'county'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

/**
 * The logged-in user as every workflow sees it (`req.user`). Structurally a workflow actor.
 * `authorityPath` (e.g. `320000/320800/320830`) lets an auditor's subtree be checked without a query.
 */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  authorityCode: string | null;
  authorityPath: string | null;
  subjectCode: string | null;
  displayName: string;
}
