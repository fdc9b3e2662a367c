import type { Actor } from './actor';

/**
 * The one place that decides who sees what. Pure functions, so every workflow (and its list queries) applies the
 * same rule. Callers turn "may not see" into 404, never 403: a user must not learn that a case exists.
 */

/** The part of an actor that decides scope (a workflow actor has it too). */
export type ActorScope = Pick<Actor, 'role' | 'authorityCode' | 'authorityPath' | 'subjectCode'>;

/** What a case or record carries to decide visibility. */
export interface Ownership {
  authorityCode: string;
  authorityPath: string;
  subjectCode: string;
}

/** `path` is `ancestor` itself or lies under it. Paths are `/`-joined 6-digit codes, so a prefix test is exact. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** Staff visibility of an authority's business: own authority, an auditor's subtree, or all for admins. */
export function canSeeAuthority(actor: ActorScope, authorityCode: string, authorityPath: string): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'officer':
    case 'senior_reviewer':
      return actor.authorityCode !== null && actor.authorityCode === authorityCode;
    case 'auditor':
      if (actor.authorityCode === null) return true;
      return actor.authorityPath !== null && isWithin(authorityPath, actor.authorityPath);
    case 'applicant':
      return false;
  }
}

/** Applicants see only their own subject's cases; staff see by authority. */
export function canSeeCase(actor: ActorScope, owner: Ownership): boolean {
  if (actor.role === 'applicant')
    return actor.subjectCode !== null && actor.subjectCode === owner.subjectCode;
  return canSeeAuthority(actor, owner.authorityCode, owner.authorityPath);
}

/** May act (accept, review, decide) on behalf of this authority: its own officers and senior reviewers, or an admin. */
export function actsForAuthority(actor: ActorScope, authorityCode: string): boolean {
  if (actor.role === 'admin') return true;
  return (
    (actor.role === 'officer' || actor.role === 'senior_reviewer') &&
    actor.authorityCode !== null &&
    actor.authorityCode === authorityCode
  );
}

export interface SqlFilter {
  sql: string;
  params: unknown[];
}

const ALIAS = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The same rule as `canSeeCase`, as a WHERE fragment over `authority_code`, `authority_path` and `subject_code`,
 * so lists are filtered (and paginated) in the database. `paramOffset` is the number of `$n` placeholders the
 * caller already uses: the fragment's first placeholder is `$(paramOffset + 1)`.
 */
export function visibilityFilter(actor: ActorScope, alias: string, paramOffset = 0): SqlFilter {
  if (alias !== '' && !ALIAS.test(alias)) throw new Error(`visibilityFilter: invalid alias ${alias}`);
  const col = (name: string) => (alias === '' ? name : `${alias}.${name}`);
  const $ = (n: number) => `$${paramOffset + n}`;
  switch (actor.role) {
    case 'admin':
      return { sql: 'TRUE', params: [] };
    case 'officer':
    case 'senior_reviewer':
      if (actor.authorityCode === null) return { sql: 'FALSE', params: [] };
      return { sql: `${col('authority_code')} = ${$(1)}`, params: [actor.authorityCode] };
    case 'auditor':
      if (actor.authorityCode === null) return { sql: 'TRUE', params: [] };
      if (actor.authorityPath === null) return { sql: 'FALSE', params: [] };
      // Paths hold only digits and '/', so the LIKE pattern needs no escaping; text_pattern_ops indexes serve it.
      return {
        sql: `(${col('authority_path')} = ${$(1)} OR ${col('authority_path')} LIKE ${$(2)})`,
        params: [actor.authorityPath, `${actor.authorityPath}/%`],
      };
    case 'applicant':
      if (actor.subjectCode === null) return { sql: 'FALSE', params: [] };
      return { sql: `${col('subject_code')} = ${$(1)}`, params: [actor.subjectCode] };
  }
}
