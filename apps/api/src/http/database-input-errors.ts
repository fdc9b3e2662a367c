import { DomainError } from '@credence/shared';

/*
 * The edge validates what a client sends, and the domain checks every reference it names; these are the net under
 * both. A value the database itself refuses (SQLSTATE class 22, data exception), a duplicate (23505), a reference
 * to nothing (23503) or a failed CHECK (23514) was caused by the request, so the answer is a coded 4xx, never 500;
 * a race lost to another transaction (40P01, 40001) changed nothing and may be retried (409).
 * Outages (class 08, 57P, 53) are not here: they are 503s (database-unavailable.ts).
 */
export class DatabaseRefusedInputError extends DomainError {}

const BY_SQLSTATE: Record<string, () => DatabaseRefusedInputError> = {
  '23503': () =>
    new DatabaseRefusedInputError({
      code: 'REFERENCE_NOT_FOUND',
      status: 404,
      message: { zh: '请求引用的对象不存在', en: 'Something the request refers to does not exist' },
    }),
  '23505': () =>
    new DatabaseRefusedInputError({
      code: 'ALREADY_EXISTS',
      status: 409,
      message: { zh: '该对象已存在', en: 'This already exists' },
    }),
  // Lost a race with another transaction (deadlock, serialization failure) outside an append: nothing was written.
  '40P01': () => concurrentChange(),
  '40001': () => concurrentChange(),
  '23514': () =>
    new DatabaseRefusedInputError({
      code: 'CONSTRAINT_VIOLATED',
      status: 422,
      message: { zh: '请求违反了数据约束', en: 'The request breaks a data constraint' },
    }),
};

const concurrentChange = () =>
  new DatabaseRefusedInputError({
    code: 'CONCURRENT_CHANGE',
    status: 409,
    message: {
      zh: '与他人的同时操作冲突，未作任何更改，请重试',
      en: 'Another change was made at the same time; nothing was changed, please retry',
    },
  });

const DATA_EXCEPTION = () =>
  new DatabaseRefusedInputError({
    code: 'VALUE_NOT_ACCEPTED',
    status: 400,
    message: {
      zh: '请求中的取值超出范围或格式无效',
      en: 'A value in the request is out of range or malformed',
    },
  });

function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  // pg's DatabaseError carries the SQLSTATE (5 characters) and a severity; Node's own errors have ECONN… codes.
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in (error as object)
    ? code
    : undefined;
}

/** The 4xx for a database error caused by the request's values, or undefined for anything else. */
export function inputRefusedByDatabase(error: unknown): DatabaseRefusedInputError | undefined {
  const state = sqlStateOf(error);
  if (state === undefined) return undefined;
  if (state.startsWith('22')) return DATA_EXCEPTION();
  return BY_SQLSTATE[state]?.();
}
