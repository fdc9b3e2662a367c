import { HttpException } from '@nestjs/common';
import { DomainError, type BilingualText } from '@credence/shared';
import { inputRefusedByDatabase } from './database-input-errors';
import { pick, type Language } from './language';

/** RFC 9457 problem details, with the product's stable `code` and field-level errors. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: { field: string; code: string; message: string }[];
  [extension: string]: unknown;
}

const BY_STATUS: Record<number, { code: string; text: BilingualText }> = {
  400: { code: 'BAD_REQUEST', text: { zh: '请求无效', en: 'Bad request' } },
  401: { code: 'UNAUTHENTICATED', text: { zh: '未登录或登录已失效', en: 'Authentication required' } },
  403: { code: 'FORBIDDEN', text: { zh: '无权执行此操作', en: 'You may not do this' } },
  404: { code: 'NOT_FOUND', text: { zh: '未找到', en: 'Not found' } },
  405: { code: 'METHOD_NOT_ALLOWED', text: { zh: '不支持该请求方法', en: 'Method not allowed' } },
  406: { code: 'NOT_ACCEPTABLE', text: { zh: '无法提供请求的格式', en: 'Not acceptable' } },
  409: { code: 'CONFLICT', text: { zh: '请求与当前状态冲突', en: 'Conflict with the current state' } },
  413: { code: 'PAYLOAD_TOO_LARGE', text: { zh: '请求体过大', en: 'Request body too large' } },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', text: { zh: '不支持的内容类型', en: 'Unsupported media type' } },
  422: { code: 'UNPROCESSABLE', text: { zh: '请求无法处理', en: 'Unprocessable request' } },
  429: {
    code: 'TOO_MANY_REQUESTS',
    text: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  },
  503: { code: 'SERVICE_UNAVAILABLE', text: { zh: '服务暂不可用', en: 'Service unavailable' } },
};
const INTERNAL = {
  code: 'INTERNAL_ERROR',
  text: {
    zh: '服务器内部错误，请凭请求编号联系管理员',
    en: 'Internal error; quote the request id to an administrator',
  },
};

export function problemType(code: string): string {
  return `urn:credence:problem:${code.toLowerCase().replace(/[._]/g, '-')}`;
}

/** Maps anything thrown to a problem. Only real defects become 500; everything a client can send is a 4xx. */
export function toProblem(thrown: unknown, language: Language): ProblemDetails {
  const error = inputRefusedByDatabase(thrown) ?? thrown;
  if (error instanceof DomainError) {
    return {
      // Details come first: they may name a `type` or `status` of their own (a commitment's type), which must never
      // replace the problem's members (RFC 9457 §3.1).
      ...(error.details ?? {}),
      type: problemType(error.code),
      title: pick(error.bilingual, language),
      status: error.status,
      code: error.code,
      ...(error.fieldErrors
        ? {
            errors: error.fieldErrors.map((f) => ({
              field: f.field,
              code: f.code,
              message: pick(f.message, language),
            })),
          }
        : {}),
    };
  }
  const status = statusOf(error);
  const known = status !== undefined ? BY_STATUS[status] : undefined;
  if (status !== undefined && known && status < 500) {
    return { type: problemType(known.code), title: pick(known.text, language), status, code: known.code };
  }
  if (status === 503) {
    const s = BY_STATUS[503];
    return { type: problemType(s.code), title: pick(s.text, language), status, code: s.code };
  }
  return {
    type: problemType(INTERNAL.code),
    title: pick(INTERNAL.text, language),
    status: 500,
    code: INTERNAL.code,
  };
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  // body-parser and other express middleware errors carry a numeric status.
  const candidate =
    (error as { status?: unknown; statusCode?: unknown })?.status ??
    (error as { statusCode?: unknown })?.statusCode;
  return typeof candidate === 'number' && candidate >= 400 && candidate < 600 ? candidate : undefined;
}

/** Errors from the JSON body parser, before any route runs. */
export function bodyParserProblem(
  error: { type?: string; status?: number },
  language: Language,
): ProblemDetails {
  if (error.type === 'entity.too.large') return toProblem(error, language);
  const malformed: BilingualText = { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' };
  if (error.type === 'entity.parse.failed') {
    return {
      type: problemType('MALFORMED_JSON'),
      title: pick(malformed, language),
      status: 400,
      code: 'MALFORMED_JSON',
    };
  }
  return toProblem(error, language);
}
