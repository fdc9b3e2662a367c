import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CREDIT_GRADES, type CreditGrade } from '@credence/authority-policies';
import { LIST_KINDS, type ListKind } from '@credence/commitments';
import { IsCalendarDate } from '@credence/shared';

class RecordedBy {
  @ApiPropertyOptional({ description: '主体名称 / the subject’s name' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subjectName?: string;

  @ApiPropertyOptional({ description: '文书或通知编号 / the document or notice' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;

  @ApiPropertyOptional({
    description: '作出单位（仅管理员；工作人员为本单位）/ the authority (admins only; staff: their own)',
  })
  @IsOptional()
  @Matches(/^[0-9]{6}$/)
  authorityCode?: string;
}

export class RecordGradeRequest extends RecordedBy {
  @ApiProperty({ enum: CREDIT_GRADES, description: '信用评价等级 / the grade' })
  @IsIn(CREDIT_GRADES)
  grade!: CreditGrade;

  @ApiProperty({
    description: '评价体系，如 highway-construction（公路施工企业信用评价）/ the evaluation scheme',
    example: 'highway-construction',
  })
  @Matches(/^[a-z][a-z0-9-]{1,40}$/)
  scheme!: string;

  @ApiProperty({ description: '评价日期 / evaluated on', example: '2026-03-31' })
  @IsCalendarDate()
  evaluatedOn!: string;

  @ApiPropertyOptional({ description: '有效期至 / valid until (省略为直至新的评价)' })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string;
}

export class RecordListEntryRequest extends RecordedBy {
  @ApiProperty({ enum: LIST_KINDS, description: '红名单、黑名单、重点关注名单 / red, black, key attention' })
  @IsIn(LIST_KINDS)
  list!: ListKind;

  @ApiProperty({ example: '2026-06-01' })
  @IsCalendarDate()
  validFrom!: string;

  @ApiProperty({ description: '有效期至 / valid until', example: '2027-05-31' })
  @IsCalendarDate()
  validUntil!: string;

  @ApiProperty({ description: '列入理由与依据 / why, and on which basis' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class FastTrackQuery {
  @ApiPropertyOptional({ description: '办理事项 / the matter', example: '道路运输经营许可' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  matter?: string;

  @ApiPropertyOptional({
    description: '办理单位（省略为本单位；申请人必填）/ the authority (default: yours; applicants name it)',
  })
  @IsOptional()
  @Matches(/^[0-9]{6}$/)
  authority?: string;
}
