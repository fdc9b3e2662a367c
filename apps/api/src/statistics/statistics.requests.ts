import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  addCalendarMonths,
  addDays,
  beijingDateOf,
  InvalidInputError,
  IsCalendarDate,
  type Clock,
} from '@credence/shared';
import {
  GROUP_BY,
  LISTED_FIGURES,
  type GroupBy,
  type ListedFigure,
  type StatisticsFilter,
} from '@credence/statistics';
import { PageQuery } from '../http/page.query';

/** The longest period one answer covers: ten years of months is more than any report asks for. */
const MAX_DAYS = 3700;

export class StatisticsQuery {
  @ApiPropertyOptional({
    example: '2026-10-01',
    description: '起始日（含，北京时间）/ first day (inclusive, Beijing)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: '截止日（含）/ last day (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    example: '2026-10',
    description:
      '自然月（代替 from/to）；都未给出时为本月 / a calendar month instead of from/to; default: this month',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month?: string;

  @ApiPropertyOptional({
    example: '320800',
    description:
      '单位代码：含全部下级单位（GB/T 2260 汇总），也是下钻的起点 / authority: with every authority under it, and where a drill-down starts',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  authority?: string;

  @ApiPropertyOptional({ example: 'repairApplication', description: '案件类型 / case type' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{1,40}$/)
  caseType?: string;

  @ApiPropertyOptional({
    enum: GROUP_BY,
    description:
      'authority：按直属下级单位（下钻）；month：按月；type：按案件类型 / by the authorities directly under, by month, by case type',
  })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: GroupBy;
}

export class StatisticsCaseListQuery extends PageQuery {
  @ApiProperty({
    enum: LISTED_FIGURES,
    description:
      'opened 受理 / decided 办结 / pending 期末未办结 / late 期内有超期环节 — which figure the cases stand behind',
  })
  @IsIn(LISTED_FIGURES)
  figure!: ListedFigure;

  @ApiPropertyOptional({ example: '2026-10-01' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-10-31' }) @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ example: '2026-10' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month?: string;
  @ApiPropertyOptional({ example: '320830' }) @IsOptional() @Matches(/^\d{6}$/) authority?: string;
  @ApiPropertyOptional({ example: 'repairApplication' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{1,40}$/)
  caseType?: string;

  @ApiPropertyOptional({
    example: 'repair.acceptance',
    description: '环节（时限代码），用于 late / stage, with late',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z.-]{0,63}$/)
  stage?: string;

  @ApiPropertyOptional({ example: 'approved', description: '办结结果 / outcome' })
  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/)
  outcome?: string;
}

/** The period asked for: from/to, or a month, or this month (Beijing) when neither is given. */
export function filterOf(q: StatisticsQuery | StatisticsCaseListQuery, clock: Clock): StatisticsFilter {
  let from = q.from;
  let to = q.to;
  if (q.month) {
    from = `${q.month}-01`;
    to = addDays(addCalendarMonths(from, 1), -1);
  } else if (!from || !to) {
    const month = beijingDateOf(clock.now()).slice(0, 7);
    from ??= `${month}-01`;
    to ??= addDays(addCalendarMonths(`${month}-01`, 1), -1);
  }
  if (to < from || to > addDays(from, MAX_DAYS)) {
    throw new InvalidInputError([
      {
        field: 'to',
        code: 'STATISTICS.PERIOD_INVALID',
        message: {
          zh: '截止日须不早于起始日，且期间不超过十年',
          en: 'The last day must not be before the first, and the period at most ten years',
        },
      },
    ]);
  }
  return {
    from,
    to,
    authority: q.authority,
    caseType: q.caseType,
    groupBy: 'groupBy' in q ? q.groupBy : undefined,
  };
}
