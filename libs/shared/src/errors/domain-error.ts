/** Text of a message in both languages the product speaks: Chinese first, English second. */
export interface BilingualText {
  zh: string;
  en: string;
}

export interface FieldError {
  field: string;
  code: string;
  message: BilingualText;
}

export interface DomainErrorInit {
  /** Stable, machine-readable: `MODULE.RULE`. Clients switch on it; never reword it. */
  code: string;
  /** The HTTP status the edge maps this error to. */
  status: number;
  message: BilingualText;
  /** Facts a client may use (e.g. the date a rule will be met). Serialised into the problem body. */
  details?: Record<string, unknown>;
  fieldErrors?: FieldError[];
}

/**
 * A broken rule, an illegal transition, a missing or hidden thing, a conflict. Thrown, never returned;
 * mapped once to RFC 9457 problem details at the HTTP edge. Business refusals the law expects
 * (不予受理, 不予修复 …) are recorded as events instead.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly bilingual: BilingualText;
  readonly details?: Record<string, unknown>;
  readonly fieldErrors?: FieldError[];

  constructor(init: DomainErrorInit) {
    super(init.message.en);
    this.name = 'DomainError';
    this.code = init.code;
    this.status = init.status;
    this.bilingual = init.message;
    this.details = init.details;
    this.fieldErrors = init.fieldErrors;
  }
}

/** Something the caller may not know exists is reported as absent (404), never as forbidden. */
export class NotFoundError extends DomainError {
  constructor(what: BilingualText, details?: Record<string, unknown>) {
    super({
      code: 'NOT_FOUND',
      status: 404,
      message: { zh: `未找到${what.zh}`, en: `${what.en} not found` },
      details,
    });
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: BilingualText = { zh: '无权执行此操作', en: 'You may not do this' }) {
    super({ code: 'FORBIDDEN', status: 403, message });
  }
}

export class InvalidInputError extends DomainError {
  constructor(fieldErrors: FieldError[]) {
    super({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: { zh: '请求参数校验失败', en: 'The request is not valid' },
      fieldErrors,
    });
  }
}
