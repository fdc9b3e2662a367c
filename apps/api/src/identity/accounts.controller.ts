import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccountService,
  CurrentUser,
  PolicyService,
  Roles,
  type AccountView,
  type Actor,
} from '@credence/identity';
import { AccountDto, CreateAccountDto, ListAccountsQuery, RelatedSubjectDto } from './accounts.dto';

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
  create(@Body() body: CreateAccountDto): Promise<AccountView> {
    return this.accounts.create(body);
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
  async declareRelated(@Param('id', uuid) id: string, @Body() body: RelatedSubjectDto): Promise<void> {
    await this.policy.declareRelated(id, body.subjectCode, body.reason ?? null);
  }
}
