import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ActionRoute, CaseAction, type CaseActionRequest } from '../http/case-action';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { CaseActionCommand, type LoadedCase } from '@credence/workflow';
import {
  FileObjectionCommand,
  OBJECTION,
  ObjectionQueries,
  type ObjectionAction,
  type ObjectionActionInput,
  type ObjectionView,
} from '@credence/objections';
import { AuditedRead } from '../audit/trail/audited-read';
import { attachmentDisposition } from '../materials/content-disposition';
import { expectedVersionOf, setETag } from '../http/etag';
import { Ctx, type RequestContext } from '../http/request-context';
import { ObjectionViewDto } from './objection-view.dto';
import {
  AcceptObjectionRequest,
  AppealObjectionRequest,
  DecideAppealRequest,
  ExtendVerificationRequest,
  FileObjectionRequest,
  ListObjectionsQuery,
  RefuseObjectionRequest,
  RequestObjectionSupplementRequest,
  SupplementObjectionRequest,
  UpholdObjectionRequest,
  WithdrawObjectionRequest,
} from './objection.requests';
import { ObjectionPageDto } from './objection-list.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * 异议处理: the subject files an objection against one of its records; the finding authority accepts it (the record
 * is marked 异议处理中 at once), verifies at the source and answers; the subject may appeal once. Every action takes
 * If-Match and Idempotency-Key; a case the user may not see is 404.
 */
@ApiTags('objections 异议处理')
@ApiBearerAuth()
@Controller('objections')
export class ObjectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ObjectionQueries,
  ) {}

  @Post()
  @Roles('applicant')
  @ApiOperation({
    summary:
      '提出异议（含证明材料与异议申诉信用承诺书）/ File an objection with its materials and commitment, in one step',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ObjectionViewDto })
  async file(
    @Body() body: FileObjectionRequest,
    @CurrentUser() user: Actor,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ObjectionView> {
    const loaded = await this.commands.execute(new FileObjectionCommand(body, user, ctx));
    res.status(201).setHeader('Location', `/api/v1/objections/${loaded.caseId}`);
    setETag(res, loaded.version);
    return this.queries.viewOf(loaded, user);
  }

  @Get()
  @ApiOperation({
    summary:
      '异议列表（申请人：本主体；工作人员：本单位；审计：辖区）/ Objections you may see, with stage and due filters',
  })
  @ApiOkResponse({ type: ObjectionPageDto })
  list(@Query() query: ListObjectionsQuery, @CurrentUser() user: Actor) {
    return this.queries.list(query, user);
  }

  @Get(':id')
  @AuditedRead('objection')
  @ApiOperation({
    summary:
      '异议详情：可办操作、时限、材料、审计轨迹、记录现状 / An objection with actions, clocks, materials, trail and the record now',
  })
  @ApiOkResponse({ type: ObjectionViewDto })
  async get(
    @Param('id', uuid) id: string,
    @CurrentUser() user: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ObjectionView> {
    const view = await this.queries.get(id, user);
    setETag(res, view.version);
    return view;
  }

  @Get(':id/notice.pdf')
  @AuditedRead('objection-notice')
  @ApiOperation({
    summary:
      '最近一次处理结果的告知书（PDF）/ The notice of the latest answer (异议处理结果告知书, 复核决定书 …) as a PDF',
  })
  @ApiProduces('application/pdf')
  async notice(
    @Param('id', uuid) id: string,
    @CurrentUser() user: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const notice = await this.queries.notice(id, user);
    // The content digest names what the PDF says; the bytes follow from it (deterministic rendering).
    res.setHeader('X-Content-Digest', notice.digest);
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(notice.pdf, {
      type: 'application/pdf',
      disposition: attachmentDisposition(notice.fileName),
      length: notice.pdf.length,
    });
  }

  @ActionRoute('accept', '受理（记录即标注异议处理中）/ Accept: the record is marked as disputed at once')
  @Roles('officer', 'senior_reviewer')
  accept(
    @Param('id', uuid) id: string,
    @Body() body: AcceptObjectionRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'accept', body, r);
  }

  @ActionRoute('refuse', '不予受理（附理由）/ Refuse as not admissible, with reasons')
  @Roles('officer', 'senior_reviewer')
  refuse(
    @Param('id', uuid) id: string,
    @Body() body: RefuseObjectionRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'refuse', body, r);
  }

  @ActionRoute(
    'request-supplement',
    '要求补正或补充材料（时限中止）/ Ask for a supplement or further materials (the clock stops)',
  )
  @Roles('officer', 'senior_reviewer')
  requestSupplement(
    @Param('id', uuid) id: string,
    @Body() body: RequestObjectionSupplementRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'request-supplement', body, r);
  }

  @ActionRoute('supplement', '补正 / 补充材料 / Hand in the materials asked for')
  @Roles('applicant')
  supplement(
    @Param('id', uuid) id: string,
    @Body() body: SupplementObjectionRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'supplement', body, r);
  }

  @ActionRoute('extend', '延长核实期限（一次，理由告知异议人）/ Extend the verification once, reason told')
  @Roles('officer', 'senior_reviewer')
  extend(
    @Param('id', uuid) id: string,
    @Body() body: ExtendVerificationRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'extend', body, r);
  }

  @ActionRoute(
    'uphold',
    '作出处理结果：更正、删除、维持、无法核实（生成告知书）/ Answer: correct, remove, maintain or unverifiable (a notice follows)',
  )
  @Roles('officer', 'senior_reviewer')
  uphold(
    @Param('id', uuid) id: string,
    @Body() body: UpholdObjectionRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'uphold', body, r);
  }

  @ActionRoute('withdraw', '撤回异议或复核申请 / Withdraw the objection, or the appeal')
  @Roles('applicant')
  withdraw(
    @Param('id', uuid) id: string,
    @Body() body: WithdrawObjectionRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'withdraw', body, r);
  }

  @ActionRoute('appeal', '申请复核（一次，须在复核申请期限内）/ Appeal once, within the appeal window')
  @Roles('applicant')
  appeal(
    @Param('id', uuid) id: string,
    @Body() body: AppealObjectionRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'appeal', body, r);
  }

  @ActionRoute(
    'decide-appeal',
    '复核决定：维持或撤销原处理结果（未参与原处理的审核负责人）/ Decide the appeal: a senior reviewer who did not handle the answer',
  )
  // Officers reach the handler so that the refusal says why (a senior reviewer decides).
  @Roles('officer', 'senior_reviewer')
  decideAppeal(
    @Param('id', uuid) id: string,
    @Body() body: DecideAppealRequest,
    @CaseAction() r: CaseActionRequest,
  ) {
    return this.act(id, 'decide-appeal', body, r);
  }

  private async act(
    id: string,
    action: ObjectionAction,
    body: ObjectionActionInput,
    r: CaseActionRequest,
  ): Promise<ObjectionView> {
    const loaded: LoadedCase = await this.commands.execute(
      new CaseActionCommand(OBJECTION, id, action, body, r.user, r.ctx, expectedVersionOf(r.ifMatch)),
    );
    setETag(r.res, loaded.version);
    return this.queries.viewOf(loaded, r.user);
  }
}
