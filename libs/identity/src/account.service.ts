import { Injectable } from '@nestjs/common';
import {
  Clock,
  Database,
  InvalidInputError,
  isUniqueViolation,
  NotFoundError,
  uuidv7,
  type Sql,
} from '@credence/shared';
import type { Actor, Role, SubjectType } from './actor';
import { accountShapeErrors, type NewAccount } from './account-shape';
import { AccountCache, updateAccountsAnnounced } from './account-cache';
import { accountChanges, recordAccountChange, type AccountChange, type ChangedBy } from './account-changes';
import { accountById, listAccounts, type AccountRow } from './account.store';
import { CannotDeactivateSelfError, UnknownAuthorityError, UsernameTakenError } from './identity.errors';
import { PasswordHasher } from './password-hasher.service';

/** An account as admins see it: never the password hash. */
export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  authorityCode: string | null;
  authorityPath: string | null;
  subjectType: SubjectType | null;
  subjectCode: string | null;
  subjectName: string | null;
  active: boolean;
  createdAt: string;
}

export function toAccountView(row: AccountRow): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    authorityCode: row.authority_code,
    authorityPath: row.authority_path,
    subjectType: row.subject_type,
    subjectCode: row.subject_code,
    subjectName: row.subject_name,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Creates an account and records who created it (one statement: both or neither); used by the admin API, the CLI's
 * first administrator and the demo seed (which run outside Nest).
 */
export async function createAccount(
  sql: Sql,
  hasher: PasswordHasher,
  input: NewAccount,
  now: Date,
  by: ChangedBy,
): Promise<string> {
  const shapeErrors = accountShapeErrors(input);
  if (shapeErrors.length > 0) throw new InvalidInputError(shapeErrors);
  if (input.authorityCode) {
    const { rowCount } = await sql.query('SELECT 1 FROM authorities WHERE code = $1', [input.authorityCode]);
    if (rowCount === 0) throw new UnknownAuthorityError('authorityCode', input.authorityCode);
  }
  const id = uuidv7(now);
  const passwordHash = await hasher.hash(input.password);
  try {
    await sql.query(
      `WITH created AS (
         INSERT INTO accounts (id, username, password_hash, display_name, role, authority_code,
                               subject_type, subject_code, subject_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id)
       INSERT INTO account_changes (account_id, change, details, actor_id, actor_role, changed_at)
       SELECT id, 'created', $11, $12, $13, $10 FROM created`,
      [
        id,
        input.username,
        passwordHash,
        input.displayName,
        input.role,
        input.authorityCode ?? null,
        input.subjectType ?? null,
        input.subjectCode ?? null,
        input.subjectName ?? null,
        now,
        JSON.stringify({
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          authorityCode: input.authorityCode ?? null,
          subjectType: input.subjectType ?? null,
          subjectCode: input.subjectCode ?? null,
          subjectName: input.subjectName ?? null,
        }),
        by.id,
        by.role,
      ],
    );
  } catch (error) {
    if (isUniqueViolation(error, 'accounts_username_key')) throw new UsernameTakenError(input.username);
    throw error;
  }
  return id;
}

@Injectable()
export class AccountService {
  constructor(
    private readonly db: Database,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly accounts: AccountCache,
  ) {}

  async create(input: NewAccount, by: Actor): Promise<AccountView> {
    const id = await createAccount(this.db, this.hasher, input, this.clock.now(), by);
    const row = await accountById(this.db, id);
    if (!row) throw new Error(`account ${id} vanished after insert`);
    return toAccountView(row);
  }

  async list(limit: number, offset: number): Promise<AccountView[]> {
    return (await listAccounts(this.db, limit, offset)).map(toAccountView);
  }

  /**
   * Deactivation takes effect on the account's next request: the change is announced in its own statement and
   * this process drops the cached account before answering (AccountCache).
   */
  async setActive(id: string, active: boolean, by: Actor): Promise<AccountView> {
    if (!active && id === by.id) throw new CannotDeactivateSelfError();
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ active: boolean }>(
        'SELECT active FROM accounts WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!rows[0]) throw new NotFoundError({ zh: '账号', en: 'Account' }, { accountId: id });
      if (rows[0].active === active) return; // already so: nothing changes, nothing to record
      await updateAccountsAnnounced(tx, 'UPDATE accounts SET active = $2 WHERE id = $1 RETURNING id', [
        id,
        active,
      ]);
      await recordAccountChange(tx, id, active ? 'activated' : 'deactivated', {}, by, this.clock.now());
    });
    this.accounts.invalidate(id);
    return toAccountView((await accountById(this.db, id))!);
  }

  /** Who created, deactivated, activated the account and declared or withdrew its related subjects (oldest first). */
  async history(id: string, reader: Actor): Promise<AccountChange[]> {
    const account = await accountById(this.db, id);
    if (!account || !mayReadAccount(reader, account))
      throw new NotFoundError({ zh: '账号', en: 'Account' }, { accountId: id });
    return accountChanges(this.db, id);
  }
}

/**
 * Admins and national auditors read every account's history; an auditor bound to an authority reads the accounts of
 * its subtree only (others answer 404, as if they did not exist).
 */
function mayReadAccount(reader: Actor, account: AccountRow): boolean {
  if (reader.role === 'admin' || reader.authorityPath === null) return true;
  const path = account.authority_path;
  return path !== null && (path === reader.authorityPath || path.startsWith(`${reader.authorityPath}/`));
}
