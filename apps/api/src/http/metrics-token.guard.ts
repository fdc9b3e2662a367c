import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, Env } from '@credence/shared';

export class MetricsTokenRequiredError extends DomainError {
  constructor() {
    super({
      code: 'METRICS.TOKEN_REQUIRED',
      status: 401,
      message: {
        zh: '访问监控指标须提供有效的 METRICS_TOKEN 令牌',
        en: 'The metrics need the bearer token configured as METRICS_TOKEN',
      },
    });
  }
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * In production /metrics tells an outsider the routes, their traffic and the process's internals: it answers only
 * to `Authorization: Bearer <METRICS_TOKEN>` (none configured: to nobody). Compared in constant time over digests,
 * so neither the content nor the length of the token leaks through timing. Open outside production.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(private readonly env: Env) {
    this.expected = env.METRICS_TOKEN === '' ? null : digest(env.METRICS_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.env.isProduction) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (this.expected === null || !match || !timingSafeEqual(digest(match[1].trim()), this.expected))
      throw new MetricsTokenRequiredError();
    return true;
  }
}
