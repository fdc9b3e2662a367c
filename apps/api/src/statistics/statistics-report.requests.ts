import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export const REPORT_FORMATS = ['xlsx', 'pdf'] as const;

export class MonthlyReportQuery {
  @ApiProperty({ example: '2026-10', description: '自然月（北京时间）/ calendar month (Beijing)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month!: string;

  @ApiPropertyOptional({
    example: '320800',
    description:
      '单位代码，含全部下级单位；默认为调用者的范围 / authority with everything under it; default: the caller’s',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  authority?: string;

  @ApiProperty({ enum: REPORT_FORMATS, example: 'xlsx' })
  @IsIn(REPORT_FORMATS)
  format!: (typeof REPORT_FORMATS)[number];
}
