import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Database, Env } from '@credence/shared';
import { updateAccountsAnnounced } from './account-cache';
import { DEMO_ACCOUNTS } from './demo-seed';
import { PasswordHasher } from './password-hasher.service';

/** The password every demo account was seeded with unless DEMO_PASSWORD said otherwise. */
const DEFAULT_DEMO_PASSWORD = new Env().DEMO_PASSWORD;

/**
 * Production never keeps a demo login. A database seeded by a development start carries the demo accounts with a
 * password printed in the README; at every production start, each account bearing a demo username whose password
 * is still the demo password (the default, or DEMO_PASSWORD) is deactivated — its logins and tokens stop working —
 * and a warning names them. An operator who gave such an account a password of its own keeps it. The rule holds
 * in every process (idempotent: only active accounts are checked and updated).
 */
@Injectable()
export class DemoAccountsRetired implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoAccounts');

  constructor(
    private readonly db: Database,
    private readonly hasher: PasswordHasher,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.isProduction) return;
    const retired = await this.retire();
    if (retired.length > 0)
      this.logger.warn(
        `Demo accounts with the demo password were deactivated in production (生产环境已停用演示账号): ${retired.join(', ')}. ` +
          'Create real accounts with `credence accounts create-admin`.',
      );
  }

  /** Deactivates the demo accounts still holding a demo password; returns their usernames. */
  async retire(): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string; username: string; password_hash: string }>(
      `SELECT id::text, username, password_hash FROM accounts WHERE active AND username = ANY($1::text[])`,
      [DEMO_ACCOUNTS.map((a) => a.username)],
    );
    const passwords = [...new Set([DEFAULT_DEMO_PASSWORD, this.env.DEMO_PASSWORD])];
    const retired: string[] = [];
    for (const row of rows) {
      let demo = false;
      for (const password of passwords) demo ||= await this.hasher.verify(row.password_hash, password);
      if (!demo) continue;
      await updateAccountsAnnounced(
        this.db,
        `UPDATE accounts SET active = false WHERE id = $1::uuid AND active RETURNING id`,
        [row.id],
      );
      retired.push(row.username);
    }
    return retired;
  }
}
