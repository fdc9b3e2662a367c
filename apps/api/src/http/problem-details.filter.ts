import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DatabaseAvailability, DatabaseUnavailableError } from '@credence/shared';
import { asDatabaseUnavailable } from './database-unavailable';
import { preferredLanguage } from './language';
import { toProblem, type ProblemDetails } from './problem-details';
import { ReplayedResponse } from './idempotency.interceptor';
import { correlationIdOf } from './request-context';

function replay(res: Response, stored: ReplayedResponse): void {
  res.status(stored.status).setHeader('Idempotent-Replayed', 'true');
  for (const [name, value] of Object.entries(stored.headers)) res.setHeader(name, value);
  if (stored.status >= 400) res.type('application/problem+json').send(JSON.stringify(stored.body));
  else res.json(stored.body);
}

export function sendProblem(req: Request, res: Response, problem: ProblemDetails): void {
  const language = preferredLanguage(req.headers['accept-language']);
  // RFC 9110 §10.2.3: a problem that says when to come back says it in the header clients and proxies read.
  if (typeof problem.retryAfterSeconds === 'number')
    res.setHeader('Retry-After', String(problem.retryAfterSeconds));
  res
    .status(problem.status)
    .setHeader('Content-Language', language)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance: req.originalUrl, correlationId: correlationIdOf(req) }));
}

/** The one place where errors become HTTP responses (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly availability: DatabaseAvailability) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const error = asDatabaseUnavailable(thrown, this.availability);
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    if (error instanceof ReplayedResponse) return replay(res, error);
    const problem = toProblem(error, preferredLanguage(req.headers['accept-language']));
    // An outage is logged once, by DatabaseAvailability, not once per refused request.
    if (problem.status >= 500 && !(error instanceof DatabaseUnavailableError))
      this.logger.error({ err: error, correlationId: correlationIdOf(req) }, 'request failed');
    sendProblem(req, res, problem);
  }
}
