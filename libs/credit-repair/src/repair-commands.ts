import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RepairCommitments } from '@credence/commitments';
import { Clock, Database, isUniqueViolation, type Sql, uuidv7 } from '@credence/shared';
import {
  CaseEngine,
  CaseNumbers,
  type LoadedCase,
  type RequestOrigin,
  type WorkflowActor,
} from '@credence/workflow';
import type { MaterialCategory, RevocationGround } from './domain/repair-application';
import type { RepairContext } from './domain/repair.machine';
import { REPAIR_ACTIONS, REPAIR_APPLICATION, type RepairAction } from './repair.case-type';
import {
  CommitmentRequiredError,
  NotEligibleError,
  OpenApplicationExistsError,
  RelatedReviewerError,
} from './repair.errors';
import { applied, RepairFacts } from './repair-facts';

export interface AttachInput {
  fileId: string;
  category: MaterialCategory;
}

export interface CommitmentInput {
  content: string;
  consentToPublish: boolean;
}

export interface CreateRepairInput {
  recordId: string;
  materials?: AttachInput[];
  commitment?: CommitmentInput;
}

/** What an action may carry; each action's request class at the edge says which fields it needs. */
export interface RepairActionInput {
  materials?: AttachInput[];
  commitment?: CommitmentInput;
  reason?: string;
  reasons?: string[];
  reasonCodes?: string[];
  legalBasis?: string;
  opinion?: string;
  items?: string[];
  recommendation?: 'approve' | 'reject';
  ground?: RevocationGround;
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

export class RepairActionCommand extends Command<LoadedCase> {
  constructor(
    readonly caseId: string,
    readonly action: RepairAction,
    readonly input: RepairActionInput,
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

const STAFF = new Set(['officer', 'senior_reviewer', 'admin']);
const reviewed = (c: RepairContext) => c.materials.map((m) => ({ id: m.id, sha256: m.sha256 }));

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

/**
 * Every action on an existing application: gathers the facts the action stands on (eligibility again at
 * submission, the four-eyes and ban settings, the files' digests, 回避), then lets the engine decide. The facts are
 * computed on the version just read, so the command carries that version: a concurrent change makes it a 409.
 */
@CommandHandler(RepairActionCommand)
export class RepairActionHandler implements ICommandHandler<RepairActionCommand> {
  constructor(
    private readonly engine: CaseEngine,
    private readonly facts: RepairFacts,
    private readonly numbers: CaseNumbers,
    private readonly commitments: RepairCommitments,
    private readonly db: Database,
  ) {}

  async execute(command: RepairActionCommand): Promise<LoadedCase> {
    const loaded = await this.engine.load(REPAIR_APPLICATION, command.caseId, command.actor);
    const context = loaded.snapshot.context as RepairContext;
    const record = context.record!;
    // 回避 is a fact of the database, not a rule of the machine: checked here, before anything else.
    if (STAFF.has(command.actor.role) && (await this.facts.isRelated(command.actor.id, record.subject.code)))
      throw new RelatedReviewerError(record.subject.code, record.authorityName);
    // Facts are gathered only for an action the actor may take now; otherwise the engine answers with the refusal
    // the machine's guard declares (repair.refusals.ts: no commitment to submit with, four eyes, one extension …).
    const available = this.engine
      .availableActions(loaded, command.actor)
      .some((a) => a.action === command.action);
    const decide = async (tx?: Sql) =>
      this.engine.execute(
        {
          caseType: REPAIR_APPLICATION,
          caseId: command.caseId,
          eventType: REPAIR_ACTIONS[command.action],
          data: available ? await this.dataFor(command, loaded, context, tx) : {},
          actor: command.actor,
          origin: command.origin,
          expectedVersion: command.expectedVersion ?? loaded.version,
          loaded,
          ruleSet: record.ruleSet,
        },
        tx,
      );
    // A new commitment in the draft is signed in the same transaction as the edit that records it.
    return available && command.action === 'update-draft' && command.input.commitment
      ? this.db.transaction(decide)
      : decide();
  }

  private async dataFor(
    command: RepairActionCommand,
    loaded: LoadedCase,
    c: RepairContext,
    tx: Sql | undefined,
  ): Promise<Record<string, unknown>> {
    const { action, input, actor } = command;
    const record = c.record!;
    const reasons = input.reasons ?? (input.reason ? [input.reason] : []);
    switch (action) {
      case 'update-draft':
        return {
          materials: await this.facts.materials(input.materials ?? [], actor),
          // The commitment it replaces lapses (a reaction of the repair link).
          ...(input.commitment && tx
            ? {
                commitment: {
                  ...(await this.commitments.sign(
                    { repairCaseId: loaded.caseId, record, ...input.commitment },
                    actor,
                    command.origin,
                    tx,
                  )),
                  inForceFrom: null,
                },
                replacesCommitment: c.commitment?.caseId ?? null,
              }
            : {}),
        };
      case 'submit':
        return this.submission(loaded, c);
      case 'supplement':
        return { materials: await this.facts.materials(input.materials ?? [], actor), reasons };
      case 'accept':
        return { opinion: input.opinion ?? null, materials: reviewed(c), outcome: 'accepted' };
      case 'refuse':
      case 'reject':
        return {
          reasonCodes: input.reasonCodes ?? [],
          reasons,
          legalBasis: input.legalBasis,
          opinion: input.opinion ?? null,
          materials: reviewed(c),
          outcome: action === 'refuse' ? 'not_accepted' : 'rejected',
        };
      case 'request-supplement':
        return { items: input.items ?? [], reasons };
      case 'extend':
        return { reasons };
      case 'recommend':
        return {
          recommendation: input.recommendation,
          opinion: input.opinion,
          reasons,
          materials: reviewed(c),
          outcome: `recommend-${input.recommendation}`,
        };
      case 'approve': {
        const platforms = await this.facts.policy('repair.downstream-platforms', record.authorityPath);
        return {
          opinion: input.opinion ?? null,
          reasons,
          legalBasis: input.legalBasis,
          materials: reviewed(c),
          outcome: 'approved',
          downstream: platforms.value,
          downstreamPolicy: applied(platforms),
        };
      }
      case 'revoke':
        // A broken commitment is found on the commitment itself, whose breach then revokes the repair: the machine
        // refuses it by hand (mayRevoke) and its refusal says where to record the breach.
        return this.facts.revocation(record.authorityPath, {
          ground: input.ground!,
          reasons,
          legalBasis: input.legalBasis,
        });
      case 'withdraw':
        return { reasons };
      default:
        return action satisfies never;
    }
  }

  /**
   * Submission re-checks eligibility (time passed since the draft) and that the commitment still stands (signed and
   * published), numbers the case and fixes four eyes.
   */
  private async submission(loaded: LoadedCase, c: RepairContext): Promise<Record<string, unknown>> {
    const record = c.record!;
    const commitment = await this.commitments.stateOf(c.commitment!.caseId);
    if (commitment?.state !== 'published')
      throw new CommitmentRequiredError({ caseId: c.commitment!.caseId, state: commitment?.state ?? null });
    const current = await this.facts.record(record.id);
    const { refusals, checked } = await this.facts.eligibility(current!, loaded.caseId);
    if (refusals.length > 0) throw new NotEligibleError(refusals);
    const policy = await this.facts.policy('repair.four-eyes', record.authorityPath);
    // Serious records and list removals always need a second reviewer; other records as the authority sets.
    const fourEyes =
      record.severity === 'serious' || record.kind === 'serious_list' || policy.value === 'all';
    const year = Number(this.facts.today().slice(0, 4));
    return {
      caseNumber: await this.numbers.next('XF', record.authorityCode, year),
      fourEyes,
      fourEyesPolicy: applied(policy),
      eligibility: checked,
      materials: reviewed(c),
      commitment: { ...c.commitment, state: commitment.state },
    };
  }
}
