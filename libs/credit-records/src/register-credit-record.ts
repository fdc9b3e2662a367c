import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { beijingDateOf, Clock, Database, Env, isUniqueViolation, uuidv7 } from '@credence/shared';
import { StatutoryTime } from '@credence/working-calendar';
import { CaseEngine, type LoadedCase, type RequestOrigin, type WorkflowActor } from '@credence/workflow';
import { CREDIT_RECORD, contentHash } from './credit-record.case-type';
import {
  DecisionDateInFutureError,
  DecisionNumberTakenError,
  NoRuleSetError,
  NotFindingAuthorityError,
  UnknownAuthorityError,
} from './credit-record.errors';
import type { RecordContent } from './domain/credit-record';
import type { PublicationTimeliness } from './domain/credit-record.machine';
import { governingPeriods } from './domain/rule-set';
import { RuleSets } from './rule-sets';

/** What the finding authority sends: the record's content less what the registry derives (the authority's name and path). */
export type RegisterCreditRecordInput = Omit<
  RecordContent,
  'authorityPath' | 'authorityName' | 'legalBasis'
> & {
  legalBasis?: string | null;
};

export class RegisterCreditRecordCommand extends Command<{ record: LoadedCase; created: boolean }> {
  constructor(
    readonly input: RegisterCreditRecordInput,
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/**
 * Registers a record from its finding authority. Idempotent on (authority, decision number): the same content
 * returns the existing record, different content is a conflict. The periods come from the governing rule set.
 */
@CommandHandler(RegisterCreditRecordCommand)
export class RegisterCreditRecordHandler implements ICommandHandler<RegisterCreditRecordCommand> {
  private readonly authorities = new Map<string, { name_zh: string; path: string }>();

  constructor(
    private readonly engine: CaseEngine,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly ruleSets: RuleSets,
    private readonly statutoryTime: StatutoryTime,
  ) {}

  async execute({
    input,
    actor,
    origin,
  }: RegisterCreditRecordCommand): Promise<{ record: LoadedCase; created: boolean }> {
    const now = this.clock.now();
    const today = beijingDateOf(now);
    if (input.decisionDate > today) throw new DecisionDateInFutureError(input.decisionDate, today);
    if (actor.role === 'officer' && actor.authorityCode !== input.authorityCode)
      throw new NotFindingAuthorityError();
    const content = await this.contentOf(input);
    const periods = governingPeriods(await this.ruleSets.all(), {
      severity: input.severity,
      field: input.field,
      decisionDate: input.decisionDate,
      registrationDate: today,
      policy: this.env.RULE_SET_TRANSITION_POLICY,
    });
    if (!periods) throw new NoRuleSetError(input.decisionDate);
    try {
      const record = await this.engine.execute({
        caseType: CREDIT_RECORD,
        caseId: uuidv7(now),
        eventType: 'CreditRecordRegistered',
        data: { record: content, ...periods, publication: await this.publication(content, today) },
        actor,
        origin,
        create: true,
        ruleSet: periods.ruleSet,
      });
      return { record, created: true };
    } catch (error) {
      // The decision is registered already (a retry, or a race): same content answers like a retry, else 409.
      if (!isUniqueViolation(error, 'credit_records_decision')) throw error;
      const winner = await this.existing(content, actor);
      if (!winner) throw error;
      return { record: winner, created: false };
    }
  }

  /** 双公示: licences and penalties are published within 7 working days of the decision (the limit is data). */
  private async publication(content: RecordContent, today: string): Promise<PublicationTimeliness> {
    const time = await this.statutoryTime.snapshot();
    const limit = time.limit('publicity.double', content.authorityCode, content.decisionDate);
    const deadline = time
      .calendarFor(content.authorityCode)
      .deadlineFrom(content.decisionDate, limit.workingDays);
    return {
      workingDays: limit.workingDays,
      dueDate: deadline.dueDate,
      publishedOn: today,
      onTime: today <= deadline.dueDate,
      provisional: deadline.provisional,
      limitId: limit.id,
    };
  }

  private async contentOf(input: RegisterCreditRecordInput): Promise<RecordContent> {
    const authority = await this.authority(input.authorityCode);
    return {
      subject: { type: input.subject.type, code: input.subject.code, name: input.subject.name.trim() },
      kind: input.kind,
      severity: input.severity,
      field: input.field,
      decisionNumber: input.decisionNumber.trim(),
      decisionDate: input.decisionDate,
      authorityCode: input.authorityCode,
      authorityPath: authority.path,
      authorityName: authority.name_zh,
      facts: input.facts.trim(),
      legalBasis: input.legalBasis?.trim() || null,
    };
  }

  /** Authorities are registered, never renamed or moved; a known one is kept for the process's life. */
  private async authority(code: string): Promise<{ name_zh: string; path: string }> {
    const known = this.authorities.get(code);
    if (known) return known;
    const { rows } = await this.db.query<{ name_zh: string; path: string }>(
      'SELECT name_zh, path FROM authorities WHERE code = $1',
      [code],
    );
    if (!rows[0]) throw new UnknownAuthorityError(code);
    this.authorities.set(code, rows[0]);
    return rows[0];
  }

  private async existing(content: RecordContent, actor: WorkflowActor): Promise<LoadedCase | null> {
    const { rows } = await this.db.query<{ id: string; content_hash: string }>(
      'SELECT id, content_hash FROM credit_records WHERE authority_code = $1 AND decision_number = $2',
      [content.authorityCode, content.decisionNumber],
    );
    if (!rows[0]) return null;
    if (rows[0].content_hash !== contentHash(content)) {
      throw new DecisionNumberTakenError(content.authorityCode, content.decisionNumber, rows[0].id);
    }
    return this.engine.load(CREDIT_RECORD, rows[0].id, actor);
  }
}
