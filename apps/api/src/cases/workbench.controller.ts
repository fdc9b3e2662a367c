import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Actor } from '@credence/identity';
import {
  CaseNotes,
  claimStanding,
  CoSigning,
  Deputies,
  returnTargetsOf,
  stateLabel,
  Workbench,
  WorkbenchAccess,
  WorkQueue,
  type LoadedCase,
  type RequestOrigin,
} from '@credence/workflow';
import { Ctx, type RequestContext } from '../http/request-context';
import {
  AddSignersDto,
  BulkClaimDto,
  BulkTransferDto,
  ClaimDto,
  CommentDto,
  CopyDto,
  DeputyDto,
  HandOverDto,
  RecallDto,
  ReleaseDto,
  ResolveDto,
  ReturnDto,
  SignDto,
  UrgeDto,
  WorkReturnTargetDto,
  WorkStateDto,
} from './workbench.dto';
import { WorkbenchBulkResultDto, WorkbenchColleagueDto, WorkbenchCommentDto } from './workbench-reads.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const origin = (ctx: RequestContext): RequestOrigin => ({ ...ctx });

/**
 * The reviewer workbench, one set of routes for every case type (ADR 0027). Only staff of the case's own authority
 * reach a case here; anyone else gets 404. Each operation answers who holds the step afterwards.
 */
@ApiTags('workbench 工作台')
@ApiBearerAuth()
@Controller()
export class WorkbenchController {
  constructor(
    private readonly workbench: Workbench,
    private readonly coSigning: CoSigning,
    private readonly notes: CaseNotes,
    private readonly queue: WorkQueue,
    private readonly deputies: Deputies,
    private readonly access: WorkbenchAccess,
  ) {}

  @Get('work-items/colleagues')
  @ApiOperation({ summary: '本单位在岗工作人员（转办、会签、抄送的对象）/ Active staff of your authority' })
  @ApiOkResponse({ type: [WorkbenchColleagueDto] })
  colleagues(@CurrentUser() user: Actor) {
    return this.access.colleagues(user);
  }

  @Get('cases/:id/work')
  @ApiOperation({ summary: '当前环节的办理人、委派、会签、抄送 / Who holds the current step now' })
  @ApiOkResponse({ type: WorkStateDto })
  async work(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    return this.stateOf(await this.access.open(id, user), user);
  }

  @Get('work-items/workload')
  @ApiOperation({ summary: '本单位人员工作量（审核负责人）/ Workload per person (senior reviewers)' })
  workload(@CurrentUser() user: Actor) {
    return this.queue.workload(user);
  }

  @Post('work-items/claim')
  @HttpCode(200)
  @ApiOperation({ summary: '批量认领（逐件结果）/ Bulk claim, with a result per case' })
  @ApiOkResponse({ type: [WorkbenchBulkResultDto] })
  bulkClaim(@Body() body: BulkClaimDto, @CurrentUser() user: Actor, @Ctx() ctx: RequestContext) {
    return this.queue.bulkClaim(user, origin(ctx), body.caseIds);
  }

  @Post('work-items/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: '批量转办（逐件结果）/ Bulk transfer, with a result per case' })
  @ApiOkResponse({ type: [WorkbenchBulkResultDto] })
  bulkTransfer(@Body() body: BulkTransferDto, @CurrentUser() user: Actor, @Ctx() ctx: RequestContext) {
    return this.queue.bulkTransfer(user, origin(ctx), body.caseIds, body.to, body.reason);
  }

  @Post('cases/:id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: '认领（接管同事的须说明理由）/ Claim (taking over needs a reason)' })
  @ApiOkResponse({ type: WorkStateDto })
  async claim(
    @Param('id', uuid) id: string,
    @Body() body: ClaimDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.workbench.claim(id, user, origin(ctx), body.reason), user);
  }

  @Post('cases/:id/release')
  @HttpCode(200)
  @ApiOperation({ summary: '释放 / Release to the authority’s pool' })
  @ApiOkResponse({ type: WorkStateDto })
  async release(
    @Param('id', uuid) id: string,
    @Body() body: ReleaseDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.workbench.release(id, user, origin(ctx), body.reason), user);
  }

  @Post('cases/:id/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: '指派 / 转办 / Assign or transfer to a colleague' })
  @ApiOkResponse({ type: WorkStateDto })
  async transfer(
    @Param('id', uuid) id: string,
    @Body() body: HandOverDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.workbench.transfer(id, user, origin(ctx), body.to, body.reason), user);
  }

  @Post('cases/:id/delegate')
  @HttpCode(200)
  @ApiOperation({ summary: '委派（同事办理后归还，由本人决定）/ Delegate (handed back; you decide)' })
  @ApiOkResponse({ type: WorkStateDto })
  async delegate(
    @Param('id', uuid) id: string,
    @Body() body: HandOverDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.workbench.delegate(id, user, origin(ctx), body.to, body.reason), user);
  }

  @Post('cases/:id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: '归还委派 / Hand delegated work back with an opinion' })
  @ApiOkResponse({ type: WorkStateDto })
  async resolve(
    @Param('id', uuid) id: string,
    @Body() body: ResolveDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.workbench.resolve(id, user, origin(ctx), body.opinion), user);
  }

  @Get('cases/:id/return-targets')
  @ApiOperation({ summary: '可退回的环节 / Where the case may be returned to' })
  @ApiOkResponse({ type: [WorkReturnTargetDto] })
  returnTargets(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    return this.workbench
      .returnTargets(id, user)
      .then((targets) => targets.map(({ to, label }) => ({ to, label })));
  }

  @Post('cases/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回（不重新计算法定时限）/ Return to an earlier step (limits keep running)' })
  @ApiOkResponse({ type: WorkStateDto })
  async returnTo(
    @Param('id', uuid) id: string,
    @Body() body: ReturnDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.workbench.returnTo(id, user, origin(ctx), body.to, body.reasons), user);
  }

  @Post('cases/:id/signers')
  @HttpCode(200)
  @ApiOperation({ summary: '加签（前加签 / 后加签）/ Add co-signers (before or after you)' })
  @ApiOkResponse({ type: WorkStateDto })
  async addSigners(
    @Param('id', uuid) id: string,
    @Body() body: AddSignersDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(
      await this.coSigning.addSigners(id, user, origin(ctx), body.accounts, body.mode, body.reason),
      user,
    );
  }

  @Delete('cases/:id/signers/:accountId')
  @ApiOperation({ summary: '减签（签署意见前）/ Remove a co-signer before they sign' })
  @ApiOkResponse({ type: WorkStateDto })
  async removeSigner(
    @Param('id', uuid) id: string,
    @Param('accountId', uuid) accountId: string,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.coSigning.removeSigner(id, user, origin(ctx), accountId), user);
  }

  @Post('cases/:id/sign')
  @HttpCode(200)
  @ApiOperation({ summary: '会签意见 / Give a co-signer’s opinion' })
  @ApiOkResponse({ type: WorkStateDto })
  async sign(
    @Param('id', uuid) id: string,
    @Body() body: SignDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.coSigning.sign(id, user, origin(ctx), body.agree, body.opinion), user);
  }

  @Post('cases/:id/recall')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回本人操作（下一办理人尚未办理时）/ Withdraw your own last step' })
  @ApiOkResponse({ type: WorkStateDto })
  async recall(
    @Param('id', uuid) id: string,
    @Body() body: RecallDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.workbench.recall(id, user, origin(ctx), body.reason), user);
  }

  @Post('cases/:id/cc')
  @HttpCode(200)
  @ApiOperation({ summary: '抄送 / Copy to colleagues or a leader' })
  @ApiOkResponse({ type: WorkStateDto })
  async copy(
    @Param('id', uuid) id: string,
    @Body() body: CopyDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.notes.copy(id, user, origin(ctx), body.to, body.note), user);
  }

  @Post('cases/:id/urge')
  @HttpCode(200)
  @ApiOperation({ summary: '催办（每件每个工作日至多一次，可设置）/ Urge the holder' })
  @ApiOkResponse({ type: WorkStateDto })
  async urge(
    @Param('id', uuid) id: string,
    @Body() body: UrgeDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.notes.urge(id, user, origin(ctx), body.note), user);
  }

  @Post('cases/:id/comments')
  @HttpCode(201)
  @ApiOperation({ summary: '内部意见 / Add an internal comment' })
  @ApiOkResponse({ type: WorkStateDto })
  async comment(
    @Param('id', uuid) id: string,
    @Body() body: CommentDto,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.stateOf(await this.notes.comment(id, user, origin(ctx), body.comment), user);
  }

  @Get('cases/:id/comments')
  @ApiOperation({ summary: '内部意见列表 / Internal comments' })
  @ApiOkResponse({ type: [WorkbenchCommentDto] })
  comments(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    return this.notes.comments(id, user);
  }

  @Put('accounts/:id/deputy')
  @ApiOperation({ summary: '委托代理人（日期范围内含已在待办中的案件）/ Name a deputy for a date range' })
  deputy(@Param('id', uuid) id: string, @Body() body: DeputyDto, @CurrentUser() user: Actor) {
    return this.deputies.set(user, id, body);
  }

  /** Who holds the step, and whether the caller may claim it (asked of the claim command's own check). */
  private async stateOf(loaded: LoadedCase, user: Actor): Promise<WorkStateDto> {
    const h = loaded.holding;
    return {
      caseId: loaded.caseId,
      version: loaded.version,
      stateLabel: stateLabel(loaded.snapshot),
      holderId: h.holder,
      delegateId: h.delegate?.to ?? null,
      signers: h.signers.map((s) => ({
        accountId: s.account,
        mode: s.mode,
        signed: s.signed !== null,
        agree: s.signed?.agree ?? null,
      })),
      copiedTo: h.copiedTo,
      lastUrgedOn: h.lastUrgedOn,
      recallable: h.lastMove?.by === user.id,
      returnTargets: returnTargetsOf(loaded.snapshot).map(({ to, label }) => ({ to, label })),
      claim: await claimStanding(this.access, loaded, user),
    };
  }
}
