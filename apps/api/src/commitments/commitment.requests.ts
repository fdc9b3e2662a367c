import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  BREACH_GROUNDS,
  CHECK_METHODS,
  COMMITMENT_TYPES,
  LINK_KINDS,
  STANDARD_PROMISE_CODES,
  type BreachGround,
  type CheckMethod,
  type CommitmentType,
  type LinkKind,
  type StandardPromise,
} from '@credence/commitments';
import { FIELDS, type RecordField } from '@credence/credit-records';
import { IsCalendarDate, IsSubjectCode, SUBJECT_TYPES, type SubjectType } from '@credence/shared';
import { PageQuery } from '../http/page.query';
import { NestedObjectItems, OptionalNestedObject } from '../http/nested';

export class CommitmentSubjectRequest {
  @ApiProperty({ enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES)
  type!: SubjectType;

  @ApiProperty({
    description: '统一社会信用代码或居民身份证号码（校验位）/ USCC or resident ID (check digits)',
  })
  @IsSubjectCode('type')
  code!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class LinkedDecisionRequest {
  @ApiProperty({
    enum: LINK_KINDS,
    description:
      '依承诺作出的决定：外部许可（文书号）或本系统的信用修复申请（案件编号）/ an external licence or a repair application',
  })
  @IsIn(LINK_KINDS)
  kind!: LinkKind;

  @ApiProperty({ description: '许可文书号，或修复申请的案件 id / the licence number, or the application id' })
  @IsString()
  @Length(1, 100)
  reference!: string;

  @ApiPropertyOptional({ description: '说明，如“道路运输经营许可证” / description' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  description?: string;
}

export class SignCommitmentRequest {
  @ApiProperty({
    enum: COMMITMENT_TYPES,
    description:
      '承诺类型；信用修复承诺在信用修复申请中作出 / the type; a repair commitment is made within the repair application',
  })
  @IsIn(COMMITMENT_TYPES)
  type!: CommitmentType;

  @ApiPropertyOptional({
    description: '承诺所向单位（申请人必填；工作人员为本单位）/ the authority (applicants; staff: their own)',
  })
  @IsOptional()
  @Matches(/^[0-9]{6}$/)
  authorityCode?: string;

  @ApiPropertyOptional({
    type: CommitmentSubjectRequest,
    description: '承诺主体（工作人员登记纸质承诺书时必填）/ the subject (staff recording a signed letter)',
  })
  @OptionalNestedObject(() => CommitmentSubjectRequest)
  subject?: CommitmentSubjectRequest;

  @ApiPropertyOptional({
    description: '办理事项，如“道路运输经营许可” / the matter',
    example: '道路运输经营许可',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  matter?: string;

  @ApiPropertyOptional({ enum: FIELDS, description: '违诺时记录所属领域 / field of the breach record' })
  @IsOptional()
  @IsIn(FIELDS)
  field?: RecordField;

  @ApiPropertyOptional({
    enum: STANDARD_PROMISE_CODES,
    isArray: true,
    description:
      '标准承诺事项（省略为该类型的默认事项）/ standard promises (the type’s defaults when omitted)',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(STANDARD_PROMISE_CODES, { each: true })
  standardPromises?: StandardPromise[];

  @ApiPropertyOptional({ type: [String], description: '事项特定承诺 / matter-specific promises' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  specificPromises?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: '容缺材料（容缺受理必填）/ the missing materials (容缺)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  promisedMaterials?: string[];

  @ApiPropertyOptional({
    description: '承诺补交期限（容缺受理必填）/ the date they are due (容缺)',
    example: '2026-06-30',
  })
  @IsOptional()
  @IsCalendarDate()
  promisedBy?: string;

  @ApiPropertyOptional({ type: LinkedDecisionRequest })
  @OptionalNestedObject(() => LinkedDecisionRequest)
  linked?: LinkedDecisionRequest;

  @ApiProperty({ description: '同意公示承诺 / consent to publish the commitment' })
  @IsBoolean()
  consentToPublish!: boolean;
}

export class WithdrawRequest {
  @ApiPropertyOptional({ type: [String], description: '撤回理由 / reasons' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  reasons?: string[];
}

export class TakeEffectRequest {
  @ApiPropertyOptional({ description: '办理意见 / opinion' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  opinion?: string;

  @ApiPropertyOptional({
    type: LinkedDecisionRequest,
    description: '依承诺作出的决定（如核发的许可证号）/ the decision made on the promise',
  })
  @OptionalNestedObject(() => LinkedDecisionRequest)
  linked?: LinkedDecisionRequest;
}

export class DeliveredMaterialRequest {
  @ApiProperty({ format: 'uuid', description: '已上传文件的编号（POST /files）/ id of an uploaded file' })
  @IsUUID()
  fileId!: string;

  @ApiProperty({ description: '对应的容缺材料名称 / the promised material it stands for' })
  @IsString()
  @Length(1, 100)
  item!: string;
}

export class SupplyMaterialsRequest {
  @ApiProperty({ type: [DeliveredMaterialRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @NestedObjectItems(() => DeliveredMaterialRequest)
  materials!: DeliveredMaterialRequest[];
}

export class StartCheckRequest {
  @ApiProperty({ enum: CHECK_METHODS, description: '核查方式 / how the check is made' })
  @IsIn(CHECK_METHODS)
  method!: CheckMethod;

  @ApiPropertyOptional({ description: '核查安排 / what will be checked' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  description?: string;
}

export class FulfilmentRequest {
  @ApiProperty({ description: '核查情况 / the findings' })
  @IsString()
  @Length(1, 2000)
  findings!: string;

  @ApiPropertyOptional({ description: '依据 / legal basis' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  legalBasis?: string;
}

export class BreachRequest extends FulfilmentRequest {
  @ApiProperty({ enum: BREACH_GROUNDS, description: '违诺情形 / the ground' })
  @IsIn(BREACH_GROUNDS)
  ground!: BreachGround;
}

export class ListCommitmentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COMMITMENT_TYPES })
  @IsOptional()
  @IsIn(COMMITMENT_TYPES)
  type?: CommitmentType;

  @ApiPropertyOptional({ description: '状态或其前缀，如 inForce / a state or its prefix' })
  @IsOptional()
  @Matches(/^[A-Za-z.]{1,60}$/)
  state?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 18)
  subjectCode?: string;

  @ApiPropertyOptional({ enum: ['fulfilled', 'breached', 'withdrawn', 'lapsed'] })
  @IsOptional()
  @IsIn(['fulfilled', 'breached', 'withdrawn', 'lapsed'])
  outcome?: 'fulfilled' | 'breached' | 'withdrawn' | 'lapsed';
}

export class DueForCheckingQuery {
  @ApiPropertyOptional({ default: 7, description: '临期天数 / due within this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  withinDays: number = 7;
}

export class BreachesQuery {
  @ApiPropertyOptional({ description: '单位代码（含下级）/ an authority and those under it' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/)
  authority?: string;

  @ApiPropertyOptional({ description: '月份（北京时间）/ month, Beijing time', example: '2026-06' })
  @IsOptional()
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  month?: string;
}
