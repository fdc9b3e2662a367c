import { IdentityModule } from '@credence/identity';
import { Module, type OnModuleInit } from '@nestjs/common';
import { CreditRecordsModule } from '@credence/credit-records';
import { MaterialsModule } from '@credence/materials';
import { CaseTypeRegistry, ReactionRunner } from '@credence/workflow';
import { repairCaseType } from './repair.case-type';
import { CreateRepairApplicationHandler, RepairActionHandler } from './repair-commands';
import { RepairFacts } from './repair-facts';
import { RepairQueries } from './repair-queries';
import { RepairReactions } from './repair-reactions';

/** Credit repair (信用修复): the application workflow, its eligibility facts, queries and effects on the record. */
@Module({
  imports: [IdentityModule, CreditRecordsModule, MaterialsModule],
  providers: [
    RepairFacts,
    RepairQueries,
    RepairReactions,
    CreateRepairApplicationHandler,
    RepairActionHandler,
  ],
  exports: [RepairQueries],
})
export class CreditRepairModule implements OnModuleInit {
  constructor(
    private readonly registry: CaseTypeRegistry,
    private readonly reactions: ReactionRunner,
    private readonly effects: RepairReactions,
  ) {}

  onModuleInit(): void {
    this.registry.register(repairCaseType);
    this.reactions.register(this.effects);
  }
}
