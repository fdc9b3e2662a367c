import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditTrailModule } from '@credence/audit';
import { AuthorityPolicies, AuthorityPoliciesModule } from '@credence/authority-policies';
import { CreditRecordsModule } from '@credence/credit-records';
import { IdentityModule } from '@credence/identity';
import { MaterialsModule } from '@credence/materials';
import { CaseTypeRegistry, ReactionRunner } from '@credence/workflow';
import { FileObjectionHandler } from './file-objection';
import { objectionCaseType } from './objection.case-type';
import { ObjectionQueries } from './objection-queries';
import { objectionRecordEffects } from './objection-reactions';

/** The objection workflow (异议处理): its case type, command handlers, queries and the reaction on the record. */
@Module({
  imports: [AuditTrailModule, AuthorityPoliciesModule, CreditRecordsModule, IdentityModule, MaterialsModule],
  providers: [FileObjectionHandler, ObjectionQueries],
  exports: [ObjectionQueries],
})
export class ObjectionsModule implements OnModuleInit {
  constructor(
    private readonly registry: CaseTypeRegistry,
    private readonly reactions: ReactionRunner,
    private readonly policies: AuthorityPolicies,
  ) {}

  onModuleInit(): void {
    this.registry.register(objectionCaseType);
    this.reactions.register(objectionRecordEffects(this.policies));
  }
}
