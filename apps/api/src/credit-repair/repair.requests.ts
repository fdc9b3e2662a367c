import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import {
  MATERIAL_CATEGORIES,
  REFUSAL_REASON_CODES,
  REVOCATION_GROUNDS,
  type MaterialCategory,
  type RevocationGround,
} from '@credence/credit-repair';
import { PageQuery } from '../http/page.query';
import { NestedObjectItems, OptionalNestedObject } from '../http/nested';

/** A required list of texts (reasons, missing items): at least `min`, each 1–2000 characters. */
const Texts = (min: number, description: string) =>
  applyDecorators(
    ApiProperty({ type: [String], description }),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(50),
    IsString({ each: true }),
    Length(1, 2000, { each: true }),
  );

/** An optional list of texts: when given, at least one, each 1–2000 characters. */
const OptionalTexts = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], description }),
    IsOptional(),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(50),
    IsString({ each: true }),
    Length(1, 2000, { each: true }),
  );

export class AttachMaterialRequest {
  @ApiProperty({ format: 'uuid', description: '已上传文件的编号（POST /files）/ id of an uploaded file' })
  @IsUUID()
  fileId!: string;

  @ApiProperty({
    enum: MATERIAL_CATEGORIES,
    description:
      '材料类别：纠正失信行为证明、信用修复承诺书、其他 / proof of correction, commitment letter, other',
  })
  @IsIn(MATERIAL_CATEGORIES)
  category!: MaterialCategory;
}

export class CommitmentRequest {
  @ApiProperty({ description: '信用修复承诺书内容 / the text of the credit repair commitment' })
  @IsString()
  @Length(1, 5000)
  content!: string;

  @ApiProperty({
    description: '同意公开承诺（令第36号要求公开作出信用承诺）/ consent to publish the commitment',
  })
  @IsBoolean()
  consentToPublish!: boolean;
}

export class DraftRequest {
  @ApiPropertyOptional({ type: [AttachMaterialRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedObjectItems(() => AttachMaterialRequest)
  materials?: AttachMaterialRequest[];

  @ApiPropertyOptional({
    type: CommitmentRequest,
    description:
      '信用修复承诺：作为本申请的信用承诺案件签署并公示；修改草稿时提交新的承诺，原承诺失效 / the repair commitment: signed and published as a commitment case of this application; a new one in the draft replaces the old, which lapses',
  })
  @OptionalNestedObject(() => CommitmentRequest)
  commitment?: CommitmentRequest;
}

export class CreateRepairApplicationRequest extends DraftRequest {
  @ApiProperty({ format: 'uuid', description: '申请修复的信用记录 / the credit record to repair' })
  @IsUUID()
  recordId!: string;
}

export class SupplementRequest {
  @ApiProperty({ type: [AttachMaterialRequest], description: '补正材料 / the materials asked for' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @NestedObjectItems(() => AttachMaterialRequest)
  materials!: AttachMaterialRequest[];

  @OptionalTexts('说明 / statement')
  reasons?: string[];
}

export class OptionalReasonsRequest {
  @OptionalTexts('理由 / reasons')
  reasons?: string[];
}

export class AcceptRequest {
  @ApiPropertyOptional({ description: '受理意见 / opinion' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  opinion?: string;
}

export class ExtendRequest {
  @Texts(1, '延期理由（告知申请人）/ reasons, told to the applicant')
  reasons!: string[];
}

export class RequestRepairSupplementRequest {
  @Texts(1, '一次性告知需补正的全部材料 / everything missing, listed at once')
  items!: string[];

  @OptionalTexts('理由 / reasons')
  reasons?: string[];
}

/** 不予受理 / 不予修复: coded reasons, the reasons in words and the legal basis are all required. */
export class RefusalRequest {
  @ApiProperty({ enum: REFUSAL_REASON_CODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(REFUSAL_REASON_CODES, { each: true })
  reasonCodes!: string[];

  @Texts(1, '理由 / reasons')
  reasons!: string[];

  @ApiProperty({ example: '《信用修复管理办法》第十条', description: '法律依据 / legal basis' })
  @IsString()
  @Length(1, 500)
  legalBasis!: string;

  @ApiPropertyOptional({ description: '审批意见 / opinion' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  opinion?: string;
}

export class RecommendRequest {
  @ApiProperty({
    enum: ['approve', 'reject'],
    description: '建议准予或不予修复 / recommend approval or rejection',
  })
  @IsIn(['approve', 'reject'])
  recommendation!: 'approve' | 'reject';

  @ApiProperty({ description: '审查意见 / the officer’s opinion' })
  @IsString()
  @Length(1, 2000)
  opinion!: string;

  @Texts(1, '理由 / reasons')
  reasons!: string[];
}

export class ApproveRequest {
  @ApiPropertyOptional({ description: '审批意见 / opinion' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  opinion?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  reasons?: string[];

  @ApiProperty({ example: '《信用修复管理办法》第十二条', description: '法律依据 / legal basis' })
  @IsString()
  @Length(1, 500)
  legalBasis!: string;
}

export class RevokeRequest {
  @ApiProperty({
    enum: REVOCATION_GROUNDS,
    description:
      '材料不实；违反承诺（commitment_broken）由承诺的违诺认定触发 / false materials; commitment_broken comes from the commitment’s breach',
  })
  @IsIn(REVOCATION_GROUNDS)
  ground!: RevocationGround;

  @Texts(1, '理由 / reasons')
  reasons!: string[];

  @ApiProperty({ description: '法律依据 / legal basis' })
  @IsString()
  @Length(1, 500)
  legalBasis!: string;
}

export class ListRepairApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '状态（前缀）/ state path or prefix, e.g. open.received' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  state?: string;

  @ApiPropertyOptional({ description: '未办结 / open only (true) or closed only (false)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ enum: ['soon', 'overdue'], description: '临期 / 逾期' })
  @IsOptional()
  @IsIn(['soon', 'overdue'])
  due?: 'soon' | 'overdue';

  @ApiPropertyOptional({ description: '承办人：me 或账号编号 / handling officer: me or an account id' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  assignee?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  recordId?: string;
}
