import type { NextFunction, Request, Response } from 'express';
import { DomainError, type FieldError } from '@credence/shared';
import { preferredLanguage } from './language';
import { toProblem } from './problem-details';
import { sendProblem } from './problem-details.filter';

/*
 * U+0000 cannot be stored in a PostgreSQL text column, and an unpaired surrogate is not Unicode at all (it cannot be
 * encoded as UTF-8). Either one reached the database and answered 500. Refused here, once, for every body field,
 * query parameter and path segment, before any route runs: no free-text field needs them.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const FORBIDDEN = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_REPORTED = 20;

const FIELD_MESSAGE = {
  zh: '含有不允许的字符（U+0000 或不成对的代理项）',
  en: 'contains a character that is not allowed (U+0000 or an unpaired surrogate)',
};

export class InvalidCharactersError extends DomainError {
  constructor(fields: string[]) {
    super({
      code: 'INPUT_INVALID_CHARACTERS',
      status: 400,
      message: {
        zh: '请求含有不允许的字符（U+0000 或不成对的代理项）',
        en: 'The request contains characters that are not allowed (U+0000 or unpaired surrogates)',
      },
      fieldErrors: fields.map((field): FieldError => ({
        field,
        code: 'invalidCharacters',
        message: FIELD_MESSAGE,
      })),
    });
  }
}

/** A key as a field name can show it: the offending characters escaped (\u0000). */
const printable = (key: string) => (FORBIDDEN.test(key) ? JSON.stringify(key).slice(1, -1) : key);

/** Paths (`subject.name`, `items.1`) of every string or key holding a forbidden character. The body parser caps depth. */
export function fieldsWithForbiddenCharacters(value: unknown, path = '', found: string[] = []): string[] {
  if (found.length >= MAX_REPORTED) return found;
  if (typeof value === 'string') {
    if (FORBIDDEN.test(value)) found.push(path || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => fieldsWithForbiddenCharacters(item, path ? `${path}.${i}` : String(i), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${printable(key)}` : printable(key);
      if (FORBIDDEN.test(key)) found.push(field);
      else fieldsWithForbiddenCharacters(item, field, found);
    }
  }
  return found;
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // malformed escapes are the router's to refuse
  }
}

/** Express middleware, after the body parser: query first, then the path, then the body. */
export function refuseInvalidCharacters(req: Request, res: Response, next: NextFunction): void {
  const fields = fieldsWithForbiddenCharacters(req.query);
  if (FORBIDDEN.test(decodedPath(req.path))) fields.push('(path)');
  fieldsWithForbiddenCharacters(req.body, '', fields);
  if (fields.length === 0) return next();
  sendProblem(
    req,
    res,
    toProblem(new InvalidCharactersError(fields), preferredLanguage(req.headers['accept-language'])),
  );
}
