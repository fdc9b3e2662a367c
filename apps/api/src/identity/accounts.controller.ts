import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccountService,
  CurrentUser,
  PolicyService,
  Roles,
  type AccountChange,
  type AccountView,
  type Actor,
  type RelatedSubject,
} from '@credence/identity';
import {
  AccountChangeDto,
  AccountDto,
  CreateAccountDto,
  ListAccountsQuery,
  RelatedSubjectDto,
  RelatedSubjectViewDto,
  WithdrawRelatedSubjectDto,
} from './accounts.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('identity')
@ApiBearerAuth()
@Roles('admin')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountService,
    private readonly policy: PolicyService,
  ) {}

  @Post()
  @ApiOperation({ summary: '创建账号（管理员） / Create an account (admin)' })
  @ApiCreatedResponse({ type: AccountDto })
  create(@Body() body: CreateAccountDto, @CurrentUser() admin: Actor): Promise<AccountView> {
    return this.accounts.create(body, admin);
  }

  @Get()
  @ApiOperation({ summary: '账号列表（管理员） / List accounts (admin)' })
  @ApiOkResponse({ type: [AccountDto] })
  list(@Query() query: ListAccountsQuery): Promise<AccountView[]> {
    return this.accounts.list(query.limit ?? 100, query.offset ?? 0);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: '停用账号（立即生效） / Deactivate an account (effective at once)' })
  deactivate(@Param('id', uuid) id: string, @CurrentUser() admin: Actor): Promise<AccountView> {
    return this.accounts.setActive(id, false, admin);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOperation({ summary: '启用账号 / Activate an account' })
  activate(@Param('id', uuid) id: string, @CurrentUser() admin: Actor): Promise<AccountView> {
    return this.accounts.setActive(id, true, admin);
  }

  @Post(':id/related-subjects')
  @HttpCode(204)
  @ApiOperation({
    summary: '登记关联主体：该账号须回避其案件 / Declare a related subject: the account must abstain (回避)',
  })
  async declareRelated(
    @Param('id', uuid) id: string,
    @Body() body: RelatedSubjectDto,
    @CurrentUser() admin: Actor,
  ): Promise<void> {
    await this.policy.declareRelated(id, body.subjectCode, body.reason ?? null, admin);
  }

  @Get(':id/related-subjects')
  @ApiOperation({ summary: '账号须回避的关联主体 / The subjects the account must abstain from (回避)' })
  @ApiOkResponse({ type: [RelatedSubjectViewDto] })
  relatedSubjects(@Param('id', uuid) id: string): Promise<RelatedSubject[]> {
    return this.policy.relatedSubjects(id);
  }

  @Post(':id/related-subjects/withdraw')
  @HttpCode(204)
  @ApiOperation({
    summary:
      '撤回关联主体声明（记录原因） / Withdraw a related-subject declaration (with the reason, recorded)',
  })
  async withdrawRelated(
    @Param('id', uuid) id: string,
    @Body() body: WithdrawRelatedSubjectDto,
    @CurrentUser() admin: Actor,
  ): Promise<void> {
    await this.policy.withdrawRelated(id, body.subjectCode, body.reason, admin);
  }

  @Get(':id/history')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary:
      '账号变更记录：创建、停用、启用、关联主体的声明与撤回，谁、何时 / Account history: who created, deactivated, activated it and declared or withdrew related subjects, when',
  })
  @ApiOkResponse({ type: [AccountChangeDto] })
  history(@Param('id', uuid) id: string, @CurrentUser() reader: Actor): Promise<AccountChange[]> {
    return this.accounts.history(id, reader);
  }
}
