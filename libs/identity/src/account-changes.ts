import type { Sql } from '@credence/shared';

/** What happened to an account (the change kinds of `account_changes`). */
export type AccountChangeKind =
  'created' | 'deactivated' | 'activated' | 'related-declared' | 'related-withdrawn';

/** Who made a change: an account, or the system (`cli`, `demo-seed`, `migration`) with role `system`. */
export interface ChangedBy {
  id: string;
  role: string;
}

/** The CLI and the demo seed create accounts outside any request: they sign the change as the system. */
export const SYSTEM_CHANGES = {
  cli: { id: 'cli', role: 'system' },
  demoSeed: { id: 'demo-seed', role: 'system' },
} as const satisfies Record<string, ChangedBy>;

export interface AccountChange {
  id: number;
  change: AccountChangeKind;
  details: Record<string, unknown>;
  actorId: string;
  actorRole: string;
  /** The actor's display name when the actor is an account; null for the system. */
  actorName: string | null;
  changedAt: string;
}

/** Appends one change; call it in the statement's transaction so the change and its record commit together. */
export async function recordAccountChange(
  sql: Sql,
  accountId: string,
  change: AccountChangeKind,
  details: Record<string, unknown>,
  by: ChangedBy,
  at: Date,
): Promise<void> {
  await sql.query(
    `INSERT INTO account_changes (account_id, change, details, actor_id, actor_role, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [accountId, change, JSON.stringify(details), by.id, by.role, at],
  );
}

/** Every change of an account, oldest first, with the names of the accounts that made them. */
export async function accountChanges(sql: Sql, accountId: string): Promise<AccountChange[]> {
  const { rows } = await sql.query<{
    id: string;
    change: AccountChangeKind;
    details: Record<string, unknown>;
    actor_id: string;
    actor_role: string;
    actor_name: string | null;
    changed_at: Date;
  }>(
    `SELECT c.id, c.change, c.details, c.actor_id, c.actor_role, a.display_name AS actor_name, c.changed_at
       FROM account_changes c LEFT JOIN accounts a ON a.id::text = c.actor_id
      WHERE c.account_id = $1 ORDER BY c.id`,
    [accountId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    change: r.change,
    details: r.details,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorName: r.actor_name,
    changedAt: r.changed_at.toISOString(),
  }));
}
