import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StreamVersionConflictError } from '@credence/event-store';
import { CaseEngine, type LoadedCase, type RequestOrigin, type WorkflowActor } from '@credence/workflow';
import { CREDIT_RECORD } from './credit-record.case-type';
import type { CreditRecordContext } from './domain/credit-record.machine';
import { correctionOf, type RecordCorrectionInput } from './domain/record-correction';

/** Reason code of a correction made because the platform showed something other than what the authority sent. */
export const TECHNICAL_ERROR_REASON = 'PLATFORM_TECHNICAL_ERROR';

export interface TechnicalCorrectionInput {
  /** What went wrong on the platform's side (e.g. a transfer that cut the facts), told to auditors. */
  reason: string;
  correction: RecordCorrectionInput;
}

/**
 * A platform's own technical error (the record shown differs from what the finding authority sent) is corrected by
 * an administrator directly, without the authority (domain-rules §2: [S35]). Recorded as such: the correction event
 * says `technicalError: true`, gives the reason and each changed field with its old and new value.
 */
export class TechnicalCorrectionCommand extends Command<LoadedCase> {
  constructor(
    readonly recordId: string,
    readonly input: TechnicalCorrectionInput,
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

@CommandHandler(TechnicalCorrectionCommand)
export class TechnicalCorrectionHandler implements ICommandHandler<TechnicalCorrectionCommand> {
  constructor(private readonly engine: CaseEngine) {}

  async execute(command: TechnicalCorrectionCommand): Promise<LoadedCase> {
    const loaded = await this.engine.load(CREDIT_RECORD, command.recordId, command.actor);
    const context = loaded.snapshot.context as CreditRecordContext;
    if (command.expectedVersion !== undefined && command.expectedVersion !== loaded.version)
      throw new StreamVersionConflictError(loaded.streamId, command.expectedVersion);
    const correction = correctionOf(context.record!, command.input.correction);
    return this.engine.execute({
      caseType: CREDIT_RECORD,
      caseId: command.recordId,
      eventType: 'CreditRecordCorrected',
      data: {
        technicalError: true,
        reasons: [command.input.reason],
        reasonCodes: [TECHNICAL_ERROR_REASON],
        outcome: 'corrected',
        record: correction.record,
        changes: correction.changes,
      },
      actor: command.actor,
      origin: command.origin,
      // The changes were computed from this version: a concurrent change makes them stale (409, read again).
      expectedVersion: loaded.version,
      loaded,
    });
  }
}
