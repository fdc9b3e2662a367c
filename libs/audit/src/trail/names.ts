import type { Sql } from '@credence/shared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Display names of the accounts among `ids` (the system actor and unknown ids have none). Names `known` gives (a
 * process's cache of active accounts, current by notification) are not read again.
 */
export async function displayNames(
  sql: Sql,
  ids: Iterable<string>,
  known: (id: string) => string | null | undefined = () => null,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unknown: string[] = [];
  for (const id of new Set(ids)) {
    if (!isUuid(id)) continue;
    const name = known(id);
    if (name) names.set(id, name);
    else unknown.push(id);
  }
  if (unknown.length === 0) return names;
  const { rows } = await sql.query<{ id: string; display_name: string }>(
    'SELECT id::text AS id, display_name FROM accounts WHERE id = ANY($1::uuid[])',
    [unknown],
  );
  for (const r of rows) names.set(r.id, r.display_name);
  return names;
}

/** The path of an authority (`320000/320800/320830`), or null when there is no such authority. */
export async function authorityPathOf(sql: Sql, code: string): Promise<string | null> {
  const { rows } = await sql.query<{ path: string }>('SELECT path FROM authorities WHERE code = $1', [code]);
  return rows[0]?.path ?? null;
}
