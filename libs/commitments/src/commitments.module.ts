import { IdentityModule } from '@credence/identity';
import { Module, type OnModuleInit } from '@nestjs/common';
import { CreditRecordsModule } from '@credence/credit-records';
import { MaterialsModule } from '@credence/materials';
import { CaseTypeRegistry, ReactionRunner } from '@credence/workflow';
import { commitmentCaseType } from './commitment.case-type';
import { CommitmentFacts } from './commitment-facts';
import { CommitmentQueries } from './commitment-queries';
import { CommitmentBreachReactions } from './commitment-reactions';
import { RepairCommitments } from './repair-commitments';
import { CommitmentSigner, SignCommitmentHandler } from './sign-commitment';
import { SubjectCredit } from './subject-credit';

/**
 * Credit commitments (信用承诺) and the credit-based fast tracks (信易批): the commitment workflow, the grades and
 * list entries it reads, its queries, and the consequences of a breach (the 违诺 record, revocation notices).
 */
@Module({
  imports: [IdentityModule, CreditRecordsModule, MaterialsModule],
  providers: [
    SubjectCredit,
    CommitmentFacts,
    CommitmentQueries,
    CommitmentBreachReactions,
    CommitmentSigner,
    SignCommitmentHandler,
    RepairCommitments,
  ],
  exports: [SubjectCredit, CommitmentFacts, CommitmentQueries, RepairCommitments],
})
export class CommitmentsModule implements OnModuleInit {
  constructor(
    private readonly registry: CaseTypeRegistry,
    private readonly reactions: ReactionRunner,
    private readonly effects: CommitmentBreachReactions,
  ) {}

  onModuleInit(): void {
    this.registry.register(commitmentCaseType);
    this.reactions.register(this.effects);
  }
}
