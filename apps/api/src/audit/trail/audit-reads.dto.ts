import { ApiProperty } from '@nestjs/swagger';
import { CaseBilingualTextDto, CaseTimerDto, CaseWorkItemDto } from '../../cases/case-view.dto';
import { CreditRecordSubjectDto } from '../../credit-records/credit-record-list.dto';

/*
 * The documented answers of the auditor's reads (libs/audit/src/trail: DecisionPage, CaseAsOf, CreditRecordAsOf,
 * the access log's page), so the console's typed client knows them (ADR 0022). Names carry an `Audit` prefix:
 * OpenAPI schema names are global.
 */

export class AuditDecisionActorDto {
  @ApiProperty({ description: '账户 id 或 system / account id or system' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() role!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) roleLabel!: CaseBilingualTextDto;
  @ApiProperty({ type: String, nullable: true }) authorityCode!: string | null;
}

/** One step of one case, as the decision search finds it (DecisionRow). */
export class AuditDecisionRowDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() globalPosition!: number;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'repairApplication' }) caseType!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() eventType!: string;
  @ApiProperty({ type: String, nullable: true }) action!: string | null;
  @ApiProperty({ type: CaseBilingualTextDto }) actionLabel!: CaseBilingualTextDto;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) stateBefore!: CaseBilingualTextDto | null;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) stateAfter!: CaseBilingualTextDto | null;
  @ApiProperty({ type: String, nullable: true, example: 'approved' }) outcome!: string | null;
  @ApiProperty({ type: AuditDecisionActorDto }) actor!: AuditDecisionActorDto;
  @ApiProperty() authorityCode!: string;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) ruleSet!: string | null;
  @ApiProperty({ type: String, nullable: true }) reasons!: string | null;
  @ApiProperty({ type: String, nullable: true }) opinion!: string | null;
  @ApiProperty({ type: String, nullable: true }) legalBasis!: string | null;
  @ApiProperty({ type: String, nullable: true }) correlationId!: string | null;
  @ApiProperty() eventHash!: string;
  @ApiProperty() recordedAt!: string;
}

export class AuditDecisionPageDto {
  @ApiProperty({ type: [AuditDecisionRowDto] }) items!: AuditDecisionRowDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: '匹配的步骤数（至多计到 10000）/ matching steps, counted up to 10,000' })
  total!: number;
  @ApiProperty({ description: 'false：实际多于 total / false: there are more than total' })
  totalIsExact!: boolean;
}

export class AuditPossibleActionDto {
  @ApiProperty({ type: String, nullable: true }) action!: string | null;
  @ApiProperty() eventType!: string;
}

export class AuditClockExtensionDto {
  @ApiProperty() workingDays!: number;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/CaseBilingualTextDto' }],
    description: '延期理由 / why',
  })
  reason!: CaseBilingualTextDto | string;
  @ApiProperty() at!: string;
}

/** A statutory clock as its events had it then (ClockState): nothing counted from today. */
export class AuditClockStateDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'repair.result' }) limitKey!: string;
  @ApiProperty() limitId!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) label!: CaseBilingualTextDto;
  @ApiProperty({ type: CaseBilingualTextDto }) legalBasis!: CaseBilingualTextDto;
  @ApiProperty({ enum: ['running', 'paused', 'stopped'] }) status!: 'running' | 'paused' | 'stopped';
  @ApiProperty() startedAt!: string;
  @ApiProperty({ description: '自此日后起算 / counting resumes after this date' }) anchorDate!: string;
  @ApiProperty({ description: '自起算日起的工作日数 / working days from the anchor' })
  daysFromAnchor!: number;
  @ApiProperty({ description: '时限加各次延期 / the limit plus every extension' }) workingDays!: number;
  @ApiProperty({ type: String, nullable: true }) dueDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) dueAt!: string | null;
  @ApiProperty() provisional!: boolean;
  @ApiProperty() calendarVersion!: string;
  @ApiProperty({ type: String, nullable: true }) pausedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) remainingAtPause!: number | null;
  @ApiProperty({ type: [AuditClockExtensionDto] }) extensions!: AuditClockExtensionDto[];
  @ApiProperty() dueSoon!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, nullable: true }) stoppedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['met', 'late', null] }) outcome!: 'met' | 'late' | null;
}

export class AuditLastEventDto {
  @ApiProperty() streamVersion!: number;
  @ApiProperty() eventType!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
}

/** A case as it stood at an instant (CaseAsOf). */
export class AuditCaseAsOfDto {
  @ApiProperty() asOf!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) typeLabel!: CaseBilingualTextDto;
  @ApiProperty({ description: '至该时点的事件数 / events recorded by then' }) version!: number;
  @ApiProperty({ type: [String], description: '当时的状态（点分路径）/ state paths then' }) state!: string[];
  @ApiProperty({ type: CaseBilingualTextDto }) stateLabel!: CaseBilingualTextDto;
  @ApiProperty({ enum: ['active', 'done'] }) status!: 'active' | 'done';
  @ApiProperty() authorityCode!: string;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: CaseWorkItemDto, nullable: true }) workItem!: CaseWorkItemDto | null;
  @ApiProperty({ type: [AuditPossibleActionDto] }) possibleActions!: AuditPossibleActionDto[];
  @ApiProperty({ type: [AuditClockStateDto] }) clocks!: AuditClockStateDto[];
  @ApiProperty({ type: [CaseTimerDto], description: '当时待触发的定时器 / timers pending then' })
  timers!: CaseTimerDto[];
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ type: AuditLastEventDto }) lastEvent!: AuditLastEventDto;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class AuditRecordContentDto {
  @ApiProperty({ type: CreditRecordSubjectDto }) subject!: CreditRecordSubjectDto;
  @ApiProperty() kind!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() field!: string;
  @ApiProperty() decisionNumber!: string;
  @ApiProperty() decisionDate!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty() authorityPath!: string;
  @ApiProperty() authorityName!: string;
  @ApiProperty() facts!: string;
  @ApiProperty({ type: String, nullable: true }) legalBasis!: string | null;
}

/** A credit record's content and status as they were at an instant (CreditRecordAsOf). */
export class AuditCreditRecordAsOfDto {
  @ApiProperty() asOf!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: AuditRecordContentDto }) record!: AuditRecordContentDto;
  @ApiProperty() publicStatus!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) publicStatusLabel!: CaseBilingualTextDto;
  @ApiProperty() objectionMarked!: boolean;
  @ApiProperty() ruleSet!: string;
  @ApiProperty() repairableFrom!: string;
  @ApiProperty() publicityEndsAfter!: string;
  @ApiProperty({ type: [String] }) state!: string[];
  @ApiProperty({ type: CaseBilingualTextDto }) stateLabel!: CaseBilingualTextDto;
  @ApiProperty() updatedAt!: string;
}

export class AuditAccessActorDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() role!: string;
  @ApiProperty({ type: String, nullable: true }) authorityCode!: string | null;
}

/** One read of sensitive data (AccessLogRow). */
export class AuditAccessEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty() readAt!: string;
  @ApiProperty({ type: AuditAccessActorDto }) actor!: AuditAccessActorDto;
  @ApiProperty({ example: 'audit-trail', description: '读取的种类 / what kind of read' }) kind!: string;
  @ApiProperty({ description: '读取的对象 / what was read' }) resourceId!: string;
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) authorityCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) correlationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) detail!: Record<
    string,
    unknown
  > | null;
}

/** A page of the access log, newest first; no total (counting a year of reads would cost more than the page). */
export class AuditAccessLogPageDto {
  @ApiProperty({ type: [AuditAccessEntryDto] }) items!: AuditAccessEntryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
