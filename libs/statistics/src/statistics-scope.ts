import { type Database, NotFoundError, type SqlWhere, type BilingualText } from '@credence/shared';
import { canSeeAuthority, visibilityFilter, type ActorScope } from '@credence/identity';

/**
 * Whose figures: the caller's visible authorities (identity policy: an admin or a national auditor everything, an
 * auditor bound to an authority its GB/T 2260 subtree, a senior reviewer its own authority), narrowed to the
 * requested authority with everything under it. `root` is where a drill-down starts: its children are the groups.
 */
export interface StatisticsScope {
  actor: ActorScope;
  /** The authority the figures are rolled up to; null: the whole country. */
  root: { code: string; path: string; name: BilingualText } | null;
}

/** Resolves the requested authority; one the caller may not see is as unknown as one that does not exist (404). */
export async function resolveScope(
  db: Database,
  actor: ActorScope,
  authority: string | undefined,
): Promise<StatisticsScope> {
  const code = authority ?? defaultRoot(actor);
  if (!code) return { actor, root: null };
  const { rows } = await db.query<{ code: string; path: string; name_zh: string; name_en: string }>(
    `SELECT code, path, name_zh, name_en FROM authorities WHERE code = $1`,
    [code],
  );
  const found = rows[0];
  if (!found || !canSeeAuthority(actor, found.code, found.path))
    throw new NotFoundError({ zh: '单位', en: 'Authority' }, { authority: code });
  return {
    actor,
    root: { code: found.code, path: found.path, name: { zh: found.name_zh, en: found.name_en } },
  };
}

/** Staff bound to an authority start from it; admins and national auditors from the country. */
function defaultRoot(actor: ActorScope): string | null {
  if (actor.role === 'admin') return null;
  if (actor.role === 'auditor' && actor.authorityCode === null) return null;
  return actor.authorityCode;
}

/** Adds the scope's conditions on `alias.authority_path` (and the caller's visibility) to a WHERE clause. */
export function addScope(where: SqlWhere, scope: StatisticsScope, alias: string): SqlWhere {
  if (scope.root) {
    // Paths hold only digits and '/': the prefix needs no escaping and the text_pattern_ops index ranges over it.
    where.add(`(${alias}.authority_path = ? OR ${alias}.authority_path LIKE ? || '/%')`, scope.root.path);
  }
  const visible = visibilityFilter(scope.actor, alias, where.params.length);
  return where.raw(visible);
}

/**
 * The group a row falls in when drilling down: the authority directly under the root on the row's path (the
 * root itself for its own cases).
 */
export function childAuthority(scope: StatisticsScope, alias: string): string {
  if (!scope.root) return `split_part(${alias}.authority_path, '/', 1)`;
  const depth = scope.root.path.split('/').length;
  return `coalesce(nullif(split_part(${alias}.authority_path, '/', ${depth + 1}), ''), '${scope.root.code}')`;
}
