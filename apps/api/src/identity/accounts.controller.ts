import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountService, Roles, type AccountView } from '@credence/identity';
import { AccountDto, CreateAccountDto, ListAccountsQuery } from './accounts.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Roles('admin')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountService) {}

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
}
