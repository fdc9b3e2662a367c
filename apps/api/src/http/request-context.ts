import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { uuidv7 } from '@credence/shared';

/** What a command needs to know about the request it came from (for event metadata). */
export interface RequestContext {
  correlationId: string;
  idempotencyKey: string | null;
  ip: string | null;
  userAgent: string | null;
}

const REQUEST_ID = /^[\w.:\-/+=]{1,128}$/;
const CORRELATION = Symbol('correlationId');

/** Takes the correlation id from X-Request-Id (when sane) or makes one, and echoes it back. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidv7();
  (req as unknown as Record<symbol, string>)[CORRELATION] = id;
  res.setHeader('X-Request-Id', id);
  next();
}

export function correlationIdOf(req: Request): string {
  return (req as unknown as Record<symbol, string | undefined>)[CORRELATION] ?? 'unknown';
}

export function requestContextOf(req: Request): RequestContext {
  const key = req.headers['idempotency-key'];
  return {
    correlationId: correlationIdOf(req),
    idempotencyKey: typeof key === 'string' ? key : null,
    ip: req.ip ?? null,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 256) : null,
  };
}

/** `@Ctx() ctx: RequestContext` in a controller method. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) =>
  requestContextOf(context.switchToHttp().getRequest<Request>()),
);
