import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { OUTWARD_CHANNELS, type OutwardChannelName } from '@credence/notifications';
import { PageQuery } from '../http/page.query';

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '只看未读 / unread only' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class InboxNotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '引起通知的事件类型 / the event type that caused it' }) eventType!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) caseType!: string | null;
  @ApiProperty({ description: '按 Accept-Language（默认中文）/ in the Accept-Language (Chinese by default)' })
  title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ nullable: true, type: String, description: '案件或文书的地址 / the case or its document' })
  link!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '通知所述事实（补正事项、理由、期限）/ the facts named (items, reasons, due date)',
  })
  data!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
}

export class InboxPageDto {
  @ApiProperty({ description: '未读数 / unread count' }) unreadCount!: number;
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [InboxNotificationDto] }) items!: InboxNotificationDto[];
}

export class ReadAllDto {
  @ApiProperty() marked!: number;
  @ApiProperty() unreadCount!: number;
}

export class ContactPreferenceDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'contact@example.com',
    description: '电子邮箱；不填则不发邮件 / e-mail; none, no e-mail',
  })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address (电子邮箱格式不正确)' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '13800138000',
    pattern: '^\\+?[0-9]{6,15}$',
    description: '手机号；不填则不发短信 / mobile number; none, no SMS',
  })
  @IsOptional()
  @Matches(/^\+?[0-9]{6,15}$/, {
    message: 'phone must be 6–15 digits, optionally after + (手机号格式不正确)',
  })
  phone?: string | null;

  @ApiPropertyOptional({
    enum: ['zh-CN', 'en'],
    default: 'zh-CN',
    description: '邮件与短信的语言 / language',
  })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  language?: 'zh-CN' | 'en';

  @ApiPropertyOptional({
    enum: OUTWARD_CHANNELS,
    isArray: true,
    example: ['email', 'sms'],
    description: '接收的外部渠道 / outward channels wanted',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsIn(OUTWARD_CHANNELS, { each: true })
  channels?: OutwardChannelName[];
}
