import type { Sql } from '@credence/shared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Display names of the accounts among `ids` (the system actor and unknown ids have none). */
export async function displayNames(sql: Sql, ids: Iterable<string>): Promise<Map<string, string>> {
  const accounts = [...new Set(ids)].filter(isUuid);
  if (accounts.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; display_name: string }>(
    'SELECT id::text AS id, display_name FROM accounts WHERE id = ANY($1::uuid[])',
    [accounts],
  );
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The path of an authority (`320000/320800/320830`), or null when there is no such authority. */
export async function authorityPathOf(sql: Sql, code: string): Promise<string | null> {
  const { rows } = await sql.query<{ path: string }>('SELECT path FROM authorities WHERE code = $1', [code]);
  return rows[0]?.path ?? null;
}
