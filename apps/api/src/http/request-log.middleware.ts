import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { AppLogger, Env } from '@credence/shared';
import { correlationIdOf } from './request-context';

// Probes and scrapes arrive every few seconds; a line each would drown the requests people make.
const QUIET_PATHS = new Set(['/health', '/metrics']);

/**
 * One log line per request, carrying the correlation id, through the application's logger — when info is logged.
 * Otherwise nothing runs per request: pino-http still built a child logger for every request (≈ 4 % of the API's
 * CPU under load, docs/performance.md) that nobody used, since error lines carry the correlation id themselves.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private readonly http: HttpLogger | null;

  constructor(logger: AppLogger, env: Env) {
    this.http = ['trace', 'debug', 'info'].includes(env.LOG_LEVEL)
      ? pinoHttp({
          logger: logger.pino,
          genReqId: (req) => correlationIdOf(req as never),
          customProps: (req) => ({ correlationId: correlationIdOf(req as never) }),
          autoLogging: { ignore: (req) => QUIET_PATHS.has((req as Request).originalUrl ?? req.url) },
        })
      : null;
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (this.http) this.http(req, res, next);
    else next();
  }
}
