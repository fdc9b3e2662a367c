import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { CaseBilingualTextDto, CaseTrailStepDto } from '../../cases/case-view.dto';

/*
 * The documented shape of GET /audit/cases/{id}/trail (AuditTrail, libs/audit/src/trail/decision-trails.ts): the
 * case's events and its delivery records in one time order, told apart by `source`. Names carry an `AuditTrail`
 * prefix: OpenAPI schema names are global.
 */

/** An event of the case's hash chain, as in the case's decision trail. */
export class AuditTrailEventStepDto extends CaseTrailStepDto {
  @ApiProperty({ enum: ['event'], description: '案件事件（哈希链）/ an event of the case’s hash chain' })
  source!: 'event';
}

export class AuditTrailPlatformDto {
  @ApiProperty({ example: 'credit-china' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: '信用中国' }) name!: string | null;
}

/** Who made a delivery record: the relay's worker (`system`), the platform (`platform`), or the operator. */
export class AuditTrailDeliveryActorDto {
  @ApiProperty({
    description: '工作进程、平台代码或账号标识 / worker, platform code or account id',
    example: 'credit-china',
  })
  id!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty({ enum: ['system', 'platform', 'admin'] }) role!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) roleLabel!: CaseBilingualTextDto;
  @ApiProperty({ type: String, nullable: true }) authorityCode!: string | null;
}

/**
 * A delivery record: an attempt to send a result to a platform and its answer, the platform's receipt (执行反馈),
 * or an operator's retry. Append-only records beside the case, not events of its hash chain.
 */
export class AuditTrailDeliveryStepDto {
  @ApiProperty({
    enum: ['delivery'],
    description: '推送记录（不在案件哈希链中）/ a delivery record, not a hash-chained case event',
  })
  source!: 'delivery';
  @ApiProperty({
    enum: ['attempt', 'receipt', 'retry'],
    description: '推送尝试 / 执行反馈 / 人工重试 — attempt, receipt, operator retry',
  })
  kind!: 'attempt' | 'receipt' | 'retry';
  @ApiProperty() recordedAt!: string;
  @ApiProperty({
    type: AuditTrailDeliveryActorDto,
    description: '推送服务、接收平台或操作的管理员 / the relay, the platform, or the operator',
  })
  actor!: AuditTrailDeliveryActorDto;
  @ApiProperty({ type: CaseBilingualTextDto }) actionLabel!: CaseBilingualTextDto;
  @ApiProperty({ format: 'uuid', description: '消息标识 / message id' }) messageId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'credit-repair.approved' }) topic!: string | null;
  @ApiProperty({
    type: CaseBilingualTextDto,
    nullable: true,
    description: '告知平台的事项 / what the message said',
  })
  happened!: CaseBilingualTextDto | null;
  @ApiProperty({ type: AuditTrailPlatformDto }) platform!: AuditTrailPlatformDto;
  @ApiProperty({ type: Number, nullable: true, description: '第几次推送 / attempt number' }) attempt!:
    number | null;
  @ApiProperty({
    example: 'received',
    description:
      'received / failed / dead-lettered（推送）, done / refused（执行反馈）, requeued / not_retryable（重试）',
  })
  outcome!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) outcomeLabel!: CaseBilingualTextDto;
  @ApiProperty({ type: Number, nullable: true }) httpStatus!: number | null;
  @ApiProperty({ type: String, nullable: true, description: '失败原因 / why it failed' }) error!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: '平台反馈的理由 / the platform’s reason' })
  reason!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '同步确认期限（3个工作日）/ the confirmation limit (3 working days)',
  })
  syncDueAt!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: '执行反馈是否超过期限 / whether the receipt came after the limit',
  })
  late!: boolean | null;
}

@ApiExtraModels(AuditTrailEventStepDto, AuditTrailDeliveryStepDto)
export class AuditTrailDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'repairApplication' }) type!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) typeLabel!: CaseBilingualTextDto;
  @ApiProperty() title!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: CaseBilingualTextDto }) stateLabel!: CaseBilingualTextDto;
  @ApiProperty({ description: '案件事件哈希链完整 / every event hash recomputed and linked' })
  chainIntact!: boolean;
  @ApiProperty({
    type: 'array',
    description: '按时间排列的案件事件与推送记录 / case events and delivery records in time order',
    items: {
      oneOf: [
        { $ref: getSchemaPath(AuditTrailEventStepDto) },
        { $ref: getSchemaPath(AuditTrailDeliveryStepDto) },
      ],
      discriminator: {
        propertyName: 'source',
        mapping: {
          event: getSchemaPath(AuditTrailEventStepDto),
          delivery: getSchemaPath(AuditTrailDeliveryStepDto),
        },
      },
    },
  })
  steps!: (AuditTrailEventStepDto | AuditTrailDeliveryStepDto)[];
}
