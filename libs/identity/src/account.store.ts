import type { Sql } from '@credence/shared';
import type { Actor, Role, SubjectType } from './actor';

export interface AccountRow {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  authority_code: string | null;
  authority_path: string | null;
  subject_type: SubjectType | null;
  subject_code: string | null;
  subject_name: string | null;
  active: boolean;
  created_at: Date;
  /** Subjects the account is declared related to (回避): it abstains from their cases. Announced like any change. */
  related_subjects: string[];
}

const SELECT = `
  SELECT a.id, a.username, a.password_hash, a.display_name, a.role, a.authority_code, au.path AS authority_path,
         a.subject_type, a.subject_code, a.subject_name, a.active, a.created_at,
         ARRAY(SELECT r.subject_code FROM related_parties r WHERE r.account_id = a.id ORDER BY 1) AS related_subjects
    FROM accounts a LEFT JOIN authorities au ON au.code = a.authority_code`;

export function toActor(row: AccountRow): Actor {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    authorityCode: row.authority_code,
    authorityPath: row.authority_path,
    subjectCode: row.subject_code,
    displayName: row.display_name,
  };
}

export async function accountById(sql: Sql, id: string): Promise<AccountRow | null> {
  const { rows } = await sql.query<AccountRow>(`${SELECT} WHERE a.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function accountByUsername(sql: Sql, username: string): Promise<AccountRow | null> {
  const { rows } = await sql.query<AccountRow>(`${SELECT} WHERE lower(a.username) = lower($1)`, [username]);
  return rows[0] ?? null;
}

export async function listAccounts(sql: Sql, limit: number, offset: number): Promise<AccountRow[]> {
  const { rows } = await sql.query<AccountRow>(`${SELECT} ORDER BY lower(a.username) LIMIT $1 OFFSET $2`, [
    limit,
    offset,
  ]);
  return rows;
}

export async function countAccounts(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ n: string }>('SELECT count(*) AS n FROM accounts');
  return Number(rows[0]?.n ?? 0);
}
