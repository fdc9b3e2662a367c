import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccountService } from './account.service';
import { AuthGuard } from './auth.guard';
import { AuthorityService } from './authority.service';
import { LoginService } from './login.service';
import { PasswordHasher } from './password-hasher.service';
import { PolicyService } from './policy.service';
import { TokenService } from './token.service';

const SERVICES = [
  PasswordHasher,
  TokenService,
  AccountService,
  AuthorityService,
  LoginService,
  PolicyService,
  AuthGuard,
];

/**
 * Accounts, authorities, login and the policy facts. The application registers AuthGuard as the global APP_GUARD.
 * JwtModule gets no options here: TokenService passes the secret and TTL from Env on every call.
 */
@Module({
  imports: [JwtModule.register({})],
  providers: SERVICES,
  exports: SERVICES,
})
export class IdentityModule {}
