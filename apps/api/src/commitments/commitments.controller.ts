import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  COMMITMENT,
  CommitmentQueries,
  SignCommitmentCommand,
  type CommitmentAction,
  type CommitmentActionInput,
} from '@credence/commitments';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { CaseActionCommand, type LoadedCase } from '@credence/workflow';
import { AuditedRead } from '../audit/trail/audited-read';
import { ActionRoute, CaseAction, type CaseActionRequest } from '../http/case-action';
import { expectedVersionOf, setETag } from '../http/etag';
import { Ctx, type RequestContext } from '../http/request-context';
import {
  BreachesQuery,
  BreachRequest,
  DueForCheckingQuery,
  FulfilmentRequest,
  ListCommitmentsQuery,
  SignCommitmentRequest,
  StartCheckRequest,
  SupplyMaterialsRequest,
  TakeEffectRequest,
  WithdrawRequest,
} from './commitment.requests';
import { CommitmentViews } from './commitment-views';
import { CommitmentListPageDto } from './commitment-list.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * Credit commitments (信用承诺): the subject signs (or staff record a signed letter), the authority relies on it, checks
 * fulfilment by the due date and records 践诺 or 违诺; a 容缺 promise is kept by supplying the materials in time and
 * broken by the system when the date passes. One route per action; the machine decides who may act when.
 */
@ApiTags('commitments 信用承诺')
@ApiBearerAuth()
@Controller('commitments')
export class CommitmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: CommitmentQueries,
    private readonly views: CommitmentViews,
  ) {}

  @Post()
  @Roles('applicant', 'officer', 'senior_reviewer')
  @ApiOperation({
    summary:
      '签署信用承诺（告知承诺、容缺受理须符合信易批条件）/ Sign a commitment (fast tracks need an eligible subject)',
  })
  async sign(
    @Body() body: SignCommitmentRequest,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const loaded: LoadedCase = await this.commands.execute(new SignCommitmentCommand(body, user, ctx));
    res.status(201).setHeader('Location', `/api/v1/commitments/${loaded.caseId}`);
    setETag(res, loaded.version);
    return this.views.of(loaded, user);
  }

  @Get()
  @ApiOperation({
    summary:
      '信用承诺列表：申请人为本主体的承诺，工作人员为本单位 / Commitments: your own, or your authority’s',
  })
  @ApiOkResponse({ type: CommitmentListPageDto })
  list(@Query() query: ListCommitmentsQuery, @CurrentUser() user: Actor) {
    return this.queries.list(query, user);
  }

  // Declared before `:id` so that these paths are matched first.
  @Get('due-for-checking')
  @Roles('officer', 'senior_reviewer', 'auditor', 'admin')
  @ApiOperation({
    summary: '待践诺核查：临期与逾期 / Commitments due for the fulfilment check: due soon and overdue',
  })
  dueForChecking(@Query() query: DueForCheckingQuery, @CurrentUser() user: Actor) {
    return this.queries.dueForChecking(user, query.withinDays);
  }

  @Get('breaches')
  @Roles('officer', 'senior_reviewer', 'auditor', 'admin')
  @ApiOperation({ summary: '违诺统计：按单位和月份 / Breaches by authority and month' })
  breaches(@Query() query: BreachesQuery, @CurrentUser() user: Actor) {
    return this.queries.breaches(user, query);
  }

  @Get(':id')
  @AuditedRead('case')
  @ApiOperation({
    summary:
      '信用承诺详情：可执行操作、核查期限、违诺后果、决定过程 / A commitment with actions, due date, consequences, trail',
  })
  async get(
    @Param('id', uuid) id: string,
    @CurrentUser() user: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const loaded = await this.views.load(id, user);
    setETag(res, loaded.version);
    return this.views.of(loaded, user);
  }

  @ActionRoute('withdraw', '撤回承诺（依承诺办理前）/ Withdraw, before the authority relies on it')
  withdraw(@Param('id', uuid) id: string, @Body() body: WithdrawRequest, @CaseAction() r: CaseActionRequest) {
    return this.act(id, 'withdraw', body, r);
  }

  @ActionRoute(
    'take-effect',
    '依承诺办理，承诺生效，开始计算核查期限 / Act on the commitment: it takes effect and the check falls due',
  )
  takeEffect(
    @Param('id', uuid) id: string,
    @Body() body: TakeEffectRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'take-effect', body, r);
  }

  @ActionRoute(
    'supply-materials',
    '补交容缺材料（期限内全部补齐即为践诺）/ Supply the promised materials (all in time: kept)',
  )
  supplyMaterials(
    @Param('id', uuid) id: string,
    @Body() body: SupplyMaterialsRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'supply-materials', body, r);
  }

  @ActionRoute('start-check', '开始践诺核查（核查方式）/ Start the fulfilment check (its method)')
  startCheck(
    @Param('id', uuid) id: string,
    @Body() body: StartCheckRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'start-check', body, r);
  }

  @ActionRoute('record-fulfilment', '认定践诺（核查情况）/ Record the commitment as kept, with the findings')
  recordFulfilment(
    @Param('id', uuid) id: string,
    @Body() body: FulfilmentRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'record-fulfilment', body, r);
  }

  @ActionRoute(
    'record-breach',
    '认定违诺：登记违诺失信信息、撤销依承诺作出的决定、丧失信易批资格 / Record a breach: the record, the revocation, the lost fast tracks',
  )
  recordBreach(
    @Param('id', uuid) id: string,
    @Body() body: BreachRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'record-breach', body, r);
  }

  private async act(id: string, action: CommitmentAction, body: CommitmentActionInput, r: CaseActionRequest) {
    const loaded: LoadedCase = await this.commands.execute(
      new CaseActionCommand(COMMITMENT, id, action, body, r.user, r.ctx, expectedVersionOf(r.ifMatch)),
    );
    setETag(r.res, loaded.version);
    return this.views.of(loaded, r.user);
  }
}
