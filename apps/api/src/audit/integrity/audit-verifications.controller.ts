import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VerificationJobs } from '@credence/audit';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { AuditVerificationDto, AuditVerificationStartedDto } from './integrity.dto';
import { StartVerificationRequest } from './integrity.requests';

/** `credence audit verify` as a background job with progress. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('audit/verifications')
@Roles('auditor', 'admin')
export class AuditVerificationsController {
  constructor(private readonly jobs: VerificationJobs) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: '启动完整性校验（后台任务）/ Start an integrity verification in the background' })
  @ApiAcceptedResponse({ type: AuditVerificationStartedDto })
  start(@Body() body: StartVerificationRequest, @CurrentUser() user: Actor) {
    return this.jobs.start(user, body.streamId);
  }

  @Get(':id')
  @ApiOperation({ summary: '校验进度与结果 / Progress and result of a verification' })
  @ApiOkResponse({ type: AuditVerificationDto })
  get(@Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string, @CurrentUser() user: Actor) {
    return this.jobs.get(user, id);
  }
}
