import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLog, CaseTimeTravel, DecisionTrails, StaffActivityReport } from '@credence/audit';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { AuditTrailDto } from './audit-trail.dto';
import { AuditAccessLogPageDto, AuditCaseAsOfDto, AuditCreditRecordAsOfDto } from './audit-reads.dto';
import { AccessLogQuery, AsOfQuery, instant, PeriodQuery } from './audit.requests';
import { AuditedRead } from './audited-read';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** What auditors read: a case's decision trail, any past moment of it, a staff member's activity, the access log. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('audit')
export class AuditTrailController {
  constructor(
    private readonly trails: DecisionTrails,
    private readonly timeTravel: CaseTimeTravel,
    private readonly staff: StaffActivityReport,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('cases/:id/trail')
  @AuditedRead('audit-trail')
  @ApiOperation({
    summary:
      '案件决策轨迹：每一步的操作人、理由、依据、状态变化与哈希 / Decision trail of a case, step by step',
    description:
      '按时间排列案件事件（source=event，哈希链）与结果推送记录（source=delivery：每次推送及平台应答、执行反馈及是否超期、人工重试）。/ ' +
      'Case events (source=event, hash-chained) and delivery records (source=delivery: every attempt and answer, ' +
      'receipts and whether they were late, operator retries) in time order.',
  })
  @ApiOkResponse({ type: AuditTrailDto })
  trail(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    return this.trails.auditTrailOf(id, user);
  }

  @Get('cases/:id/as-of')
  @AuditedRead('audit-as-of')
  @ApiOperation({ summary: '案件在任一过去时点的状态 / The case as it stood at a past instant' })
  @ApiOkResponse({ type: AuditCaseAsOfDto })
  caseAsOf(@Param('id', uuid) id: string, @Query() query: AsOfQuery, @CurrentUser() user: Actor) {
    return this.timeTravel.caseAsOf(id, new Date(query.at), user);
  }

  @Get('credit-records/:id/as-of')
  @AuditedRead('audit-as-of')
  @ApiOperation({ summary: '信用记录在过去时点的内容与状态 / A credit record as it was at a past instant' })
  @ApiOkResponse({ type: AuditCreditRecordAsOfDto })
  recordAsOf(@Param('id', uuid) id: string, @Query() query: AsOfQuery, @CurrentUser() user: Actor) {
    return this.timeTravel.creditRecordAsOf(id, new Date(query.at), user);
  }

  @Get('staff/:accountId/activity')
  @ApiOperation({ summary: '工作人员在某期间的操作 / What a member of staff did in a period' })
  activity(@Param('accountId', uuid) accountId: string, @Query() q: PeriodQuery, @CurrentUser() user: Actor) {
    return this.staff.of(accountId, { from: instant(q.from), to: instant(q.to) }, q.page, q.pageSize, user);
  }

  @Get('access-log')
  @ApiOperation({ summary: '访问日志：谁在何时读取了什么 / Access log: who read what, when' })
  @ApiOkResponse({ type: AuditAccessLogPageDto })
  log(@Query() q: AccessLogQuery, @CurrentUser() user: Actor) {
    const filter = { actor: q.actor, subject: q.subject, from: instant(q.from), to: instant(q.to) };
    return this.accessLog.search(filter, q.page, q.pageSize, user);
  }
}
