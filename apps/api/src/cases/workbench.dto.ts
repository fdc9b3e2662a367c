import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../http/page.query';
import { CaseActionRefusalDto, CaseBilingualTextDto } from './case-view.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACCOUNT = '同单位同事的账户 id / account id of a colleague of the same authority';

export class ClaimDto {
  @ApiPropertyOptional({
    description: '接管同事已认领的待办时必填 / Required to take over a colleague’s item',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ReleaseDto extends ClaimDto {}

export class HandOverDto {
  @ApiProperty({ format: 'uuid', description: ACCOUNT })
  @IsUUID()
  to!: string;
  @ApiProperty({ minLength: 1, maxLength: 500, example: '本人出差，转同事办理' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class ResolveDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: '材料已核实，建议准予修复' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  opinion!: string;
}

export class ReturnDto {
  @ApiProperty({
    description: '可退回环节（GET return-targets 的 to）/ A return target’s `to`',
    example: 'review',
  })
  @IsString()
  @Matches(/^[a-z][a-z-]{0,40}$/)
  to!: string;
  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, example: ['审查意见未说明整改证明的来源'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(500, { each: true })
  reasons!: string[];
}

export class AddSignersDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 20, description: ACCOUNT })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  accounts!: string[];
  @ApiProperty({ enum: ['before', 'after'], description: '前加签（先于办理人）/ 后加签（在办理人之后）' })
  @IsIn(['before', 'after'])
  mode!: 'before' | 'after';
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class SignDto {
  @ApiProperty({ description: '同意 / agree' })
  @IsBoolean()
  agree!: boolean;
  @ApiProperty({ minLength: 1, maxLength: 2000, example: '同意移出' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  opinion!: string;
}

export class RecallDto extends ClaimDto {}

export class CopyDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 20, description: ACCOUNT })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  to!: string[];
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class UrgeDto {
  @ApiPropertyOptional({ maxLength: 500, example: '临近办理期限，请尽快处理' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CommentDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    description: '内部意见，不向申请人或公众展示 / Internal only',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  comment!: string;
}

export class DeputyDto {
  @ApiProperty({
    format: 'uuid',
    description: '代理人（同单位同角色）/ the deputy (same authority and role)',
  })
  @IsUUID()
  deputy!: string;
  @ApiProperty({ example: '2026-10-08', description: '北京时间日期（含）/ Beijing date, included' })
  @Matches(DATE)
  from!: string;
  @ApiProperty({ example: '2026-10-16', description: '北京时间日期（含）/ Beijing date, included' })
  @Matches(DATE)
  to!: string;
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class BulkClaimDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  caseIds!: string[];
}

export class BulkTransferDto extends BulkClaimDto {
  @ApiProperty({ format: 'uuid', description: ACCOUNT })
  @IsUUID()
  to!: string;
  @ApiProperty({ minLength: 1, maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class WorkQueueQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['mine', 'unclaimed', 'role', 'delegated', 'signing', 'copied', 'all'],
    default: 'role',
    description: '我的 / 待认领 / 本角色 / 委派给我 / 待我会签 / 抄送我的 / 本单位全部',
  })
  @IsOptional()
  @IsIn(['mine', 'unclaimed', 'role', 'delegated', 'signing', 'copied', 'all'])
  view?: 'mine' | 'unclaimed' | 'role' | 'delegated' | 'signing' | 'copied' | 'all';
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-zA-Z]{1,40}$/) type?: string;
  @ApiPropertyOptional({ enum: ['soon', 'overdue'], description: '临期 / 逾期' })
  @IsOptional()
  @IsIn(['soon', 'overdue'])
  due?: 'soon' | 'overdue';
  @ApiPropertyOptional({ enum: ['due', 'follow-up'], default: 'due', description: '按期限 / 按催办（跟进）' })
  @IsOptional()
  @IsIn(['due', 'follow-up'])
  sort?: 'due' | 'follow-up';
}

/** A co-signer of the current step (会签人) and whether they have given their opinion. */
export class WorkSignerDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ enum: ['before', 'after'], description: '前加签 / 后加签' }) mode!: 'before' | 'after';
  @ApiProperty() signed!: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: '同意（未签署为 null）/ agreed' })
  agree!: boolean | null;
}

/** A step the case may be returned to (GET return-targets), by the `to` a return names. */
export class WorkReturnTargetDto {
  @ApiProperty({ example: 'review' }) to!: string;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) label!: CaseBilingualTextDto | null;
}

/**
 * Whether the caller may claim the step (认领), judged by the claim command's own check: `reasonRequired` when a
 * colleague holds it and the caller may take it over (接管) with a reason; `refusal` the words a claim meets now.
 */
export class WorkClaimDto {
  @ApiProperty({ description: '现在认领会被接受 / a claim as it is would be accepted' }) allowed!: boolean;
  @ApiProperty({ description: '同事已认领，说明理由后可接管 / a take-over with a reason would be accepted' })
  reasonRequired!: boolean;
  @ApiProperty({ type: CaseActionRefusalDto, nullable: true, description: '认领会遇到的拒绝 / the refusal' })
  refusal!: CaseActionRefusalDto | null;
}

/** Who holds a case's current step, as every workbench operation answers. */
export class WorkStateDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: CaseBilingualTextDto, description: '当前环节 / the current step' })
  stateLabel!: CaseBilingualTextDto;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null：待认领 / unclaimed' })
  holderId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) delegateId!: string | null;
  @ApiProperty({ type: [WorkSignerDto], description: '会签人 / co-signers' })
  signers!: WorkSignerDto[];
  @ApiProperty({ type: [String] }) copiedTo!: string[];
  @ApiProperty({ nullable: true, type: String }) lastUrgedOn!: string | null;
  @ApiProperty({ description: '可撤回 / the actor may withdraw their last step or hand-over' })
  recallable!: boolean;
  @ApiProperty({ type: [WorkReturnTargetDto], description: '可退回环节 / return targets' })
  returnTargets!: WorkReturnTargetDto[];
  @ApiProperty({ type: WorkClaimDto, description: '本人可否认领或接管 / whether you may claim or take over' })
  claim!: WorkClaimDto;
}
