import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DecisionExports } from '@credence/audit';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { AuditDecisionPageDto } from './audit-reads.dto';
import { decisionFilterOf, DecisionSearchQuery } from './audit.requests';
import { AuditedRead } from './audited-read';

const exportFormat = (req: Request) =>
  req.query.format === 'csv' || req.query.format === 'xlsx' ? req.query.format : null;

/** Search across cases, one row per step, and the same query exported as CSV or XLSX. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('audit/decisions')
export class AuditDecisionsController {
  constructor(private readonly exports: DecisionExports) {}

  @Get()
  @AuditedRead('audit-export', {
    scope: 'reader',
    when: (req) => exportFormat(req) !== null,
    resource: (req) => `decisions.${exportFormat(req)}`,
    detail: (req) => ({ query: req.query }),
  })
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOperation({
    summary:
      '跨案件检索决策步骤（可导出 CSV / XLSX）/ Search decision steps across cases (export as CSV or XLSX)',
  })
  @ApiOkResponse({
    type: AuditDecisionPageDto,
    description: 'format=json（默认）/ format=json (the default)',
  })
  async search(
    @Query() q: DecisionSearchQuery,
    @CurrentUser() user: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const filter = decisionFilterOf(q);
    // Files are streamed straight to the response; the JSON page goes out the same way to share the route.
    if (q.format === 'csv' || q.format === 'xlsx') {
      await this.exports.send(filter, q.format, user, res);
      return;
    }
    res.json(await this.exports.search.search(filter, q.page, q.pageSize, user));
  }
}
