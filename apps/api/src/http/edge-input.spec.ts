import { inputRefusedByDatabase } from './database-input-errors';
import { fieldsWithForbiddenCharacters } from './input-text';
import { jsonDepth, MAX_JSON_DEPTH } from './json-depth';
import { clientErrorResponse } from './client-error';
import { trustProxySetting } from './security-headers';
import { constraintMessage } from './validation-messages';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonDepth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonDepth(bytes('1'))).toBe(0);
    expect(jsonDepth(bytes('{}'))).toBe(1);
    expect(jsonDepth(bytes('{"a":[1,{"b":[]}]}'))).toBe(4);
    expect(jsonDepth(bytes('[[],[],[[]]]'))).toBe(3);
    expect(jsonDepth(bytes('{"a":"[[[[{{{{"}'))).toBe(1);
    expect(jsonDepth(bytes('{"a":"\\"[[[["}'))).toBe(1);
    expect(jsonDepth(bytes(`${'['.repeat(1500)}${']'.repeat(1500)}`))).toBe(1500);
  });

  it('the limit leaves room for every real body', () => {
    expect(MAX_JSON_DEPTH).toBeGreaterThanOrEqual(16);
  });
});

describe('fieldsWithForbiddenCharacters', () => {
  it('names each field holding NUL or an unpaired surrogate', () => {
    expect(
      fieldsWithForbiddenCharacters({
        ok: '盱眙 𠮷 🚚',
        subject: { name: 'a\u0000b', code: '913' },
        items: ['fine', '\ud800', 'x\udc00'],
        'k\u0000': 'v',
        n: 1,
        none: null,
      }),
    ).toEqual(['subject.name', 'items.1', 'items.2', 'k\\u0000']);
  });

  it('accepts surrogate pairs, and stops after twenty fields', () => {
    expect(fieldsWithForbiddenCharacters({ a: '\ud842\udfb7', b: '\ud83d\ude9a' })).toEqual([]);
    expect(fieldsWithForbiddenCharacters(Array.from({ length: 50 }, () => '\u0000'))).toHaveLength(20);
  });
});

describe('inputRefusedByDatabase', () => {
  const pgError = (code: string) => Object.assign(new Error('x'), { code, severity: 'ERROR' });
  it.each([
    ['23503', 404, 'REFERENCE_NOT_FOUND'],
    ['23505', 409, 'ALREADY_EXISTS'],
    ['23514', 422, 'CONSTRAINT_VIOLATED'],
    ['22003', 400, 'VALUE_NOT_ACCEPTED'],
    ['22021', 400, 'VALUE_NOT_ACCEPTED'],
    ['40P01', 409, 'CONCURRENT_CHANGE'],
    ['40001', 409, 'CONCURRENT_CHANGE'],
  ])('SQLSTATE %s is a %d %s', (code, status, problemCode) => {
    expect(inputRefusedByDatabase(pgError(code))).toMatchObject({ status, code: problemCode });
  });

  it('leaves outages, defects and non-database errors alone', () => {
    for (const error of [
      pgError('08006'),
      pgError('57P01'),
      pgError('42P01'),
      Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      new Error('x'),
      undefined,
    ])
      expect(inputRefusedByDatabase(error)).toBeUndefined();
  });
});

describe('constraintMessage', () => {
  it('names the limit class-validator reports', () => {
    expect(constraintMessage('max', 'page must not be greater than 100000')).toEqual({
      zh: '不能大于 100000',
      en: 'must not be greater than 100000',
    });
    expect(constraintMessage('min', 'days must not be less than -366').en).toBe('must not be less than -366');
    expect(constraintMessage('isLength', 'facts must be shorter than or equal to 4000 characters').en).toBe(
      'must be at most 4000 characters long',
    );
    expect(constraintMessage('isString', 'x must be a string').en).toBe('must be a string');
  });
});

describe('clientErrorResponse', () => {
  it('answers oversized headers with a complete problem+json 431', () => {
    const [head, body] = clientErrorResponse('HPE_HEADER_OVERFLOW').split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toMatchObject({ status: 431, code: 'REQUEST_HEADERS_TOO_LARGE' });
    expect(JSON.parse(clientErrorResponse('HPE_INVALID_METHOD').split('\r\n\r\n')[1])).toMatchObject({
      status: 400,
      code: 'MALFORMED_REQUEST',
    });
  });
});

describe('trustProxySetting', () => {
  it.each([
    ['', false],
    ['false', false],
    ['1', 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 172.16.0.0/12', '10.0.0.0/8, 172.16.0.0/12'],
  ])('%j → %j', (value, setting) => {
    expect(trustProxySetting(value)).toEqual(setting);
  });
});
