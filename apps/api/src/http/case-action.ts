import { applyDecorators, createParamDecorator, HttpCode, Post, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@credence/identity';
import { requestContextOf, type RequestContext } from './request-context';

/** Everything a case action route passes on besides its body: who, from which request, which version, the reply. */
export interface CaseActionRequest {
  user: Actor;
  ctx: RequestContext;
  ifMatch: string | undefined;
  res: Response;
}

/** `@CaseAction() r: CaseActionRequest` — one parameter instead of four on every action route. */
export const CaseAction = createParamDecorator((_: unknown, context: ExecutionContext): CaseActionRequest => {
  const http = context.switchToHttp();
  const req = http.getRequest<Request & { user: Actor }>();
  const ifMatch = req.headers['if-match'];
  return {
    user: req.user,
    ctx: requestContextOf(req),
    ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
    res: http.getResponse<Response>(),
  };
});

const IF_MATCH = { name: 'If-Match', required: false, description: '案件版本 / case version, e.g. "3"' };

/** An action route on a case: `POST :id/<action>`, answered 200 with the case view; `If-Match` is optional. */
export const ActionRoute = (action: string, summary: string) =>
  applyDecorators(Post(`:id/${action}`), HttpCode(200), ApiHeader(IF_MATCH), ApiOperation({ summary }));
