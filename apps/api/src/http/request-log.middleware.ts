import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { AppLogger, Env } from '@credence/shared';
import { correlationIdOf } from './request-context';

// Probes and scrapes arrive every few seconds; a line each would drown the requests people make.
const QUIET_PATHS = new Set(['/health', '/metrics']);

/** One log line per request, carrying the correlation id, through the application's logger. */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private readonly http: HttpLogger;

  constructor(logger: AppLogger, env: Env) {
    this.http = pinoHttp({
      logger: logger.pino,
      genReqId: (req) => correlationIdOf(req as never),
      customProps: (req) => ({ correlationId: correlationIdOf(req as never) }),
      // A request line per request only when info is logged: building it costs ~5 % of a command's CPU.
      autoLogging: ['trace', 'debug', 'info'].includes(env.LOG_LEVEL)
        ? { ignore: (req) => QUIET_PATHS.has((req as Request).originalUrl ?? req.url) }
        : false,
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.http(req, res, next);
  }
}
