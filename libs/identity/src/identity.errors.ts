import { DomainError } from '@credence/shared';

/** No valid token, or the account behind it is gone or deactivated. */
export class UnauthenticatedError extends DomainError {
  constructor() {
    super({
      code: 'AUTH.UNAUTHENTICATED',
      status: 401,
      message: { zh: '未登录或登录已失效，请重新登录', en: 'Authentication required; please log in' },
    });
  }
}

export class TokenExpiredError extends DomainError {
  constructor() {
    super({
      code: 'AUTH.TOKEN_EXPIRED',
      status: 401,
      message: { zh: '登录已过期，请重新登录', en: 'The access token has expired; please log in again' },
    });
  }
}

/** The route exists for other roles. Only for routes whose existence is public (the API docs list them). */
export class ForbiddenRoleError extends DomainError {
  constructor(required: readonly string[]) {
    super({
      code: 'AUTH.FORBIDDEN_ROLE',
      status: 403,
      message: { zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
      details: { requiredRoles: required },
    });
  }
}

/** Same answer for an unknown user and a wrong password, so usernames cannot be probed. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super({
      code: 'AUTH.INVALID_CREDENTIALS',
      status: 401,
      message: { zh: '用户名或密码错误', en: 'Wrong username or password' },
    });
  }
}

export class AccountLockedError extends DomainError {
  constructor(
    readonly lockedUntil: Date,
    readonly retryAfterSeconds: number,
  ) {
    super({
      code: 'AUTH.ACCOUNT_LOCKED',
      status: 429,
      message: {
        zh: '该用户名登录失败次数过多，已暂时锁定，请稍后再试',
        en: 'Too many failed logins for this username; it is locked for a while',
      },
      details: { lockedUntil: lockedUntil.toISOString(), retryAfterSeconds },
    });
  }
}

export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super({
      code: 'IDENTITY.USERNAME_TAKEN',
      status: 409,
      message: { zh: `用户名 ${username} 已被使用`, en: `The username ${username} is taken` },
    });
  }
}

export class AuthorityExistsError extends DomainError {
  constructor(code: string) {
    super({
      code: 'IDENTITY.AUTHORITY_EXISTS',
      status: 409,
      message: { zh: `认定单位 ${code} 已登记`, en: `Authority ${code} is already registered` },
    });
  }
}

/** A referenced authority (parent, or an account's) is not registered. */
export class UnknownAuthorityError extends DomainError {
  constructor(field: string, code: string) {
    super({
      code: 'IDENTITY.UNKNOWN_AUTHORITY',
      status: 422,
      message: { zh: `认定单位 ${code} 未登记`, en: `Authority ${code} is not registered` },
      details: { field, authorityCode: code },
    });
  }
}

export class AuthorityHierarchyError extends DomainError {
  constructor(message: { zh: string; en: string }) {
    super({ code: 'IDENTITY.AUTHORITY_HIERARCHY', status: 422, message });
  }
}

/** An admin cannot lock themselves out (and leave nobody to undo it). */
export class CannotDeactivateSelfError extends DomainError {
  constructor() {
    super({
      code: 'IDENTITY.CANNOT_DEACTIVATE_SELF',
      status: 409,
      message: { zh: '不能停用自己的账号', en: 'You cannot deactivate your own account' },
    });
  }
}
