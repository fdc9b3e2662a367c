import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { RateLimitStoreModule } from '@credence/shared';
import { AccountCache } from './account-cache';
import { AccountService } from './account.service';
import { AuthGuard } from './auth.guard';
import { AuthorityService } from './authority.service';
import { DemoAccountsRetired } from './demo-accounts-retired';
import { LoginService } from './login.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher.service';
import { PolicyService } from './policy.service';
import { TokenService } from './token.service';

const SERVICES = [
  PasswordHasher,
  TokenService,
  AccountService,
  AccountCache,
  AuthorityService,
  LoginService,
  LoginThrottle,
  PolicyService,
  AuthGuard,
];

/**
 * Accounts, authorities, login and the policy facts. The application registers AuthGuard as the global APP_GUARD.
 * JwtModule gets no options here: TokenService passes the secret and TTL from Env on every call.
 */
@Module({
  imports: [JwtModule.register({}), RateLimitStoreModule],
  providers: [...SERVICES, DemoAccountsRetired],
  exports: SERVICES,
})
export class IdentityModule {}
