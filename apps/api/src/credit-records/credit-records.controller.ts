import {
  Body,
  ParseEnumPipe,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CREDIT_RECORD,
  CreditRecordQueries,
  RegisterCreditRecordCommand,
  type CreditRecordView,
} from '@credence/credit-records';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { CaseActionCommand } from '@credence/workflow';
import { AuditedRead } from '../audit/trail/audited-read';
import { expectedVersionOf, setETag } from '../http/etag';
import { Ctx, type RequestContext } from '../http/request-context';
import { CreditRecordPageDto } from './credit-record-list.dto';
import {
  ListCreditRecordsQuery,
  RecordActionRequest,
  RegisterCreditRecordRequest,
  TechnicalCorrectionRequest,
} from './credit-record.requests';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** What staff may do to a record over HTTP; the other record events come from the repair and objection workflows. */
const STAFF_ACTIONS = { shield: 'shield', 'lift-shield': 'lift-shield' } as const;
type StaffAction = keyof typeof STAFF_ACTIONS;

@ApiTags('credit-records 信用记录')
@ApiBearerAuth()
@Controller('credit-records')
export class CreditRecordsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: CreditRecordQueries,
  ) {}

  @Post()
  @Roles('officer', 'admin')
  @ApiOperation({
    summary:
      '登记信用记录（按认定单位+文书号幂等）/ Register a credit record (idempotent per authority + decision number)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async register(
    @Body() body: RegisterCreditRecordRequest,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CreditRecordView> {
    const input = { ...body, authorityCode: body.authorityCode ?? user.authorityCode ?? '' };
    const { record, created } = await this.commands.execute(
      new RegisterCreditRecordCommand(input, user, ctx),
    );
    res.status(created ? 201 : 200);
    if (created) res.setHeader('Location', `/api/v1/credit-records/${record.caseId}`);
    setETag(res, record.version);
    return this.queries.viewOf(record, user);
  }

  @Get()
  @ApiOperation({
    summary:
      '信用记录列表（仅限可见范围；申请人为本主体的记录）/ List the records you may see (applicants: their own)',
  })
  @ApiOkResponse({ type: CreditRecordPageDto })
  list(@Query() query: ListCreditRecordsQuery, @CurrentUser() user: Actor) {
    return this.queries.list(query, user);
  }

  @Get(':id')
  @AuditedRead('credit-record')
  @ApiOperation({ summary: '信用记录详情 / A credit record with its state, actions and clocks' })
  async get(
    @Param('id', uuid) id: string,
    @CurrentUser() user: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.queries.get(id, user);
    setETag(res, view.version);
    return view;
  }

  // Declared before `:id/:action` so that this path is matched first.
  @Post(':id/technical-correction')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      '平台技术差错更正（管理员，无需认定单位）/ Correct a platform technical error (admin, without the authority)',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: '案件版本 / case version, e.g. "1"' })
  async technicalCorrection(
    @Param('id', uuid) id: string,
    @Body() body: TechnicalCorrectionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CreditRecordView> {
    const loaded = await this.commands.execute(
      new CaseActionCommand(
        CREDIT_RECORD,
        id,
        'technical-correction',
        body,
        user,
        ctx,
        expectedVersionOf(ifMatch),
      ),
    );
    setETag(res, loaded.version);
    return this.queries.viewOf(loaded, user);
  }

  @Post(':id/:action')
  @HttpCode(200)
  @Roles('officer', 'senior_reviewer', 'admin')
  @ApiOperation({
    summary:
      '暂时屏蔽（破产重整）或解除屏蔽 / Shield a record temporarily (bankruptcy reorganisation) or lift the shield',
  })
  @ApiParam({ name: 'action', enum: Object.keys(STAFF_ACTIONS) })
  @ApiHeader({ name: 'If-Match', required: false, description: '案件版本 / case version, e.g. "1"' })
  async act(
    @Param('id', uuid) id: string,
    @Param('action', new ParseEnumPipe(STAFF_ACTIONS, { errorHttpStatusCode: 404 })) action: StaffAction,
    @Body() body: RecordActionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CreditRecordView> {
    const loaded = await this.commands.execute(
      new CaseActionCommand(CREDIT_RECORD, id, action, body, user, ctx, expectedVersionOf(ifMatch)),
    );
    setETag(res, loaded.version);
    return this.queries.viewOf(loaded, user);
  }
}
