import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { beijingDateOf, Clock, InvalidInputError } from '@credence/shared';
import {
  renderMonthlyReportPdf,
  renderMonthlyReportXlsx,
  StatisticsMonthlyReport,
} from '@credence/statistics';
import { MonthlyReportQuery } from './statistics-report.requests';

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * The monthly oversight report (docs/statistics.md, "Monthly report"): the figures of one month as XLSX or PDF, for
 * the same callers and the same scope as the figures themselves.
 */
@ApiTags('statistics 统计')
@ApiBearerAuth()
@Roles('auditor', 'admin', 'senior_reviewer')
@Controller('statistics/reports')
export class StatisticsReportController {
  constructor(
    private readonly report: StatisticsMonthlyReport,
    private readonly clock: Clock,
  ) {}

  @Get('monthly')
  @ApiProduces(TYPES.xlsx, TYPES.pdf)
  @ApiOperation({
    summary: '监管月报（XLSX 或 PDF）/ Monthly oversight report (XLSX or PDF)',
    description:
      '同一月份、同样的数据得到逐字节相同的文件；范围与其他统计接口相同，authority 超出范围时 404。/ The same ' +
      'month and data give byte-identical files; scoped like the other figures, an authority outside it is 404.',
  })
  @ApiOkResponse({ description: '报表文件 / the report file', schema: { type: 'string', format: 'binary' } })
  async monthly(@Query() q: MonthlyReportQuery, @CurrentUser() user: Actor, @Res() res: Response) {
    if (q.month > beijingDateOf(this.clock.now()).slice(0, 7)) {
      throw new InvalidInputError([
        {
          field: 'month',
          code: 'STATISTICS.MONTH_NOT_BEGUN',
          message: { zh: '该月份尚未开始', en: 'That month has not begun' },
        },
      ]);
    }
    const report = await this.report.build(user, q.month, q.authority);
    const file =
      q.format === 'pdf' ? await renderMonthlyReportPdf(report) : await renderMonthlyReportXlsx(report);
    const name = `信用修复监管月报-${q.month}-${report.authority?.code ?? '全国'}.${q.format}`;
    res
      .status(200)
      .setHeader('Content-Type', TYPES[q.format])
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
      .setHeader('X-Content-Type-Options', 'nosniff')
      .end(file);
  }
}
