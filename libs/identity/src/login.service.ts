import { Injectable } from '@nestjs/common';
import { Clock, Database } from '@credence/shared';
import type { Actor } from './actor';
import { accountByUsername, toActor } from './account.store';
import { InvalidCredentialsError } from './identity.errors';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher.service';
import { TokenService } from './token.service';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: Actor;
}

/**
 * Password login. Every attempt is first reserved in the shared attempt counters (LoginThrottle: per username and
 * source address, per username, atomically, before any hash is checked), then checked. Known and unknown
 * usernames go through the same steps — the same counters, one argon2 verification each (a dummy hash for
 * unknown names), the same answers — so neither status, body nor timing tells which names exist.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly db: Database,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
  ) {}

  /** `source` is the client's address (the counters' per-source key). */
  async login(username: string, password: string, source: string): Promise<LoginResult> {
    await this.throttle.reserve(username, source, this.clock.now());
    const row = await accountByUsername(this.db, username);
    const valid = row
      ? await this.hasher.verify(row.password_hash, password)
      : await this.hasher.burn(password);
    // A deactivated account answers like a wrong password: nothing to learn about it from outside.
    if (!row || !valid || !row.active) throw new InvalidCredentialsError();

    await this.throttle.succeeded(username, source);
    const user = toActor(row);
    return {
      accessToken: await this.tokens.issue(user),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      user,
    };
  }
}
