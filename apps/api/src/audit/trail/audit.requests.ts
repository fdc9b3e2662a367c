import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { DecisionFilter } from '@credence/audit';
import { PageQuery } from '../../http/page.query';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A query's instants: ISO 8601 text, converted once here. */
export function instant(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

export class PeriodQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-06-01T00:00:00+08:00', description: '起（含）/ from (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-07-01T00:00:00+08:00', description: '止（不含）/ to (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class DecisionSearchQuery extends PeriodQuery {
  @ApiPropertyOptional({ description: '主体代码 / subject code' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  subject?: string;

  @ApiPropertyOptional({ description: '单位代码（含下级）/ authority code, with the authorities under it' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  authority?: string;

  @ApiPropertyOptional({ description: '操作人账号 ID 或用户名，或 system / account id, username or system' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  actor?: string;

  @ApiPropertyOptional({ description: '操作名或事件类型 / action name or event type', example: 'shield' })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9-]{0,63}$/)
  action?: string;

  @ApiPropertyOptional({
    description: '结果（进入的状态）/ outcome (the state entered)',
    example: 'shielded',
  })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/)
  outcome?: string;

  @ApiPropertyOptional({ description: '仅逾期案件 / only overdue cases' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ example: 'creditRecord' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{1,40}$/)
  caseType?: string;

  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'json',
    description: 'csv / xlsx：导出全部结果 / export all',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

export function decisionFilterOf(q: DecisionSearchQuery): DecisionFilter {
  return {
    subject: q.subject,
    authority: q.authority,
    actor: q.actor,
    action: q.action,
    outcome: q.outcome,
    from: instant(q.from),
    to: instant(q.to),
    overdue: q.overdue,
    caseType: q.caseType,
  };
}

export class AsOfQuery {
  @ApiProperty({ example: '2026-06-01T10:00:00+08:00', description: '时点 / the instant' })
  @IsISO8601({ strict: true })
  at!: string;
}

export class AccessLogQuery extends PeriodQuery {
  @ApiPropertyOptional({ description: '读取人账号 ID 或用户名 / reader: account id or username' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  actor?: string;

  @ApiPropertyOptional({ description: '被读取的主体代码或对象 ID / subject code or id of what was read' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  subject?: string;
}
