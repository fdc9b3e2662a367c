import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { Database, DomainError } from '@credence/shared';
import { preferredLanguage } from './language';
import { toProblem } from './problem-details';

const SKIP = 'credence:skip-idempotency';
/** Marks a POST that must never replay a stored answer (login hands out fresh tokens). */
export const NoIdempotency = () => SetMetadata(SKIP, true);

/** The status Nest will send: one the handler set itself, else the route's @HttpCode, else 201 for POST. */
function successStatus(context: ExecutionContext, res: Response): number {
  if (res.statusCode !== 200) return res.statusCode;
  const declared: unknown = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler());
  return typeof declared === 'number' ? declared : 201;
}

const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location'];

class IdempotencyError extends DomainError {}

/** Thrown to short-circuit the route: the filter sends the stored first answer verbatim. */
export class ReplayedResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    super('replayed idempotent response');
  }
}

interface StoredKey {
  request_hash: Buffer;
  state: 'pending' | 'done';
  status_code: number | null;
  response_body: unknown;
  headers: Record<string, string> | null;
}

/**
 * Idempotency-Key on POST: the first answer (success or 4xx) is stored; a retry with the same key and body gets it
 * back and records nothing; the same key with another body is a 422; a retry while the first is running is a 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly db: Database,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { user?: { id: string } }>();
    const key = req.headers['idempotency-key'];
    if (
      req.method !== 'POST' ||
      key === undefined ||
      this.reflector.get<boolean>(SKIP, context.getHandler())
    ) {
      return next.handle();
    }
    return from(this.handle(context, req, String(key), next));
  }

  private async handle(
    context: ExecutionContext,
    req: Request & { user?: { id: string } },
    key: string,
    next: CallHandler,
  ) {
    if (!KEY.test(key)) {
      throw new IdempotencyError({
        code: 'IDEMPOTENCY_KEY_INVALID',
        status: 400,
        message: {
          zh: 'Idempotency-Key 格式无效（1–255 个可见 ASCII 字符）',
          en: 'Idempotency-Key must be 1–255 visible ASCII characters',
        },
      });
    }
    const res = context.switchToHttp().getResponse<Response>();
    const scope = req.user?.id ?? `anonymous:${req.ip ?? ''}`;
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest();

    const claimed = await this.db.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, state)
       VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT DO NOTHING RETURNING 1`,
      [scope, key, req.method, req.originalUrl, requestHash],
    );
    if (claimed.rowCount === 0) return this.replay(scope, key, requestHash);

    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.complete(scope, key, successStatus(context, res), body, res);
      return body;
    } catch (error) {
      const problem = toProblem(error, preferredLanguage(req.headers['accept-language']));
      if (problem.status < 500) await this.complete(scope, key, problem.status, problem, res);
      else await this.db.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
      throw error;
    }
  }

  private async complete(
    scope: string,
    key: string,
    status: number,
    body: unknown,
    res: Response,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = res.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'done', status_code = $3, response_body = $4, headers = $5, completed_at = now()
        WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null), JSON.stringify(headers)],
    );
  }

  private async replay(scope: string, key: string, requestHash: Buffer): Promise<never> {
    const { rows } = await this.db.query<StoredKey>(
      'SELECT request_hash, state, status_code, response_body, headers FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    const stored = rows[0];
    if (!stored || !stored.request_hash.equals(requestHash)) {
      throw new IdempotencyError({
        code: 'IDEMPOTENCY_KEY_REUSED',
        status: 422,
        message: {
          zh: '同一 Idempotency-Key 已用于另一个不同的请求',
          en: 'This Idempotency-Key was already used for a different request',
        },
      });
    }
    if (stored.state === 'pending') {
      throw new IdempotencyError({
        code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
        status: 409,
        message: {
          zh: '使用该 Idempotency-Key 的请求仍在处理中',
          en: 'A request with this Idempotency-Key is still running',
        },
      });
    }
    throw new ReplayedResponse(stored.status_code ?? 200, stored.response_body, stored.headers ?? {});
  }
}
