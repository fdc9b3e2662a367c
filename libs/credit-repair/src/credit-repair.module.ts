import { IdentityModule } from '@credence/identity';
import { Module, type OnModuleInit } from '@nestjs/common';
import { CreditRecordsModule } from '@credence/credit-records';
import { CommitmentsModule } from '@credence/commitments';
import { MaterialsModule } from '@credence/materials';
import { CaseTypeRegistry, ReactionRunner } from '@credence/workflow';
import { repairCaseType } from './repair.case-type';
import { CreateRepairApplicationHandler } from './repair-commands';
import { RepairFacts } from './repair-facts';
import { RepairQueries } from './repair-queries';
import { RepairCommitmentBreachRevokes, RepairCommitmentFollowsApplication } from './repair-commitment-link';
import { RepairReactions } from './repair-reactions';

/**
 * Credit repair (信用修复): the application workflow, its eligibility facts, queries, effects on the record, and the
 * link to its repair commitment (made within the application, in force on approval, its breach revoking the repair).
 */
@Module({
  imports: [IdentityModule, CreditRecordsModule, MaterialsModule, CommitmentsModule],
  providers: [
    RepairFacts,
    RepairQueries,
    RepairReactions,
    RepairCommitmentFollowsApplication,
    RepairCommitmentBreachRevokes,
    CreateRepairApplicationHandler,
  ],
  exports: [RepairQueries],
})
export class CreditRepairModule implements OnModuleInit {
  constructor(
    private readonly registry: CaseTypeRegistry,
    private readonly reactions: ReactionRunner,
    private readonly effects: RepairReactions,
    private readonly commitmentFollows: RepairCommitmentFollowsApplication,
    private readonly breachRevokes: RepairCommitmentBreachRevokes,
  ) {}

  onModuleInit(): void {
    this.registry.register(repairCaseType);
    for (const reaction of [this.effects, this.commitmentFollows, this.breachRevokes])
      this.reactions.register(reaction);
  }
}
