import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { Clock } from '@credence/shared';
import {
  StatisticsCasesList,
  StatisticsFigures,
  StatisticsReports,
  type CaseListFilter,
} from '@credence/statistics';
import {
  StatisticsBacklogDto,
  StatisticsCaseListDto,
  StatisticsCasesDto,
  StatisticsCommitmentsDto,
  StatisticsCountsDto,
  StatisticsFreshnessDto,
  StatisticsOnTimeDto,
  StatisticsOutcomesDto,
  StatisticsPublicationDto,
} from './statistics.dto';
import { filterOf, StatisticsCaseListQuery, StatisticsQuery } from './statistics.requests';

const SCOPE =
  '范围：管理员与全国审计员为全国，其他审计员为本单位及下级，高级审核员为本单位；authority 超出范围时 404。/ ' +
  'Scope: admins and national auditors see the country, other auditors their subtree, senior reviewers their own ' +
  'authority; an authority outside it is 404.';

/**
 * The regulator's figures (docs/statistics.md), read from the statistics read model. Senior reviewers see their own
 * authority's figures: they answer for its time limits.
 */
@ApiTags('statistics 统计')
@ApiBearerAuth()
@Roles('auditor', 'admin', 'senior_reviewer')
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly figures: StatisticsFigures,
    private readonly reports: StatisticsReports,
    private readonly list: StatisticsCasesList,
    private readonly clock: Clock,
  ) {}

  @Get('cases')
  @ApiOperation({ summary: '受理、办结、未办结案件数 / Cases opened, decided, pending', description: SCOPE })
  @ApiOkResponse({ type: StatisticsCasesDto })
  cases(@Query() q: StatisticsQuery, @CurrentUser() user: Actor) {
    return this.figures.cases(user, filterOf(q, this.clock));
  }

  @Get('cases/list')
  @ApiOperation({ summary: '统计数字背后的案件 / The cases behind a figure', description: SCOPE })
  @ApiOkResponse({ type: StatisticsCaseListDto })
  casesList(@Query() q: StatisticsCaseListQuery, @CurrentUser() user: Actor) {
    const filter: CaseListFilter = {
      ...filterOf(q, this.clock),
      figure: q.figure,
      stage: q.stage,
      outcome: q.outcome,
    };
    return this.list.list(user, filter, q.page, q.pageSize);
  }

  @Get('on-time')
  @ApiOperation({
    summary:
      '各法定环节按期办结率（工作日，据时限事件）/ On-time rate per statutory stage, from the clock events',
    description: SCOPE,
  })
  @ApiOkResponse({ type: StatisticsOnTimeDto })
  onTime(@Query() q: StatisticsQuery, @CurrentUser() user: Actor) {
    return this.figures.onTime(user, filterOf(q, this.clock));
  }

  @Get('backlog')
  @ApiOperation({
    summary: '未办结案件的工作日龄分布（截至今天）/ Pending cases by age in working days, as of today',
    description: SCOPE,
  })
  @ApiOkResponse({ type: StatisticsBacklogDto })
  backlog(@Query() q: StatisticsQuery, @CurrentUser() user: Actor) {
    return this.reports.backlog(user, filterOf(q, this.clock));
  }

  @Get('outcomes')
  @ApiOperation({
    summary: '办结结果（含异议答复、复核）/ Outcomes, objection answers, appeals',
    description: SCOPE,
  })
  @ApiOkResponse({ type: StatisticsOutcomesDto })
  outcomes(@Query() q: StatisticsQuery, @CurrentUser() user: Actor) {
    return this.reports.outcomes(user, filterOf(q, this.clock));
  }

  @Get('revocations')
  @ApiOperation({ summary: '撤销修复，按事由 / Revoked repairs by ground', description: SCOPE })
  @ApiOkResponse({ type: StatisticsCountsDto })
  revocations(@Query() q: StatisticsQuery, @CurrentUser() user: Actor) {
    return this.figures.revocations(user, filterOf(q, this.clock));
  }

  @Get('commitments')
  @ApiOperation({ summary: '信用承诺：到期、践诺、违诺 / Commitments due, kept, broken', description: SCOPE })
  @ApiOkResponse({ type: StatisticsCommitmentsDto })
  commitments(@Query() q: StatisticsQuery, @CurrentUser() user: Actor) {
    return this.reports.commitments(user, filterOf(q, this.clock));
  }

  @Get('publication')
  @ApiOperation({
    summary: '双公示：决定后 7 个工作日内公示率 / 双公示: records published within 7 working days',
    description: SCOPE,
  })
  @ApiOkResponse({ type: StatisticsPublicationDto })
  publication(@Query() q: StatisticsQuery, @CurrentUser() user: Actor) {
    return this.reports.publication(user, filterOf(q, this.clock));
  }

  @Get('freshness')
  @ApiOperation({ summary: '数据截至：统计落后事件库多少 / How far the figures are behind the events' })
  @ApiOkResponse({ type: StatisticsFreshnessDto })
  freshness() {
    return this.list.freshness();
  }
}
