import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DeliveryQueries, DeliveryReceipts } from '@credence/delivery';
import { CurrentUser, Public, type Actor } from '@credence/identity';
import { NotFoundError } from '@credence/shared';
import { CaseEngine } from '@credence/workflow';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

class ReceiptRequest {
  @ApiProperty({ enum: ['done', 'refused'], description: '已执行 / 拒绝执行' })
  @IsIn(['done', 'refused'])
  status!: 'done' | 'refused';

  @ApiPropertyOptional({ description: '拒绝或说明的理由 / why (required in practice for refused)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

const SIGNED_HEADERS = [
  { name: 'X-Credence-Platform', description: '平台代码 / the platform code', required: true },
  { name: 'X-Credence-Timestamp', description: 'Unix 秒 / Unix seconds', required: true },
  {
    name: 'X-Credence-Signature',
    description: 'sha256=<hex HMAC-SHA256(平台密钥 / secret, timestamp + "." + body)>',
    required: true,
  },
];

const signedBy = (headers: Record<string, string | undefined>) => ({
  platform: headers['x-credence-platform'],
  timestamp: headers['x-credence-timestamp'],
  signature: headers['x-credence-signature'],
});

/**
 * Receipts from platforms (执行反馈) and what they fetch (the decision document), signed with the platform's own
 * secret, never a staff token (docs/integration.md); and a case's deliveries for those who may see the case.
 */
@ApiTags('delivery 信息推送')
@Controller()
export class DeliveriesController {
  constructor(
    private readonly receipts: DeliveryReceipts,
    private readonly queries: DeliveryQueries,
    private readonly engine: CaseEngine,
  ) {}

  @Post('deliveries/:messageId/receipt')
  @Public()
  @HttpCode(200)
  @ApiHeader(SIGNED_HEADERS[0])
  @ApiHeader(SIGNED_HEADERS[1])
  @ApiHeader(SIGNED_HEADERS[2])
  @ApiOperation({
    summary:
      '平台执行反馈（以平台密钥签名）/ A platform confirms or refuses a message (signed with its secret)',
  })
  async receipt(
    @Param('messageId', uuid) messageId: string,
    @Body() body: ReceiptRequest,
    @Headers() headers: Record<string, string | undefined>,
    @Req() req: Request & { rawBody?: Buffer },
  ) {
    const platform = await this.receipts.authenticate(signedBy(headers), req.rawBody ?? Buffer.alloc(0));
    return this.receipts.record(platform, messageId, body);
  }

  @Get('deliveries/:messageId/document')
  @Public()
  @ApiHeader(SIGNED_HEADERS[0])
  @ApiHeader(SIGNED_HEADERS[1])
  @ApiHeader({
    ...SIGNED_HEADERS[2],
    description: 'sha256=<hex HMAC-SHA256(secret, timestamp + "." + messageId)>',
  })
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      '平台获取消息所附决定文书（以平台密钥签名）/ A platform fetches the decision document of its message',
  })
  async document(
    @Param('messageId', uuid) messageId: string,
    @Headers() headers: Record<string, string | undefined>,
    @Res() res: Response,
  ) {
    // A GET has no body: the message id stands in for it, so a signature for one document opens no other.
    const platform = await this.receipts.authenticate(signedBy(headers), messageId);
    const { pdf, sha256, fileName } = await this.receipts.document(platform, messageId);
    res
      .status(200)
      .setHeader('Content-Type', 'application/pdf')
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .setHeader('ETag', `"${sha256}"`)
      .end(pdf);
  }

  @Get('cases/:id/deliveries')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      '案件结果推送：状态、每次推送与执行反馈、同步期限 / A case’s deliveries: status, every attempt and receipt, the sync limit',
  })
  async forCase(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    const type = await this.engine.typeOf(id);
    if (!type) throw new NotFoundError({ zh: '案件', en: 'Case' }, { caseId: id });
    await this.engine.load(type, id, user);
    return { caseId: id, deliveries: await this.queries.forCase(id) };
  }
}
