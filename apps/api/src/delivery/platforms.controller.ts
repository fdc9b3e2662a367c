import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DeliveryPlatforms } from '@credence/delivery';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { NotFoundError } from '@credence/shared';
import { AuditedRead } from '../audit/trail/audited-read';
import { PlatformChangeDto, PlatformDto } from './platform.responses';

const PLATFORM_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

class PutPlatformRequest {
  @ApiProperty({ example: '信用中国' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ['http', 'nats'] })
  @IsIn(['http', 'nats'])
  transport!: 'http' | 'nats';

  @ApiProperty({
    description: 'HTTP(S) 地址，或 NATS 主题 / an http(s) URL, or a NATS subject',
    example: 'https://receiver.example.gov.cn/credence/messages',
  })
  @IsString()
  @Length(1, 2000)
  endpoint!: string;

  @ApiPropertyOptional({
    description:
      'HMAC-SHA256 签名密钥（至少32个字符；首次登记必填，修改时省略则保留原密钥）/ the HMAC key (≥ 32 characters; required at first registration, kept when omitted)',
  })
  @IsOptional()
  @IsString()
  @Length(32, 512)
  secret?: string;
}

/** Downstream platforms (推送平台), ADR 0025: data an admin keeps; secrets are never shown. */
@ApiTags('delivery 信息推送')
@ApiBearerAuth()
@Controller('platforms')
export class PlatformsController {
  constructor(private readonly platforms: DeliveryPlatforms) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: '推送平台（不显示密钥）/ Downstream platforms (secrets never shown)' })
  @ApiOkResponse({ type: [PlatformDto] })
  list() {
    return this.platforms.list();
  }

  @Put(':code')
  @Roles('admin')
  @ApiOperation({
    summary:
      '登记或修改推送平台（管理员；code 即单位设置 repair.downstream-platforms 中的代码）/ Register or change a platform (admin)',
  })
  @ApiOkResponse({ type: PlatformDto, description: '修改 / changed (201: registered)' })
  async put(
    @Param('code') code: string,
    @Body() body: PutPlatformRequest,
    @CurrentUser() user: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!PLATFORM_CODE.test(code)) throw new NotFoundError({ zh: '推送平台', en: 'Platform' }, { code });
    const { platform, created } = await this.platforms.put(code, body, { id: user.id, role: user.role });
    res.status(created ? 201 : 200);
    return platform;
  }

  @Get(':code/history')
  @Roles('admin', 'auditor')
  // Who changed where results go, and when, is evidence: its reading is logged like other audited reads.
  @AuditedRead('platform-history', { param: 'code', scope: 'reader' })
  @ApiOperation({
    summary: '平台登记与修改记录（谁、何时、改了什么）/ Who registered or changed the platform, and what',
  })
  @ApiOkResponse({ type: [PlatformChangeDto] })
  history(@Param('code') code: string) {
    if (!PLATFORM_CODE.test(code)) throw new NotFoundError({ zh: '推送平台', en: 'Platform' }, { code });
    return this.platforms.history(code);
  }
}
