import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { Contacts, Inbox, type InboxNotification } from '@credence/notifications';
import { pick, preferredLanguage, type Language } from '../http/language';
import {
  ContactPreferenceDto,
  InboxNotificationDto,
  InboxPageDto,
  InboxQuery,
  ReadAllDto,
} from './inbox.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** A notification in the reader's language; both are stored, so a client may switch without asking again. */
const inLanguage = (n: InboxNotification, language: Language) => ({
  ...n,
  title: pick(n.title, language),
  body: pick(n.body, language),
});

/** The caller's own inbox (站内信) and contact preference; every account has one, whatever its role. */
@ApiTags('inbox 站内信')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inbox: Inbox,
    private readonly contacts: Contacts,
  ) {}

  @Get()
  @ApiOperation({ summary: '我的通知：未读数与分页 / My notifications: unread count and pages' })
  @ApiOkResponse({ type: InboxPageDto })
  async list(
    @Query() query: InboxQuery,
    @CurrentUser() user: Actor,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const page = await this.inbox.list(user.id, {
      unread: query.unread === 'true',
      page: query.page,
      pageSize: query.pageSize,
    });
    const language = preferredLanguage(acceptLanguage);
    return { ...page, items: page.items.map((n) => inLanguage(n, language)) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标为已读 / Mark everything read' })
  @ApiOkResponse({ type: ReadAllDto })
  readAll(@CurrentUser() user: Actor) {
    return this.inbox.markAllRead(user.id);
  }

  @Get('contact')
  @ApiOperation({ summary: '我的联系方式与通知渠道 / My contact details and channels' })
  @ApiOkResponse({ type: ContactPreferenceDto })
  contact(@CurrentUser() user: Actor) {
    return this.contacts.of(user.id);
  }

  @Put('contact')
  @ApiOperation({ summary: '设置我的联系方式与通知渠道 / Set my contact details and channels' })
  @ApiOkResponse({ type: ContactPreferenceDto })
  setContact(@Body() body: ContactPreferenceDto, @CurrentUser() user: Actor) {
    return this.contacts.set(user.id, body, user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读 / Mark one read' })
  @ApiOkResponse({ type: InboxNotificationDto })
  async read(
    @Param('id', uuid) id: string,
    @CurrentUser() user: Actor,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return inLanguage(await this.inbox.markRead(user.id, id), preferredLanguage(acceptLanguage));
  }
}

/** An admin sets an account's contact details (for accounts that do not log in to set their own). */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('accounts')
export class AccountContactsController {
  constructor(private readonly contacts: Contacts) {}

  @Get(':id/contact')
  @Roles('admin')
  @ApiOperation({ summary: '账号的联系方式（管理员）/ An account’s contact details (admin)' })
  @ApiOkResponse({ type: ContactPreferenceDto })
  contact(@Param('id', uuid) id: string) {
    return this.contacts.of(id);
  }

  @Put(':id/contact')
  @Roles('admin')
  @ApiOperation({ summary: '设置账号的联系方式（管理员）/ Set an account’s contact details (admin)' })
  @ApiOkResponse({ type: ContactPreferenceDto })
  setContact(@Param('id', uuid) id: string, @Body() body: ContactPreferenceDto, @CurrentUser() admin: Actor) {
    return this.contacts.set(id, body, admin.id);
  }
}
