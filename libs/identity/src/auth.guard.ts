import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Database } from '@credence/shared';
import type { Actor, Role } from './actor';
import { AccountCache } from './account-cache';
import { accountById, toActor } from './account.store';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { ForbiddenRoleError, UnauthenticatedError } from './identity.errors';
import { TokenService } from './token.service';

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: Actor;
}

/**
 * Global guard: every route needs a valid Bearer token unless marked @Public(). The account is the database's, not
 * the token's, so a deactivated account or a changed role/authority takes effect at once, and the auditor's
 * authority path is always current: read per request (one primary-key lookup joined to its authority), or taken
 * from the AccountCache, which drops an account the moment a change to it is announced.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly db: Database,
    private readonly accounts: AccountCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const match =
      typeof header === 'string' ? /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header.trim()) : null;
    if (!match?.[1]) throw new UnauthenticatedError();

    const payload = await this.tokens.verify(match[1]);
    let row = this.accounts.get(payload.sub);
    if (!row) {
      const ticket = this.accounts.ticket();
      row = await accountById(this.db, payload.sub);
      if (!row || !row.active) throw new UnauthenticatedError();
      this.accounts.put(row, ticket);
    }
    req.user = toActor(row);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.user.role)) throw new ForbiddenRoleError(roles);
    return true;
  }
}
