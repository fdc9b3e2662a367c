import { DomainError, NotFoundError } from '@credence/shared';
import { MATERIAL_MEDIA_TYPES } from './media-type';

export class EmptyMaterialError extends DomainError {
  constructor() {
    super({
      code: 'MATERIAL.EMPTY',
      status: 422,
      message: { zh: '上传的文件为空', en: 'The uploaded file is empty' },
    });
  }
}

export class MaterialTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    const mib = Math.round((limitBytes / (1024 * 1024)) * 100) / 100;
    super({
      code: 'MATERIAL.TOO_LARGE',
      status: 413,
      message: { zh: `文件超过大小上限（${mib} MB）`, en: `The file is larger than the limit (${mib} MB)` },
      details: { limitBytes },
    });
  }
}

export class UnsupportedMaterialTypeError extends DomainError {
  constructor() {
    super({
      code: 'MATERIAL.UNSUPPORTED_TYPE',
      status: 415,
      message: {
        zh: '仅接受 PDF、JPEG、PNG 或 OFD 格式的文件（按文件内容判断，与文件名无关）',
        en: 'Only PDF, JPEG, PNG or OFD files are accepted (judged from the content, not the name)',
      },
      details: { allowed: [...MATERIAL_MEDIA_TYPES] },
    });
  }
}

/**
 * Attaching materials: one of the ids does not exist or was uploaded by someone else (which of the two is not said).
 * 404, as for any id a client passes that is not the caller's.
 */
export class MaterialNotFoundOrNotYoursError extends DomainError {
  constructor(fileIds: string[]) {
    super({
      code: 'MATERIAL.NOT_FOUND_OR_NOT_YOURS',
      status: 404,
      message: {
        zh: '部分材料不存在或不是由您（或您所在主体）上传的',
        en: 'Some materials do not exist or were not uploaded by you or your subject',
      },
      details: { fileIds },
    });
  }
}

/** A material that does not exist, or that the reader may not see: the same answer for both. */
export class MaterialNotFoundError extends NotFoundError {
  constructor() {
    super({ zh: '材料', en: 'Material' });
  }
}
