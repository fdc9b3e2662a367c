import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StreamVersionConflictError } from '@credence/event-store';
import { Clock, Database } from '@credence/shared';
import { AuthorityPolicies } from '@credence/authority-policies';
import {
  correctionOf,
  CREDIT_RECORD,
  publicStatusOf,
  type CreditRecordContext,
  type RecordCorrectionInput,
} from '@credence/credit-records';
import { PolicyService } from '@credence/identity';
import { FileStore } from '@credence/materials';
import {
  activeStatePaths,
  CaseEngine,
  SYSTEM_ACTOR,
  type LoadedCase,
  type RequestOrigin,
  type WorkflowActor,
} from '@credence/workflow';
import { appealAuthorityOf, favourableOverturns } from './domain/appeal-rules';
import type {
  AttachedMaterial,
  CorrectionPlan,
  HandlingAuthority,
  ObjectionContext,
  ObjectionOutcome,
} from './domain/objection';
import { OBJECTION, OBJECTION_ACTIONS, stageOf } from './objection.case-type';
import {
  AppealWindowClosedError,
  ObjectionInputError,
  OverturnNotFavourableError,
  RecordNoLongerLiveError,
  RelatedPartyError,
} from './objection.errors';
import { OBJECTABLE_STATUSES } from './file-objection';

/** The HTTP actions on an objection after it was filed. */
export type ObjectionAction = Exclude<keyof typeof OBJECTION_ACTIONS, 'file'>;

/** What the actions take; each uses its part (the edge validates the shape per action). */
export interface ObjectionActionInput {
  opinion?: string;
  reasonCodes?: string[];
  reasons?: string[];
  legalBasis?: string;
  items?: string[];
  statement?: string;
  materials?: string[];
  reason?: string;
  outcome?: ObjectionOutcome;
  correction?: RecordCorrectionInput;
  note?: string;
  decision?: 'uphold' | 'overturn';
}

export class ObjectionActionCommand extends Command<LoadedCase> {
  constructor(
    readonly objectionId: string,
    readonly action: ObjectionAction,
    readonly input: ObjectionActionInput,
    readonly actor: WorkflowActor,
    readonly origin: RequestOrigin,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

const STAFF_ACTIONS: ObjectionAction[] = [
  'accept',
  'refuse',
  'request-supplement',
  'extend',
  'uphold',
  'decide-appeal',
];

const clean = (values: string[] | undefined) => (values ?? []).map((v) => v.trim()).filter((v) => v !== '');

/**
 * Every action after filing. The handler checks what the pure machine cannot read — 回避 (related_parties), the
 * appeal window against the clock, the appeal's authority setting, a different reviewer for the appeal, the record
 * still being live for a correction or removal, the materials' owner — and puts the facts in the event's data, the
 * decision facts (reasons, reasonCodes, opinion, legalBasis, materials, outcome) at its top level for auditors.
 */
@CommandHandler(ObjectionActionCommand)
export class ObjectionActionHandler implements ICommandHandler<ObjectionActionCommand> {
  constructor(
    private readonly engine: CaseEngine,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly files: FileStore,
    private readonly related: PolicyService,
    private readonly policies: AuthorityPolicies,
  ) {}

  async execute(command: ObjectionActionCommand): Promise<LoadedCase> {
    const loaded = await this.engine.load(OBJECTION, command.objectionId, command.actor);
    const context = loaded.snapshot.context as ObjectionContext;
    if (command.expectedVersion !== undefined && command.expectedVersion !== loaded.version)
      throw new StreamVersionConflictError(loaded.streamId, command.expectedVersion);
    // 回避 and the appeal window are facts (the database, the clock), not rules of the machine: checked first.
    if (
      STAFF_ACTIONS.includes(command.action) &&
      (await this.related.isRelated(command.actor.id, context.record!.subject.code))
    )
      throw new RelatedPartyError(context.handling?.name ?? context.record!.authorityName);
    if (command.action === 'appeal') this.requireAppealWindowOpen(loaded, context);
    // Facts are gathered only for an action the actor may take now; otherwise the engine answers with the refusal
    // the machine's guard declares (objection.refusals.ts: one extension, who decides the appeal …).
    const available = this.engine
      .availableActions(loaded, command.actor)
      .some((a) => a.action === command.action);
    const data = available ? await this.dataOf(command, loaded, context) : {};
    return this.engine.execute({
      caseType: OBJECTION,
      caseId: command.objectionId,
      eventType: OBJECTION_ACTIONS[command.action],
      data,
      actor: command.actor,
      origin: command.origin,
      // The facts above were read on this version: a concurrent action makes them stale (409, read again).
      expectedVersion: loaded.version,
      loaded,
    });
  }

  private async dataOf(
    { action, input, actor }: ObjectionActionCommand,
    loaded: LoadedCase,
    context: ObjectionContext,
  ): Promise<Record<string, unknown>> {
    switch (action) {
      case 'accept':
        return { opinion: input.opinion?.trim() || undefined, outcome: 'accepted' };
      case 'refuse':
        return {
          reasonCodes: input.reasonCodes ?? [],
          reasons: clean(input.reasons),
          legalBasis: input.legalBasis?.trim() || undefined,
          outcome: 'not-accepted',
        };
      case 'request-supplement':
        return { items: clean(input.items), reasons: clean(input.reasons) };
      case 'supplement':
        return {
          statement: input.statement?.trim() || undefined,
          materials: await this.materials(input.materials, actor, 'supplement'),
        };
      case 'extend':
        return { reason: input.reason!.trim(), reasons: [input.reason!.trim()] };
      case 'uphold':
        return this.answerData(input, context);
      case 'withdraw':
        return { reason: input.reason?.trim() || undefined, stage: stageOf(loaded.snapshot) };
      case 'appeal':
        return this.appealData(input, actor, loaded, context);
      case 'decide-appeal':
        return this.appealDecisionData(input, context);
    }
  }

  /** The answer (异议处理结果): outcome, reasons, legal basis, and the correction the record gets. */
  private async answerData(input: ObjectionActionInput, context: ObjectionContext) {
    const outcome = input.outcome!;
    return {
      outcome,
      reasons: clean(input.reasons),
      legalBasis: input.legalBasis!.trim(),
      opinion: input.opinion?.trim() || undefined,
      correction: await this.correctionFor(outcome, input, context),
      note: outcome === 'unverifiable' ? input.note?.trim() || null : null,
    };
  }

  /**
   * Refused with the date the window closed, whether or not the worker has recorded its expiry yet. Only while the
   * answer awaits an appeal or was closed by the window: once an appeal was filed, the case's state answers.
   */
  private requireAppealWindowOpen(loaded: LoadedCase, context: ObjectionContext): void {
    const stage = stageOf(loaded.snapshot);
    if (stage !== 'answered' && !(stage === 'closed' && context.appeal === null)) return;
    const window = loaded.clocks.get('appealWindow');
    if (
      window?.dueDate &&
      window.dueAt &&
      (stage === 'closed' || this.clock.now().toISOString() >= window.dueAt)
    )
      throw new AppealWindowClosedError(window.dueDate, window.dueAt);
  }

  private async appealData(
    input: ObjectionActionInput,
    actor: WorkflowActor,
    loaded: LoadedCase,
    context: ObjectionContext,
  ) {
    const window = loaded.clocks.get('appealWindow');
    const finding = context.record!;
    const setting = await this.policies.get('objection.appeal-decided-by', finding.authorityPath);
    const choice = appealAuthorityOf(
      setting,
      { code: finding.authorityCode, path: finding.authorityPath, name: finding.authorityName },
      await this.parentOf(finding.authorityCode),
    );
    return {
      statement: input.statement!.trim(),
      materials: await this.materials(input.materials, actor, 'appeal'),
      appealAuthority: choice,
      window: window ? { dueDate: window.dueDate, dueAt: window.dueAt } : null,
    };
  }

  private async appealDecisionData(input: ObjectionActionInput, context: ObjectionContext) {
    const answer = context.answer?.outcome ?? 'maintain';
    if (input.decision === 'uphold') {
      return {
        decision: 'uphold',
        outcome: answer,
        answerOutcome: answer,
        reasons: clean(input.reasons),
        legalBasis: input.legalBasis!.trim(),
        opinion: input.opinion?.trim() || undefined,
      };
    }
    const outcome = input.outcome;
    const allowed = favourableOverturns(answer);
    if (!outcome || !allowed.includes(outcome)) throw new OverturnNotFavourableError(answer, allowed);
    return {
      decision: 'overturn',
      outcome,
      answerOutcome: answer,
      reasons: clean(input.reasons),
      legalBasis: input.legalBasis!.trim(),
      opinion: input.opinion?.trim() || undefined,
      correction: await this.correctionFor(outcome, input, context),
      note: outcome === 'unverifiable' ? input.note?.trim() || null : null,
    };
  }

  /**
   * A correcting or removing outcome needs the record live; a correction is computed against its content now, so
   * the event shows each field's old and new value.
   */
  private async correctionFor(
    outcome: ObjectionOutcome,
    input: ObjectionActionInput,
    context: ObjectionContext,
  ): Promise<CorrectionPlan | null> {
    if (outcome === 'correct' && !input.correction)
      throw new ObjectionInputError('correction', 'required', {
        zh: '处理结果为更正时须填写更正内容',
        en: 'a correction is required when the outcome is correct',
      });
    if (outcome !== 'correct' && input.correction)
      throw new ObjectionInputError('correction', 'onlyForCorrect', {
        zh: '仅在处理结果为更正时填写',
        en: 'only when the outcome is correct',
      });
    if (outcome !== 'correct' && outcome !== 'remove') return null;
    const recordId = context.record!.id;
    // Read as the system: the appeal's authority one level up may not see the record's case under the staff rule,
    // yet must know whether it is still live. Nothing of it is shown to the caller.
    const record = await this.engine.load(CREDIT_RECORD, recordId, SYSTEM_ACTOR);
    const status = publicStatusOf(activeStatePaths(record.snapshot));
    if (!OBJECTABLE_STATUSES.includes(status)) throw new RecordNoLongerLiveError(recordId, status, outcome);
    if (outcome === 'remove') return null;
    const content = (record.snapshot.context as CreditRecordContext).record!;
    return correctionOf(content, input.correction!);
  }

  /** Files the actor attaches, checked to be the actor's (or its subject's). */
  private async materials(
    ids: string[] | undefined,
    actor: WorkflowActor,
    stage: AttachedMaterial['stage'],
  ): Promise<AttachedMaterial[]> {
    if (!ids || ids.length === 0) return [];
    const files = await this.files.requireOwned(ids, actor);
    return files.map((f) => ({
      id: f.id,
      sha256: f.sha256,
      fileName: f.fileName,
      size: f.size,
      mediaType: f.mediaType,
      stage,
    }));
  }

  private async parentOf(code: string): Promise<HandlingAuthority | null> {
    const { rows } = await this.db.query<{ code: string; path: string; name_zh: string }>(
      `SELECT p.code, p.path, p.name_zh FROM authorities a JOIN authorities p ON p.code = a.parent_code
        WHERE a.code = $1`,
      [code],
    );
    return rows[0] ? { code: rows[0].code, path: rows[0].path, name: rows[0].name_zh } : null;
  }
}
