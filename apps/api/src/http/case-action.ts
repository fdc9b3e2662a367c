import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
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
