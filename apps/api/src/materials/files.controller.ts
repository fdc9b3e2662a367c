import {
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type Actor } from '@credence/identity';
import { FileStore, MATERIAL_MEDIA_TYPES, MaterialAccess } from '@credence/materials';
import { AuditedRead } from '../audit/trail/audited-read';
import { attachmentDisposition } from './content-disposition';
import {
  FileMetadataResponse,
  UPLOAD_BODY_SCHEMA,
  UploadedFileResponse,
  uploadedFileResponse,
} from './materials.responses';
import type { ReceivedFile } from './received-file';
import { UploadParser } from './upload-parser.guard';
import { FileRequiredError } from './upload.errors';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * Materials (申请材料): uploaded first, then attached to a repair application or an objection by id. Downloads are
 * for the owner and the staff of the cases a file is attached to; anyone else gets 404. Reads are access-logged
 * under the reader's authority (a file belongs to no single case).
 */
@ApiTags('files 材料')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FileStore,
    private readonly access: MaterialAccess,
  ) {}

  @Post()
  @UseGuards(UploadParser)
  @ApiOperation({
    summary:
      '上传材料（PDF/JPEG/PNG/OFD，按内容识别类型）/ Upload a material (PDF/JPEG/PNG/OFD, type detected from the content)',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiCreatedResponse({ type: UploadedFileResponse })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      '同一键重试同一文件返回首次结果 / a retry of the same file under the same key gets the first answer',
  })
  async upload(
    @UploadedFile() received: ReceivedFile | undefined,
    @CurrentUser() user: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UploadedFileResponse> {
    if (!received) throw new FileRequiredError();
    const file = await this.files.store({
      content: received.buffer,
      fileName: received.originalname,
      owner: user,
    });
    res.setHeader('Location', `/api/v1/files/${file.id}`);
    return uploadedFileResponse(file);
  }

  @Get(':id')
  @AuditedRead('material', { scope: 'reader', detail: () => ({ read: 'metadata' }) })
  @ApiOperation({ summary: '材料信息（含 SHA-256）/ A material’s metadata, with its SHA-256' })
  @ApiOkResponse({ type: FileMetadataResponse })
  async describe(@Param('id', uuid) id: string, @CurrentUser() user: Actor): Promise<FileMetadataResponse> {
    return this.access.requireDownloadable(user, id);
  }

  @Get(':id/content')
  @AuditedRead('material', { scope: 'reader', detail: () => ({ read: 'content' }) })
  @ApiOperation({ summary: '下载材料原文件 / Download a material’s bytes' })
  @ApiProduces(...MATERIAL_MEDIA_TYPES)
  async content(
    @Param('id', uuid) id: string,
    @CurrentUser() user: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.access.requireDownloadable(user, id);
    const content = await this.files.contentOf(file);
    // The digest names the bytes exactly (a strong validator); nosniff: the type we detected is the one to use.
    res.setHeader('ETag', `"${file.sha256}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    const options = {
      type: file.mediaType,
      disposition: attachmentDisposition(file.fileName),
      length: file.size,
    };
    return Buffer.isBuffer(content)
      ? new StreamableFile(content, options)
      : new StreamableFile(content, options);
  }
}
