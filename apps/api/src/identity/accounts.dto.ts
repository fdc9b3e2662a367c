import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ROLES, SUBJECT_TYPES, subjectCodeKind, type Role, type SubjectType } from '@credence/identity';
import { IsDivisionCode, IsResidentIdNumberWhen, IsSubjectCodeAny, IsUsccWhen } from './validators';

/** Which identifier the subject code must be follows the subject type (organisations: USCC, persons: ID number). */
const isPerson = (dto: object) => {
  const type = (dto as CreateAccountDto).subjectType;
  return type !== undefined && subjectCodeKind(type) === 'resident-id';
};

export class CreateAccountDto {
  @ApiProperty({ example: 'officer-jinhu', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/)
  username!: string;

  @ApiProperty({ minLength: 8, maxLength: 256 })
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  password!: string;

  @ApiProperty({ example: '金湖县经办人' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ enum: ROLES, example: 'officer' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    example: '320830',
    description: '经办人、复核人必填；审计可选（不填=全部） / staff authority',
  })
  @IsOptional()
  @IsDivisionCode()
  authorityCode?: string;

  @ApiPropertyOptional({ enum: SUBJECT_TYPES, description: '申请人必填 / required for applicants' })
  @IsOptional()
  @IsIn(SUBJECT_TYPES)
  subjectType?: SubjectType;

  @ApiPropertyOptional({
    description: '组织：统一社会信用代码；自然人：居民身份证号码 / USCC or resident ID number',
  })
  @IsOptional()
  @IsString()
  @IsUsccWhen((dto) => !isPerson(dto))
  @IsResidentIdNumberWhen(isPerson)
  subjectCode?: string;

  @ApiPropertyOptional({ description: '申请人必填，例如 盱眙通达道路运输有限公司 / required for applicants' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subjectName?: string;
}

export class ListAccountsQuery {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 10_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  offset?: number;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) authorityCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) authorityPath!: string | null;
  @ApiProperty({ nullable: true, enum: SUBJECT_TYPES }) subjectType!: SubjectType | null;
  @ApiProperty({ nullable: true, type: String }) subjectCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) subjectName!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RelatedSubjectDto {
  @ApiProperty({ description: '统一社会信用代码或居民身份证号码 / USCC or resident ID number' })
  @IsString()
  @IsSubjectCodeAny()
  subjectCode!: string;

  @ApiPropertyOptional({ description: '关联原因 / why' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class WithdrawRelatedSubjectDto {
  @ApiProperty({ description: '统一社会信用代码或居民身份证号码 / USCC or resident ID number' })
  @IsString()
  @IsSubjectCodeAny()
  subjectCode!: string;

  @ApiProperty({
    description: '撤回原因（记入账号变更记录） / why (kept in the account history)',
    maxLength: 500,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class RelatedSubjectViewDto {
  @ApiProperty() subjectCode!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) declaredAt!: string;
}

export class AccountChangeDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: ['created', 'deactivated', 'activated', 'related-declared', 'related-withdrawn'] })
  change!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '创建时的账号信息，或关联主体与原因 / the account as created, or the subject and reason',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ description: '账号 ID，或系统（cli、demo-seed、migration） / an account id, or the system' })
  actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}
