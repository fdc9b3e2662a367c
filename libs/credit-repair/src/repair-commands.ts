import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RepairCommitments } from '@credence/commitments';
import { Clock, Database, isUniqueViolation, uuidv7 } from '@credence/shared';
import { CaseEngine, type LoadedCase, type RequestOrigin, type WorkflowActor } from '@credence/workflow';
import type { AttachInput, CommitmentInput } from './repair.actions';
import { REPAIR_APPLICATION } from './repair.case-type';
import { NotEligibleError, OpenApplicationExistsError } from './repair.errors';
import { RepairFacts } from './repair-facts';

export interface CreateRepairInput {
  recordId: string;
  materials?: AttachInput[];
  commitment?: CommitmentInput;
}

export class CreateRepairApplicationCommand extends Command<LoadedCase> {
  constructor(
    readonly input: CreateRepairInput,
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

@CommandHandler(CreateRepairApplicationCommand)
export class CreateRepairApplicationHandler implements ICommandHandler<CreateRepairApplicationCommand> {
  constructor(
    private readonly engine: CaseEngine,
    private readonly facts: RepairFacts,
    private readonly commitments: RepairCommitments,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute({ input, actor, origin }: CreateRepairApplicationCommand): Promise<LoadedCase> {
    const record = await this.facts.recordOfApplicant(input.recordId, actor);
    const { refusals, checked } = await this.facts.eligibility(record, null);
    if (refusals.length > 0) throw new NotEligibleError(refusals);
    const materials = await this.facts.materials(input.materials ?? [], actor);
    const caseId = uuidv7(this.clock.now());
    try {
      return await this.db.transaction(async (tx) => {
        // Signed in the application's transaction: a refused filing leaves no commitment behind.
        const commitment =
          input.commitment &&
          (await this.commitments.sign(
            { repairCaseId: caseId, record: record.summary, ...input.commitment },
            actor,
            origin,
            tx,
          ));
        return this.engine.execute(
          {
            caseType: REPAIR_APPLICATION,
            caseId,
            eventType: 'RepairApplicationCreated',
            create: true,
            data: {
              record: record.summary,
              materials,
              commitment: commitment ? { ...commitment, inForceFrom: null } : null,
              eligibility: checked,
            },
            actor,
            origin,
            ruleSet: record.summary.ruleSet,
          },
          tx,
        );
      });
    } catch (error) {
      // Two applications for one record filed at the same instant: the partial unique index lets one through.
      if (isUniqueViolation(error, 'repair_applications_one_open'))
        throw new OpenApplicationExistsError(input.recordId);
      throw error;
    }
  }
}
