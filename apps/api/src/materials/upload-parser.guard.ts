import {
  BadRequestException,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  type CanActivate,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { of } from 'rxjs';
import { MaterialTooLargeError } from '@credence/materials';
import { Env } from '@credence/shared';
import type { ReceivedFile } from './received-file';
import { FileRequiredError, UploadMalformedError } from './upload.errors';

export const UPLOAD_FIELD = 'file';

/**
 * Receives the multipart upload (Nest's FileInterceptor, multer in memory) as a guard rather than an interceptor,
 * because guards run before the global Idempotency-Key interceptor, whose request fingerprint is the body: a
 * multipart body is not parsed yet when interceptors run, so every upload would look alike and a retry with the
 * same key but another file would get the first file's answer. Here, when the request carries a key, the body the
 * fingerprint reads becomes the form's text fields plus the file's name, size and SHA-256: the same file retried
 * gets the first answer, another file under the same key a 422. It runs after the (global) AuthGuard, so nothing
 * is received from a caller who is not logged in; it lets every request through that it could parse.
 */
@Injectable()
export class UploadParser implements CanActivate {
  private readonly multer: NestInterceptor;

  constructor(private readonly env: Env) {
    const Multer = FileInterceptor(UPLOAD_FIELD, {
      // busboy reads names in part headers as latin1 unless told; browsers send them as raw UTF-8.
      defParamCharset: 'utf8',
      // One byte over the limit is enough to know a file is too large: the rest is refused unread.
      limits: { fileSize: env.MATERIAL_MAX_BYTES + 1, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
    });
    this.multer = new Multer();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      await this.multer.intercept(context, { handle: () => of(undefined) });
    } catch (error) {
      throw this.problemOf(error);
    }
    const req = context.switchToHttp().getRequest<Request & { file?: ReceivedFile }>();
    // Hashing 20 MB costs a few tens of ms: only when a key makes the fingerprint matter.
    if (req.file && req.headers['idempotency-key'] !== undefined) {
      const { originalname, size, buffer } = req.file;
      const sha256 = createHash('sha256').update(buffer).digest('hex');
      req.body = { ...(req.body as object), [UPLOAD_FIELD]: { name: originalname, size, sha256 } };
    }
    return true;
  }

  private problemOf(error: unknown): unknown {
    if (error instanceof PayloadTooLargeException)
      return new MaterialTooLargeError(this.env.MATERIAL_MAX_BYTES);
    // busboy parses only multipart/form-data (e.g. multipart/mixed ends here).
    if (error instanceof UnsupportedMediaTypeException) return new FileRequiredError();
    if (error instanceof BadRequestException) return new UploadMalformedError(error.message);
    return error;
  }
}
