import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { beijingDateOf, Clock, Database, isUniqueViolation, uuidv7 } from '@credence/shared';
import {
  CREDIT_RECORD,
  publicStatusOf,
  type CreditRecordContext,
  type PublicStatus,
} from '@credence/credit-records';
import { FileStore } from '@credence/materials';
import {
  activeStatePaths,
  CaseEngine,
  CaseNumbers,
  type LoadedCase,
  type RequestOrigin,
  type WorkflowActor,
} from '@credence/workflow';
import type { ObjectedRecord, ObjectionGround, ObjectionMaterialInput } from './domain/objection';
import { attachedMaterials } from './objection-materials';
import { OBJECTION, OBJECTION_NUMBER_PREFIX, ONE_OPEN_PER_RECORD } from './objection.case-type';
import {
  ObjectionAlreadyOpenError,
  ObjectionInputError,
  RecordNotObjectableError,
  UnknownRepairApplicationError,
} from './objection.errors';

/** Records an objection can be filed against: still live (shown, or shielded for a while). */
export const OBJECTABLE_STATUSES: PublicStatus[] = ['published', 'repairable', 'shielded'];

export interface FileObjectionInput {
  recordId: string;
  ground: ObjectionGround;
  statement: string;
  /** Files the subject uploaded and what each proves (none, e.g. for a record published twice). */
  materials?: ObjectionMaterialInput[];
  /** 异议申诉信用承诺书: its text, and the subject's consent (must be true). */
  commitment: { content: string; consent: boolean };
  /** For a `repair_result` objection: the repair application whose result is disputed. */
  repairApplicationId?: string | null;
}

/** The subject files an objection against one of its records, with its commitment and materials, in one step. */
export class FileObjectionCommand extends Command<LoadedCase> {
  constructor(
    readonly input: FileObjectionInput,
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/**
 * Admissibility facts the machine cannot read: the record is the subject's (else 404, as for a record that does not
 * exist), it is still live, no other objection on it is open (checked here for a clear answer, and enforced by a
 * partial unique index when two filings race), the materials are the subject's, the repair application is its own.
 */
@CommandHandler(FileObjectionCommand)
export class FileObjectionHandler implements ICommandHandler<FileObjectionCommand> {
  constructor(
    private readonly engine: CaseEngine,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly files: FileStore,
    private readonly numbers: CaseNumbers,
  ) {}

  async execute({ input, actor, origin }: FileObjectionCommand): Promise<LoadedCase> {
    if (input.commitment.consent !== true)
      throw new ObjectionInputError('commitment.consent', 'required', {
        zh: '须同意异议申诉信用承诺',
        en: 'the objection commitment must be agreed to',
      });
    const record = await this.objectedRecord(input.recordId, actor);
    await this.checkRepairApplication(input, record);
    const open = await this.openObjection(input.recordId);
    if (open) throw new ObjectionAlreadyOpenError(input.recordId, open);
    const materials = await attachedMaterials(this.files, input.materials, actor, 'filing');
    const now = this.clock.now();
    const year = Number(beijingDateOf(now).slice(0, 4));
    const caseNumber = await this.numbers.next(OBJECTION_NUMBER_PREFIX, record.authorityCode, year);
    try {
      return await this.engine.execute({
        caseType: OBJECTION,
        caseId: uuidv7(now),
        eventType: 'ObjectionFiled',
        data: {
          caseNumber,
          record,
          ground: input.ground,
          statement: input.statement.trim(),
          repairApplicationId: input.repairApplicationId ?? null,
          commitment: { content: input.commitment.content.trim(), consent: true },
          materials,
        },
        actor,
        origin,
        create: true,
      });
    } catch (error) {
      // Another filing on the same record won the race between our check and the append.
      if (isUniqueViolation(error, ONE_OPEN_PER_RECORD))
        throw new ObjectionAlreadyOpenError(input.recordId, await this.openObjection(input.recordId));
      throw error;
    }
  }

  /** The record as the subject may see it (404 otherwise), if it is still live. */
  private async objectedRecord(recordId: string, actor: WorkflowActor): Promise<ObjectedRecord> {
    const loaded = await this.engine.load(CREDIT_RECORD, recordId, actor);
    const status = publicStatusOf(activeStatePaths(loaded.snapshot));
    if (!OBJECTABLE_STATUSES.includes(status)) throw new RecordNotObjectableError(recordId, status);
    const c = loaded.snapshot.context as CreditRecordContext;
    const r = c.record!;
    return {
      id: recordId,
      contentVersion: c.contentVersion,
      subject: r.subject,
      kind: r.kind,
      severity: r.severity,
      field: r.field,
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
      authorityCode: r.authorityCode,
      authorityPath: r.authorityPath,
      authorityName: r.authorityName,
    };
  }

  private async checkRepairApplication(input: FileObjectionInput, record: ObjectedRecord): Promise<void> {
    const id = input.repairApplicationId;
    if (id === undefined || id === null) return;
    if (input.ground !== 'repair_result')
      throw new ObjectionInputError('repairApplicationId', 'onlyForRepairResult', {
        zh: '仅对信用修复结果提出异议时填写',
        en: 'only for an objection to a repair result',
      });
    // The generic case row: any repair application of the subject (the repair workflow owns its own tables).
    const { rowCount } = await this.db.query(
      `SELECT 1 FROM cases WHERE id = $1 AND type = 'repairApplication' AND subject_code = $2`,
      [id, record.subject.code],
    );
    if (!rowCount) throw new UnknownRepairApplicationError(id);
  }

  private async openObjection(recordId: string): Promise<{ id: string; caseNumber: string } | null> {
    const { rows } = await this.db.query<{ id: string; case_number: string }>(
      'SELECT id, case_number FROM objections WHERE record_id = $1 AND open',
      [recordId],
    );
    return rows[0] ? { id: rows[0].id, caseNumber: rows[0].case_number } : null;
  }
}
