import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import { AccessLog, type AccessKind } from '@credence/audit';
import type { Actor } from '@credence/identity';
import { correlationIdOf } from '../../http/request-context';

export interface AuditedReadOptions {
  /** Route parameter holding the id of what is read (default `id`). */
  param?: string;
  /**
   * Whose authority the read concerns: `case` (default) takes it from the case row of the id; `reader` uses the
   * reader's own authority (for exports and searches, which span cases).
   */
  scope?: 'case' | 'reader';
  /** Only log when this holds (e.g. only the export formats of a search). */
  when?: (req: Request) => boolean;
  /** The resource id when it is not a route parameter (e.g. an export's file name). */
  resource?: (req: Request) => string;
  /** Extra facts to keep (e.g. an export's filters). */
  detail?: (req: Request) => Record<string, unknown>;
}

const AUDITED_READ = 'credence:audited-read';

interface Spec extends AuditedReadOptions {
  kind: AccessKind;
}

/** Records each successful call of the route in the access log (who, role, authority, what, when, request id, ip). */
@Injectable()
export class AuditedReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: AccessLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<Spec | undefined>(AUDITED_READ, context.getHandler());
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    // After the handler succeeded: a refused or failed read (404 …) showed nothing to log.
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        if (spec && req.user && (spec.when?.(req) ?? true))
          await this.log.record(this.entryOf(spec, req, req.user));
        return body;
      }),
    );
  }

  private entryOf(spec: Spec, req: Request, user: Actor) {
    const id = spec.resource?.(req) ?? String(req.params[spec.param ?? 'id'] ?? '');
    const byReader = spec.scope === 'reader';
    return {
      actor: user,
      kind: spec.kind,
      resourceId: id,
      caseId: byReader ? null : id,
      authorityCode: byReader ? user.authorityCode : null,
      authorityPath: byReader ? user.authorityPath : null,
      correlationId: correlationIdOf(req),
      ip: req.ip ?? null,
      detail: spec.detail?.(req) ?? null,
    };
  }
}

/**
 * `@AuditedRead('case')` on a read handler: each successful read of sensitive data leaves an access-log entry.
 * Future controllers (materials …) add it the same way; `AccessLog.record` is the service method behind it.
 */
export const AuditedRead = (kind: AccessKind, options: AuditedReadOptions = {}) =>
  applyDecorators(SetMetadata(AUDITED_READ, { kind, ...options }), UseInterceptors(AuditedReadInterceptor));
