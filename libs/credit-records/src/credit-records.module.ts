import { Module, type OnModuleInit } from '@nestjs/common';
import { CaseTypeRegistry } from '@credence/workflow';
import { creditRecordCaseType } from './credit-record.case-type';
import { CreditRecordQueries } from './credit-record-queries';
import { RegisterCreditRecordHandler } from './register-credit-record';
import { RuleSets } from './rule-sets';

/** The credit-record registry: the first workflow on the engine. */
@Module({
  providers: [RuleSets, CreditRecordQueries, RegisterCreditRecordHandler],
  exports: [RuleSets, CreditRecordQueries],
})
export class CreditRecordsModule implements OnModuleInit {
  constructor(private readonly registry: CaseTypeRegistry) {}

  onModuleInit(): void {
    this.registry.register(creditRecordCaseType);
  }
}
