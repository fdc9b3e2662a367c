import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  APPEAL_OUTCOMES,
  OBJECTION_GROUNDS,
  OBJECTION_MATERIAL_CATEGORIES,
  OBJECTION_OUTCOMES,
  OBJECTION_STAGES,
  REFUSAL_REASONS,
  type AppealOutcome,
  type ObjectionGround,
  type ObjectionMaterialCategory,
  type ObjectionOutcome,
  type ObjectionStage,
  type RefusalReason,
} from '@credence/objections';
import { RecordCorrectionRequest } from '../credit-records/credit-record.requests';
import { PageQuery } from '../http/page.query';
import { NestedObject, NestedObjectItems, OptionalNestedObject } from '../http/nested';

const MAX_MATERIALS = 50;

/** A list of short texts (reasons, items): one paragraph each, as the notice prints them. */
function Texts(): PropertyDecorator {
  return (target, key) => {
    for (const decorate of [
      IsArray(),
      ArrayMaxSize(20),
      IsString({ each: true }),
      Length(1, 2000, { each: true }),
    ])
      decorate(target, key);
  };
}

/** A file handed in with an objection and what it proves: the shape repair applications take, with its own categories. */
export class ObjectionMaterialRequest {
  @ApiProperty({ format: 'uuid', description: '已上传文件的编号（POST /files）/ id of an uploaded file' })
  @IsUUID('all')
  fileId!: string;

  @ApiProperty({
    enum: OBJECTION_MATERIAL_CATEGORIES,
    description:
      '材料类别：证明材料、身份证明、授权委托书、其他 / evidence, proof of identity, power of attorney, other',
  })
  @IsIn(OBJECTION_MATERIAL_CATEGORIES)
  category!: ObjectionMaterialCategory;
}

export class ObjectionCommitmentRequest {
  @ApiProperty({
    example: '本单位承诺所提交的异议申请及证明材料真实、合法、有效，如有虚假，愿承担相应法律责任。',
    description: '异议申诉信用承诺书内容 / the objection commitment',
  })
  @IsString()
  @Length(1, 4000)
  content!: string;

  @ApiProperty({ example: true, description: '同意承诺（必须为 true）/ consent, must be true' })
  @IsIn([true])
  consent!: boolean;
}

export class FileObjectionRequest {
  @ApiProperty({ format: 'uuid', description: '异议的信用记录 / the record objected to' })
  @IsUUID('all')
  recordId!: string;

  @ApiProperty({ enum: OBJECTION_GROUNDS, description: '异议事由 / ground' })
  @IsIn(OBJECTION_GROUNDS)
  ground!: ObjectionGround;

  @ApiProperty({ description: '异议请求及理由 / what is wrong and why' })
  @IsString()
  @Length(1, 4000)
  statement!: string;

  @ApiPropertyOptional({
    type: [ObjectionMaterialRequest],
    description: '已上传的证明材料（POST /files）/ uploaded materials (none for e.g. 重复公示)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MATERIALS)
  @NestedObjectItems(() => ObjectionMaterialRequest)
  materials?: ObjectionMaterialRequest[];

  @ApiProperty({ type: ObjectionCommitmentRequest })
  @NestedObject(() => ObjectionCommitmentRequest)
  commitment!: ObjectionCommitmentRequest;

  @ApiPropertyOptional({
    description: '对修复结果提出异议时：该修复申请 / for repair_result: the application',
  })
  @IsOptional()
  @IsUUID('all')
  repairApplicationId?: string;
}

export class AcceptObjectionRequest {
  @ApiPropertyOptional({ description: '受理意见 / opinion' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  opinion?: string;
}

export class RefuseObjectionRequest {
  @ApiProperty({ enum: REFUSAL_REASONS, isArray: true, description: '不予受理理由代码 / coded reasons' })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(REFUSAL_REASONS, { each: true })
  reasonCodes!: RefusalReason[];

  @ApiPropertyOptional({ type: [String], description: '具体理由 / reasons in words' })
  @IsOptional()
  @Texts()
  reasons?: string[];

  @ApiPropertyOptional({ description: '法律依据 / legal basis' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string;
}

export class RequestObjectionSupplementRequest {
  @ApiProperty({
    type: [String],
    description: '需补正的材料或事项（一次性告知）/ what to hand in, all at once',
  })
  @Texts()
  @ArrayNotEmpty()
  items!: string[];

  @ApiPropertyOptional({ type: [String], description: '理由 / reasons' })
  @IsOptional()
  @Texts()
  reasons?: string[];
}

export class SupplementObjectionRequest {
  @ApiProperty({ type: [ObjectionMaterialRequest], description: '补正材料 / the materials handed in' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_MATERIALS)
  @NestedObjectItems(() => ObjectionMaterialRequest)
  materials!: ObjectionMaterialRequest[];

  @ApiPropertyOptional({ description: '补充说明 / statement' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  statement?: string;
}

export class ExtendVerificationRequest {
  @ApiProperty({ type: [String], description: '延期理由（告知异议人）/ why, told to the subject' })
  @Texts()
  @ArrayNotEmpty()
  reasons!: string[];
}

/** How the API docs describe the shared fields: an answer and an appeal decision word them differently. */
interface DecisionTexts {
  reasons: string;
  opinion: string;
  note: string;
}

/** The fields an answer and an appeal decision share, validated alike (a class factory, as Nest's mapped types are). */
function DecisionFields(texts: DecisionTexts) {
  abstract class Decision {
    @ApiProperty({ type: [String], description: texts.reasons })
    @Texts()
    @ArrayNotEmpty()
    reasons!: string[];

    @ApiProperty({ description: '法律依据 / legal basis' })
    @IsString()
    @Length(1, 500)
    legalBasis!: string;

    @ApiPropertyOptional({ description: texts.opinion })
    @IsOptional()
    @IsString()
    @Length(1, 2000)
    opinion?: string;

    @ApiPropertyOptional({
      type: RecordCorrectionRequest,
      description: '更正内容（仅更正）/ for correct only',
    })
    @OptionalNestedObject(() => RecordCorrectionRequest)
    correction?: RecordCorrectionRequest;

    @ApiPropertyOptional({ description: texts.note })
    @IsOptional()
    @IsString()
    @Length(1, 500)
    note?: string;
  }
  return Decision;
}

/** The answer (异议处理结果). `correction` with `correct` only; `note` with `unverifiable` only. */
export class UpholdObjectionRequest extends DecisionFields({
  reasons: '核实情况与理由 / what the check found',
  opinion: '审批意见 / opinion',
  note: '无法核实时记载于记录旁的说明（公开）/ for unverifiable: what is noted next to the record (public)',
}) {
  @ApiProperty({ enum: OBJECTION_OUTCOMES, description: '处理结果：更正、删除、维持、无法核实 / outcome' })
  @IsIn(OBJECTION_OUTCOMES)
  outcome!: ObjectionOutcome;
}

export class WithdrawObjectionRequest {
  @ApiPropertyOptional({ type: [String], description: '撤回理由 / reasons' })
  @IsOptional()
  @Texts()
  reasons?: string[];
}

export class AppealObjectionRequest {
  @ApiProperty({ description: '复核请求及理由 / why the answer is wrong' })
  @IsString()
  @Length(1, 4000)
  statement!: string;

  @ApiPropertyOptional({ type: [ObjectionMaterialRequest], description: '新的证明材料 / further materials' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MATERIALS)
  @NestedObjectItems(() => ObjectionMaterialRequest)
  materials?: ObjectionMaterialRequest[];
}

/**
 * `outcome` says what the appeal decided, as for every decision: `upheld` keeps the answer; `overturned` replaces it
 * with `newOutcome` (never one less favourable to the subject).
 */
export class DecideAppealRequest extends DecisionFields({
  reasons: '复核理由 / reasons',
  opinion: '复核意见 / opinion',
  note: '无法核实时记载于记录旁的说明（公开）/ for unverifiable: the public note',
}) {
  @ApiProperty({
    enum: APPEAL_OUTCOMES,
    description: '复核结果：维持或撤销原处理结果 / the appeal’s outcome: the answer upheld or overturned',
  })
  @IsIn(APPEAL_OUTCOMES)
  outcome!: AppealOutcome;

  @ApiPropertyOptional({
    enum: OBJECTION_OUTCOMES,
    description:
      '撤销时取代原结果的处理结果（撤销时必填）/ the outcome replacing the answer (required when overturned)',
  })
  @ValidateIf((o: DecideAppealRequest) => o.outcome === 'overturned' || o.newOutcome !== undefined)
  @IsIn(OBJECTION_OUTCOMES)
  newOutcome?: ObjectionOutcome;
}

export class ListObjectionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OBJECTION_STAGES, description: '阶段 / stage' })
  @IsOptional()
  @IsIn(OBJECTION_STAGES)
  state?: ObjectionStage;

  @ApiPropertyOptional({ enum: OBJECTION_GROUNDS })
  @IsOptional()
  @IsIn(OBJECTION_GROUNDS)
  ground?: ObjectionGround;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') recordId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(18) subjectCode?: string;

  @ApiPropertyOptional({ description: '仅办理中 / open only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ enum: ['soon', 'overdue'], description: '临期 / 逾期' })
  @IsOptional()
  @IsIn(['soon', 'overdue'])
  due?: 'soon' | 'overdue';
}
