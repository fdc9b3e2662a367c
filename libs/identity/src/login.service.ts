import { Injectable } from '@nestjs/common';
import { Clock, Database, Env } from '@credence/shared';
import type { Actor } from './actor';
import { accountByUsername, toActor } from './account.store';
import { AccountLockedError, InvalidCredentialsError } from './identity.errors';
import { PasswordHasher } from './password-hasher.service';
import { TokenService } from './token.service';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: Actor;
}

/**
 * Password login with an account lock against guessing: LOGIN_MAX_FAILURES consecutive failures lock the account
 * for LOGIN_LOCK_MINUTES (business Clock, so tests can move time). During the lock even the right password is
 * refused. Unknown users get the same answer after the same work (a dummy hash check).
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly db: Database,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const row = await accountByUsername(this.db, username);
    if (!row) {
      await this.hasher.burn(password);
      throw new InvalidCredentialsError();
    }
    const now = this.clock.now();
    if (row.locked_until && row.locked_until > now) throw this.locked(row.locked_until, now);

    if (!(await this.hasher.verify(row.password_hash, password))) {
      const lockedUntil = await this.recordFailure(row.id, now);
      if (lockedUntil) throw this.locked(lockedUntil, now);
      throw new InvalidCredentialsError();
    }
    // A deactivated account answers like a wrong password: nothing to learn about it from outside.
    if (!row.active) throw new InvalidCredentialsError();

    await this.db.query('UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1', [row.id]);
    const user = toActor(row);
    return {
      accessToken: await this.tokens.issue(user),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      user,
    };
  }

  /** Counts a failure in one atomic UPDATE (parallel guesses cannot slip past); returns the lock end if it locked. */
  private async recordFailure(id: string, now: Date): Promise<Date | null> {
    const until = new Date(now.getTime() + this.env.LOGIN_LOCK_MINUTES * 60_000);
    const { rows } = await this.db.query<{ locked: boolean }>(
      `UPDATE accounts
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until  = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
        WHERE id = $1
       RETURNING failed_logins = 0 AS locked`,
      [id, this.env.LOGIN_MAX_FAILURES, until],
    );
    return rows[0]?.locked ? until : null;
  }

  private locked(until: Date, now: Date): AccountLockedError {
    return new AccountLockedError(until, Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
  }
}
