import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CreateRepairApplicationCommand,
  REPAIR_APPLICATION,
  RepairQueries,
  type RepairAction,
  type RepairActionInput,
} from '@credence/credit-repair';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { CaseActionCommand, type LoadedCase } from '@credence/workflow';
import { AuditedRead } from '../audit/trail/audited-read';
import { ActionRoute, CaseAction, type CaseActionRequest } from '../http/case-action';
import { expectedVersionOf, setETag } from '../http/etag';
import { Ctx, type RequestContext } from '../http/request-context';
import { RepairApplicationViewDto } from './repair-view.dto';
import {
  AcceptRequest,
  ApproveRequest,
  CreateRepairApplicationRequest,
  DraftRequest,
  ExtendRequest,
  ListRepairApplicationsQuery,
  OptionalReasonsRequest,
  RecommendRequest,
  RefusalRequest,
  RequestRepairSupplementRequest,
  RevokeRequest,
  SupplementRequest,
} from './repair.requests';
import { RepairViews } from './repair-views';
import { RepairApplicationPageDto } from './repair-list.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * Credit repair applications (信用修复申请): the applicant files and supplements, the finding authority accepts,
 * reviews and decides. One route per action, so each states what it needs; the machine decides who may act when.
 */
@ApiTags('repair-applications 信用修复')
@ApiBearerAuth()
@Controller('repair-applications')
export class RepairApplicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: RepairQueries,
    private readonly views: RepairViews,
  ) {}

  @Post()
  @Roles('applicant')
  @ApiOperation({
    summary:
      '为本主体的信用记录创建修复申请（草稿），校验申请条件 / Create a draft application for your own record',
  })
  @ApiCreatedResponse({ type: RepairApplicationViewDto, description: '不含决定过程 / without the trail' })
  async create(
    @Body() body: CreateRepairApplicationRequest,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const loaded: LoadedCase = await this.commands.execute(
      new CreateRepairApplicationCommand(body, user, ctx),
    );
    res.status(201).setHeader('Location', `/api/v1/repair-applications/${loaded.caseId}`);
    setETag(res, loaded.version);
    return this.views.of(loaded, user, { trail: false });
  }

  @Get()
  @ApiOperation({
    summary:
      '修复申请列表：申请人为本主体的申请，工作人员为本单位待办（状态、临期、逾期、承办人）/ Applications: your own, or your authority’s queue',
  })
  @ApiOkResponse({ type: RepairApplicationPageDto })
  list(@Query() query: ListRepairApplicationsQuery, @CurrentUser() user: Actor) {
    return this.queries.list(query, user);
  }

  @Get(':id')
  @AuditedRead('case')
  @ApiOperation({
    summary:
      '修复申请详情：可执行操作、时限、材料、决定过程 / An application with its actions, clocks, materials and trail',
  })
  @ApiOkResponse({ type: RepairApplicationViewDto })
  async get(
    @Param('id', uuid) id: string,
    @CurrentUser() user: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const loaded = await this.views.load(id, user);
    setETag(res, loaded.version);
    return this.views.of(loaded, user);
  }

  @Get(':id/decision.pdf')
  @AuditedRead('decision-document')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      '下载决定文书（信用修复决定书、不予修复决定书、不予受理通知书、撤销决定书）/ Download the decision document',
  })
  async decision(@Param('id', uuid) id: string, @CurrentUser() user: Actor, @Res() res: Response) {
    const { pdf, fileName, sha256 } = await this.views.decisionDocument(id, user);
    res
      .status(200)
      .setHeader('Content-Type', 'application/pdf')
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .setHeader('ETag', `"${sha256}"`)
      .setHeader('X-Content-Type-Options', 'nosniff')
      .end(pdf);
  }

  @ActionRoute('update-draft', '修改草稿：添加材料、承诺书 / Edit the draft: add materials, the commitment')
  updateDraft(@Param('id', uuid) id: string, @Body() body: DraftRequest, @CaseAction() r: CaseActionRequest) {
    return this.act(id, 'update-draft', body, r);
  }

  @ActionRoute('submit', '提交申请（须已作出信用承诺）/ Submit (the commitment is required)')
  submit(@Param('id', uuid) id: string, @CaseAction() r: CaseActionRequest) {
    return this.act(id, 'submit', {}, r);
  }

  @ActionRoute('withdraw', '撤回申请（作出决定前）/ Withdraw before a decision')
  withdraw(
    @Param('id', uuid) id: string,
    @Body() body: OptionalReasonsRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'withdraw', body, r);
  }

  @ActionRoute('accept', '受理 / Accept')
  accept(@Param('id', uuid) id: string, @Body() body: AcceptRequest, @CaseAction() r: CaseActionRequest) {
    return this.act(id, 'accept', body, r);
  }

  @ActionRoute('refuse', '不予受理（理由代码、理由、法律依据）/ Refuse to accept')
  refuse(@Param('id', uuid) id: string, @Body() body: RefusalRequest, @CaseAction() r: CaseActionRequest) {
    return this.act(id, 'refuse', body, r);
  }

  @ActionRoute(
    'request-supplement',
    '一次性告知补正（时限暂停）/ Ask for every missing item at once (the clock pauses)',
  )
  requestSupplement(
    @Param('id', uuid) id: string,
    @Body() body: RequestRepairSupplementRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'request-supplement', body, r);
  }

  @ActionRoute('supplement', '提交补正材料 / Supply the missing materials')
  supplement(
    @Param('id', uuid) id: string,
    @Body() body: SupplementRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'supplement', body, r);
  }

  @ActionRoute('extend', '延长办理期限（理由告知申请人）/ Extend the time limit, telling the applicant why')
  extend(@Param('id', uuid) id: string, @Body() body: ExtendRequest, @CaseAction() r: CaseActionRequest) {
    return this.act(id, 'extend', body, r);
  }

  @ActionRoute('recommend', '经办人提出审查意见 / The officer’s recommendation')
  recommend(
    @Param('id', uuid) id: string,
    @Body() body: RecommendRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'recommend', body, r);
  }

  @ActionRoute(
    'approve',
    '准予修复（严重失信与名单移出须由另一名复核人决定）/ Approve (serious: a second reviewer decides)',
  )
  approve(@Param('id', uuid) id: string, @Body() body: ApproveRequest, @CaseAction() r: CaseActionRequest) {
    return this.act(id, 'approve', body, r);
  }

  @ActionRoute('reject', '不予修复（理由、法律依据）/ Reject, with reasons and legal basis')
  reject(@Param('id', uuid) id: string, @Body() body: RefusalRequest, @CaseAction() r: CaseActionRequest) {
    return this.act(id, 'reject', body, r);
  }

  @ActionRoute(
    'revoke',
    '撤销修复（材料不实；违反承诺的，在承诺中认定违诺后自动撤销）：恢复公示并限制再次申请 / Revoke for false materials (a broken commitment revokes through its breach): re-publish and bar new applications',
  )
  @Roles('senior_reviewer')
  revoke(@Param('id', uuid) id: string, @Body() body: RevokeRequest, @CaseAction() r: CaseActionRequest) {
    return this.act(id, 'revoke', body, r);
  }

  private async act(id: string, action: RepairAction, body: RepairActionInput, r: CaseActionRequest) {
    const loaded: LoadedCase = await this.commands.execute(
      new CaseActionCommand(
        REPAIR_APPLICATION,
        id,
        action,
        body,
        r.user,
        r.ctx,
        expectedVersionOf(r.ifMatch),
      ),
    );
    setETag(r.res, loaded.version);
    return this.views.of(loaded, r.user, { trail: false });
  }
}
