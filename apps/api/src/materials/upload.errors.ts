import { DomainError } from '@credence/shared';

/** No `file` part: not multipart/form-data, or the field has another name. */
export class FileRequiredError extends DomainError {
  constructor() {
    super({
      code: 'MATERIAL.FILE_REQUIRED',
      status: 400,
      message: {
        zh: '请以 multipart/form-data 上传，文件字段名为 file',
        en: 'Send the file as multipart/form-data in a field named file',
      },
    });
  }
}

/** The multipart body itself is broken or breaks a limit (a second file, too many parts, a cut-off body). */
export class UploadMalformedError extends DomainError {
  constructor(reason: string) {
    super({
      code: 'MATERIAL.UPLOAD_MALFORMED',
      status: 400,
      message: {
        zh: '上传请求格式错误：仅可包含一个名为 file 的文件',
        en: 'The upload is malformed: it may hold one file, in a field named file',
      },
      details: { reason },
    });
  }
}
