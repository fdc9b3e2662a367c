import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { Incidents } from '@credence/notifications';
import { IncidentPageDto, IncidentsQuery, RetryAnswerDto, RetryIncidentsRequest } from './incidents.dto';

/**
 * The operations view: failed and dead-lettered deliveries and messages, refused reactions. Admins and auditors
 * read it within their scope; only admins retry, and every retry is recorded with who asked.
 */
@ApiTags('operations 运维')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: Incidents) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: '异常事件（推送、通知、联动）/ Incidents: deliveries, messages, reactions' })
  @ApiOkResponse({ type: IncidentPageDto })
  async list(@Query() query: IncidentsQuery, @CurrentUser() user: Actor) {
    const { total, items } = await this.incidents.list(user, {
      ...query,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { total, page: query.page, pageSize: query.pageSize, items };
  }

  @Post('retry')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: '重试一个或多个异常事件（管理员，留痕）/ Retry one or many incidents (admin, recorded)',
  })
  @ApiOkResponse({ type: RetryAnswerDto })
  async retry(@Body() body: RetryIncidentsRequest, @CurrentUser() admin: Actor) {
    return { results: await this.incidents.retry(body.ids, admin) };
  }
}
