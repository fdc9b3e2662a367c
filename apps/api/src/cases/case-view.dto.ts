import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * The documented shapes of the generic case reads (GET /cases/:id, /cases/:id/diagram, /work-items), so the
 * console's typed client knows them (ADR 0022: one shape per concept; the view itself is built by CaseViews in
 * libs/workflow). Names carry a `Case`/`WorkQueue` prefix: OpenAPI schema names are global.
 */

export class CaseBilingualTextDto {
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class CaseActionRefusalDto {
  @ApiProperty({ example: 'FOUR_EYES_REQUIRED' }) code!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) message!: CaseBilingualTextDto;
}

/** An action leaving the current state: available to the caller now, or the refusal it would meet. */
export class CaseActionOptionDto {
  @ApiProperty({ example: 'approve', description: 'HTTP 操作名 / the action route’s name' }) action!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) label!: CaseBilingualTextDto | null;
  @ApiProperty() available!: boolean;
  @ApiPropertyOptional({ type: CaseActionRefusalDto, description: '不可办理的原因 / why not now' })
  refusal?: CaseActionRefusalDto;
}

export class CaseAvailableActionDto {
  @ApiProperty() action!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) label!: CaseBilingualTextDto | null;
}

export class CaseWorkItemDto {
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ type: CaseBilingualTextDto }) label!: CaseBilingualTextDto;
}

export class CaseClockExtensionDto {
  @ApiProperty() workingDays!: number;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/CaseBilingualTextDto' }],
    description: '延期理由 / why',
  })
  reason!: CaseBilingualTextDto | string;
  @ApiProperty() at!: string;
}

/** A statutory clock as every view shows it (ClockView, libs/workflow/src/clocks/clock-view.ts). */
export class CaseClockDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'repair.acceptance' }) kind!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) label!: CaseBilingualTextDto;
  @ApiProperty({ type: CaseBilingualTextDto }) legalBasis!: CaseBilingualTextDto;
  @ApiProperty({ enum: ['running', 'paused', 'stopped'] }) status!: 'running' | 'paused' | 'stopped';
  @ApiProperty() paused!: boolean;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-08' }) dueDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) dueAt!: string | null;
  @ApiProperty() workingDays!: number;
  @ApiProperty({ type: Number, nullable: true }) remainingWorkingDays!: number | null;
  @ApiProperty() overdueWorkingDays!: number;
  @ApiProperty() provisional!: boolean;
  @ApiProperty() dueSoon!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, nullable: true }) pausedAt!: string | null;
  @ApiProperty({ type: [CaseClockExtensionDto] }) extensions!: CaseClockExtensionDto[];
  @ApiProperty({ type: String, nullable: true }) stoppedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
}

export class CaseTimerDto {
  @ApiProperty() name!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() dueAt!: string;
}

/** What every read of a case returns (CaseView): its ETag is `version`. */
export class CaseViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'repairApplication' }) type!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) typeLabel!: CaseBilingualTextDto;
  @ApiProperty({ type: [String], description: '当前状态（点分路径）/ active state paths' }) state!: string[];
  @ApiProperty({ type: CaseBilingualTextDto }) stateLabel!: CaseBilingualTextDto;
  @ApiProperty({ enum: ['active', 'done'] }) status!: 'active' | 'done';
  @ApiProperty({ description: '版本（ETag）/ the version, sent back in If-Match' }) version!: number;
  @ApiProperty() authorityCode!: string;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [CaseAvailableActionDto] }) availableActions!: CaseAvailableActionDto[];
  @ApiProperty({
    type: [CaseActionOptionDto],
    description:
      '离开当前状态的全部操作，不可办理的附原因 / every action, unavailable ones with their refusal',
  })
  actions!: CaseActionOptionDto[];
  @ApiProperty({ type: CaseWorkItemDto, nullable: true }) workItem!: CaseWorkItemDto | null;
  @ApiProperty({ type: [CaseTimerDto] }) timers!: CaseTimerDto[];
  @ApiProperty({ type: [CaseClockDto] }) clocks!: CaseClockDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '案件类型的业务数据（记录、材料、建议、决定 …）/ the case type’s own data',
  })
  data!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

/** A state of the diagram by its Mermaid id, with the label a page shows instead of the id. */
export class CaseDiagramStateDto {
  @ApiProperty({ example: 'repairApplication_open_review' }) id!: string;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) label!: CaseBilingualTextDto | null;
}

export class CaseDiagramDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ enum: ['mermaid'] }) format!: 'mermaid';
  @ApiProperty({ description: 'Mermaid stateDiagram-v2；当前状态的 class 为 current' }) diagram!: string;
  @ApiProperty({ type: [CaseDiagramStateDto], description: '各状态的名称 / every state with its label' })
  states!: CaseDiagramStateDto[];
}

export class WorkQueueDueDto {
  @ApiProperty() dueAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-08',
    description: '届满日（北京时间，当日 24 时届满）/ the Beijing date the limit runs out at the end of',
  })
  dueDate!: string | null;
  @ApiProperty() provisional!: boolean;
  @ApiProperty() dueSoon!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description:
      '剩余工作日（按本单位工作日历，与案件页时限相同；起算日不计；逾期为 0）/ Working days left, counted as the case page’s clock counts them (start day uncounted; 0 once overdue)',
  })
  remainingWorkingDays!: number | null;
  @ApiProperty({
    example: 0,
    description: '已逾期工作日（未逾期为 0）/ Working days past the due date (0 when not overdue)',
  })
  overdueWorkingDays!: number;
}

/** One case of the queue (QueueItem, libs/workflow/src/workbench/work-queue.ts). */
export class WorkQueueItemDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: [String] }) state!: string[];
  @ApiProperty({ type: CaseBilingualTextDto }) stateLabel!: CaseBilingualTextDto;
  @ApiProperty() title!: string;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({
    type: WorkQueueDueDto,
    nullable: true,
    description: '最近的未届满期限 / nearest open deadline',
  })
  due!: WorkQueueDueDto | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null：待认领 / unclaimed',
  })
  holderId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) delegateId?: string | null;
  @ApiPropertyOptional() pendingSigners?: number;
  @ApiPropertyOptional({ type: String, nullable: true }) lastUrgedOn?: string | null;
}

export class WorkQueuePageDto {
  @ApiProperty({ type: [WorkQueueItemDto] }) items!: WorkQueueItemDto[];
  @ApiProperty() total!: number;
}

export class CaseTrailActorDto {
  @ApiProperty({
    description:
      '账户 id；系统（计时、定时任务）为 `system` / account id, `system` for the engine’s own steps',
  })
  id!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty() role!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) roleLabel!: CaseBilingualTextDto;
  @ApiProperty({ type: String, nullable: true }) authorityCode!: string | null;
}

export class CaseTrailStateDto {
  @ApiProperty({ type: [String] }) state!: string[];
  @ApiProperty({ type: CaseBilingualTextDto }) label!: CaseBilingualTextDto;
}

/** A material a step relied on, by the digest of its bytes (ReviewedMaterial). */
export class CaseTrailMaterialDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() sha256!: string;
}

export class CaseTrailMachineDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: string;
}

/** The step's link in the case's hash chain. */
export class CaseTrailChainDto {
  @ApiProperty() algorithm!: string;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
}

/** One step of the decision trail in plain words (TrailStep, libs/audit/src/trail/trail-steps.ts). */
export class CaseTrailStepDto {
  @ApiProperty() streamVersion!: number;
  @ApiProperty() globalPosition!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: CaseTrailActorDto }) actor!: CaseTrailActorDto;
  @ApiProperty({ type: String, nullable: true }) action!: string | null;
  @ApiProperty({ type: CaseBilingualTextDto }) actionLabel!: CaseBilingualTextDto;
  @ApiProperty({ type: CaseTrailStateDto, nullable: true }) stateBefore!: CaseTrailStateDto | null;
  @ApiProperty({ type: CaseTrailStateDto, nullable: true }) stateAfter!: CaseTrailStateDto | null;
  @ApiProperty() stateChanged!: boolean;
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ type: [String] }) reasonCodes!: string[];
  @ApiProperty({ type: String, nullable: true }) opinion!: string | null;
  @ApiProperty({ type: String, nullable: true }) legalBasis!: string | null;
  @ApiProperty({ type: String, nullable: true }) ruleSet!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '分级依据 / grading facts',
  })
  gradeSnapshot!: Record<string, unknown> | null;
  @ApiProperty({ type: [CaseTrailMaterialDto] }) materials!: CaseTrailMaterialDto[];
  @ApiProperty({ type: String, nullable: true }) correlationId!: string | null;
  @ApiProperty({ type: CaseTrailMachineDto, nullable: true }) machine!: CaseTrailMachineDto | null;
  @ApiProperty({ type: CaseTrailChainDto }) chain!: CaseTrailChainDto;
}

/** A case type's detail read (GET /repair-applications/:id, /objections/:id): the case view and its trail. */
export class CaseDetailDto extends CaseViewDto {
  @ApiPropertyOptional({ type: [CaseTrailStepDto], description: '决定过程 / the decision trail' })
  trail?: CaseTrailStepDto[];
}

export class CaseTypeDto {
  @ApiProperty({ example: 'repairApplication' }) type!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) label!: CaseBilingualTextDto;
  @ApiProperty() machineVersion!: string;
  @ApiProperty({ type: [String], description: '操作名 / action names' }) actions!: string[];
}
