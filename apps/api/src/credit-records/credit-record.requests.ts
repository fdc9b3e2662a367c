import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { FIELDS, PUBLIC_STATUSES, RECORD_KINDS, SEVERITIES } from '@credence/credit-records';
import type { PublicStatus, RecordField, RecordKind, Severity } from '@credence/credit-records';
import { IsCalendarDate, IsSubjectCode, SUBJECT_TYPES, type SubjectType } from '@credence/shared';
import { PageQuery } from '../http/page.query';
import { NestedObject } from '../http/nested';

export class SubjectRequest {
  @ApiProperty({ enum: SUBJECT_TYPES, description: '主体类型 / subject type' })
  @IsIn(SUBJECT_TYPES)
  type!: SubjectType;

  @ApiProperty({
    example: '91320830MA1XY0012B',
    description:
      '统一社会信用代码或居民身份证号码（校验码校验）/ USCC or resident ID, check digits validated',
  })
  @IsString()
  @IsSubjectCode('type')
  code!: string;

  @ApiProperty({ example: '盱眙通达道路运输有限公司' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class RegisterCreditRecordRequest {
  @ApiProperty({ type: SubjectRequest })
  @NestedObject(() => SubjectRequest)
  subject!: SubjectRequest;

  @ApiProperty({ enum: RECORD_KINDS, description: '记录种类（令第36号第4条）/ kind (Order 36 Art. 4)' })
  @IsIn(RECORD_KINDS)
  kind!: RecordKind;

  @ApiProperty({ enum: SEVERITIES, description: '失信程度：轻微、一般、严重 / severity' })
  @IsIn(SEVERITIES)
  severity!: Severity;

  @ApiProperty({ enum: FIELDS, description: '领域 / field' })
  @IsIn(FIELDS)
  field!: RecordField;

  @ApiProperty({ example: '盱交罚〔2026〕15号', description: '文书号 / decision number' })
  @IsString()
  @Length(1, 100)
  decisionNumber!: string;

  @ApiProperty({ example: '2026-05-10', description: '决定日期（北京时间日历日）/ decision date' })
  @IsCalendarDate()
  decisionDate!: string;

  @ApiPropertyOptional({
    example: '320830',
    description: '认定单位行政区划代码，默认为本人所在单位 / finding authority, default: yours',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  authorityCode?: string;

  @ApiProperty({ description: '违法失信事实 / facts' })
  @IsString()
  @Length(1, 4000)
  facts!: string;

  @ApiPropertyOptional({ description: '法律依据 / legal basis' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string;
}

/** The reasons of a record action: at least one, each 1–2000 characters. */
const Reasons = (description: string) =>
  applyDecorators(
    ApiProperty({ type: [String], description }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(20),
    IsString({ each: true }),
    Length(1, 2000, { each: true }),
  );

export class RecordActionRequest {
  @Reasons('理由（向申请人和审计展示）/ reasons, shown to the subject and auditors')
  reasons!: string[];

  @ApiPropertyOptional({ description: '法律依据 / legal basis' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string;
}

/** Corrected values; a field left out keeps its value. Only fields that do not move the publicity periods. */
export class RecordCorrectionRequest {
  @ApiPropertyOptional({ description: '更正后的违法失信事实 / corrected facts' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  facts?: string;

  @ApiPropertyOptional({ description: '更正后的法律依据 / corrected legal basis', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string;

  @ApiPropertyOptional({ enum: RECORD_KINDS, description: '更正后的记录种类 / corrected kind' })
  @IsOptional()
  @IsIn(RECORD_KINDS)
  kind?: RecordKind;

  @ApiPropertyOptional({ description: '更正后的主体名称 / corrected subject name' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subjectName?: string;
}

export class TechnicalCorrectionRequest {
  @Reasons(
    '平台技术差错说明（展示记录与认定单位报送不一致的原因）/ the platform error: why the record shown differs from what the authority sent',
  )
  reasons!: string[];

  @ApiProperty({ type: RecordCorrectionRequest })
  @NestedObject(() => RecordCorrectionRequest)
  correction!: RecordCorrectionRequest;
}

export class ListCreditRecordsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(18) subjectCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/) authorityCode?: string;
  @ApiPropertyOptional({ enum: PUBLIC_STATUSES }) @IsOptional() @IsIn(PUBLIC_STATUSES) status?: PublicStatus;
  @ApiPropertyOptional({ enum: RECORD_KINDS }) @IsOptional() @IsIn(RECORD_KINDS) kind?: RecordKind;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  objectionMarked?: boolean;
}
