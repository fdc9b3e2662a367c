import { ApiProperty } from '@nestjs/swagger';
import { MATERIAL_MEDIA_TYPES, type MaterialMediaType, type StoredFile } from '@credence/materials';

/** The form of an upload, for the OpenAPI document. */
export const UPLOAD_BODY_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description:
        'PDF、JPEG、PNG 或 OFD（按内容判断），不超过 MATERIAL_MAX_BYTES / PDF, JPEG, PNG or OFD (judged from the content), at most MATERIAL_MAX_BYTES',
    },
  },
};

export class UploadedFileResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '内容的 SHA-256（十六进制）/ SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty({ description: '字节数 / bytes' }) size!: number;
  @ApiProperty({
    enum: MATERIAL_MEDIA_TYPES,
    description: '按内容识别的类型 / type detected from the content',
  })
  mediaType!: MaterialMediaType;
  @ApiProperty({ example: '整改完成证明.pdf' }) fileName!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export class FileMetadataResponse extends UploadedFileResponse {
  @ApiProperty({ format: 'uuid', description: '上传人账号 / uploader account' }) uploadedBy!: string;
  @ApiProperty({ type: String, nullable: true, description: '上传人所属主体 / uploader subject' })
  ownerSubjectCode!: string | null;
}

export function uploadedFileResponse(file: StoredFile): UploadedFileResponse {
  const { id, sha256, size, mediaType, fileName, uploadedAt } = file;
  return { id, sha256, size, mediaType, fileName, uploadedAt };
}
