import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModuleRef, Reflector } from '@nestjs/core';
import { createHash, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import {
  IdempotencyKeys,
  runUnderClaim,
  type IdempotencyClaim,
  type IdempotencyKeyRow,
} from '@credence/event-store';
import type { Actor } from '@credence/identity';
import { Database, DomainError, Env } from '@credence/shared';
import { CommittedAnswers } from './committed-answer';
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

type KeyedRequest = Request & { user?: Actor };

/**
 * Idempotency-Key on POST (ADR 0006): the first answer (success or 4xx) is stored; a retry with the same key and
 * body gets it back and records nothing; the same key with another body is a 422; a retry while the first is
 * running is a 409. A retry that finds the first request's owner gone (crashed before storing its answer) answers
 * from what its command committed, or — when it committed nothing — takes the key over and runs the command.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly keys: IdempotencyKeys;
  private readonly answers: CommittedAnswers;

  constructor(
    db: Database,
    env: Env,
    modules: ModuleRef,
    private readonly reflector: Reflector,
  ) {
    this.keys = new IdempotencyKeys(db, env.IDEMPOTENCY_LEASE_MS);
    this.answers = new CommittedAnswers(modules);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<KeyedRequest>();
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

  private async handle(context: ExecutionContext, req: KeyedRequest, key: string, next: CallHandler) {
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
    const claim: IdempotencyClaim = {
      scope: req.user?.id ?? `anonymous:${req.ip ?? ''}`,
      key,
      token: randomUUID(),
    };
    const hash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest();
    const claimed = await this.keys.claim(claim, { method: req.method, path: req.originalUrl, hash });
    if (!claimed) await this.answerExisting(context, req, claim, hash);
    return this.run(context, req, claim, next);
  }

  /** Runs the route holding the claim (renewed while it runs) and stores its answer. */
  private async run(
    context: ExecutionContext,
    req: KeyedRequest,
    claim: IdempotencyClaim,
    next: CallHandler,
  ) {
    const res = context.switchToHttp().getResponse<Response>();
    const renewal = setInterval(
      () => void this.keys.renew(claim).catch(() => undefined),
      Math.max(100, Math.floor(this.keys.leaseMs / 3)),
    );
    renewal.unref();
    try {
      const body: unknown = await runUnderClaim(claim, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      );
      await this.keys.complete(claim, { status: successStatus(context, res), body, headers: replayed(res) });
      return body;
    } catch (error) {
      const problem = toProblem(error, preferredLanguage(req.headers['accept-language']));
      if (problem.status < 500)
        await this.keys.complete(claim, { status: problem.status, body: problem, headers: replayed(res) });
      else await this.keys.release(claim);
      throw error;
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * The key is taken. Returns only when this request took it over (its owner gone, nothing committed) and must run
   * the command; otherwise throws the stored or rebuilt answer, or the 422 / 409.
   */
  private async answerExisting(
    context: ExecutionContext,
    req: KeyedRequest,
    claim: IdempotencyClaim,
    hash: Buffer,
  ): Promise<void> {
    // Twice at most: a takeover refused because the owner committed meanwhile is answered from that commit.
    for (let attempt = 0; attempt < 2; attempt++) {
      const stored = await this.keys.find(claim.scope, claim.key);
      if (!stored || !stored.requestHash.equals(hash)) throw reused();
      if (stored.state === 'done') throw replay(stored);
      if (!stored.ownerGone) throw inProgress();
      const committed = await this.keys.committedOf(stored);
      if (committed) {
        // Case views are per reader; an anonymous command's case is not rebuilt for an anonymous retry.
        if (!req.user) throw inProgress();
        const res = context.switchToHttp().getResponse<Response>();
        const status = successStatus(context, res);
        const answer = await this.answers.of(committed, { path: req.path, status }, req.user);
        await this.keys.completeRecovered(stored, committed, answer);
        throw new ReplayedResponse(answer.status, answer.body, answer.headers);
      }
      if (await this.keys.takeOver(stored, claim.token)) return;
    }
    throw inProgress();
  }
}

/** The headers a replay repeats, as the route set them. */
function replayed(res: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = res.getHeader(name);
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

function replay(stored: IdempotencyKeyRow): ReplayedResponse {
  return new ReplayedResponse(stored.statusCode ?? 200, stored.responseBody, stored.headers ?? {});
}

function reused(): IdempotencyError {
  return new IdempotencyError({
    code: 'IDEMPOTENCY_KEY_REUSED',
    status: 422,
    message: {
      zh: '同一 Idempotency-Key 已用于另一个不同的请求',
      en: 'This Idempotency-Key was already used for a different request',
    },
  });
}

function inProgress(): IdempotencyError {
  return new IdempotencyError({
    code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
    status: 409,
    message: {
      zh: '使用该 Idempotency-Key 的请求仍在处理中',
      en: 'A request with this Idempotency-Key is still running',
    },
  });
}
