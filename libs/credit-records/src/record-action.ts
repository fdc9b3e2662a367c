import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseEngine, type LoadedCase, type RequestOrigin, type WorkflowActor } from '@credence/workflow';
import { CREDIT_RECORD, creditRecordCaseType } from './credit-record.case-type';

/** An action on a record by staff (e.g. shield during bankruptcy reorganisation), with reasons and legal basis. */
export class RecordActionCommand extends Command<LoadedCase> {
  constructor(
    readonly recordId: string,
    readonly action: keyof typeof creditRecordCaseType.actions,
    readonly data: { reason: string; legalBasis?: string | null },
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

@CommandHandler(RecordActionCommand)
export class RecordActionHandler implements ICommandHandler<RecordActionCommand> {
  constructor(private readonly engine: CaseEngine) {}

  execute(command: RecordActionCommand): Promise<LoadedCase> {
    return this.engine.execute({
      caseType: CREDIT_RECORD,
      caseId: command.recordId,
      eventType: creditRecordCaseType.actions[command.action],
      data: { reason: command.data.reason, legalBasis: command.data.legalBasis ?? null },
      actor: command.actor,
      origin: command.origin,
      expectedVersion: command.expectedVersion,
    });
  }
}
