import { Global, Module } from '@nestjs/common';
import { AuthorityPolicies } from './authority-policies';

/** Authority settings every workflow reads (four eyes, bans, platforms …), effective-dated rows. */
@Global()
@Module({ providers: [AuthorityPolicies], exports: [AuthorityPolicies] })
export class AuthorityPoliciesModule {}
