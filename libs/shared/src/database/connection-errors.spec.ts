import { DatabaseUnavailableError, databaseFaultOf } from './connection-errors';

const withCode = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`error ${code}`), { code, ...extra });

describe('database faults, classified in one place', () => {
  it.each([
    ['refused TCP connection', withCode('ECONNREFUSED', { syscall: 'connect' })],
    ['missing Unix socket', withCode('ENOENT', { syscall: 'connect' })],
    ['admin_shutdown', withCode('57P01')],
    ['crash_shutdown', withCode('57P02')],
    ['cannot_connect_now', withCode('57P03')],
    ['connection_failure (class 08)', withCode('08006')],
    ['terminated connection', new Error('Connection terminated unexpectedly')],
    ['a closed pool client', new Error('Client has encountered a connection error and is not queryable')],
  ])('%s means the database is lost', (_, error) => {
    expect(databaseFaultOf(error)).toBe('lost');
  });

  it.each([
    ['statement_timeout', withCode('57014')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['connection timeout', new Error('Connection terminated due to connection timeout')],
    ['client read timeout', new Error('Query read timeout')],
  ])('%s means the database is slow or hung', (_, error) => {
    // "Connection terminated due to connection timeout" is both; either way it is a 503, not a 500.
    expect(databaseFaultOf(error)).toBeDefined();
  });

  it('looks through wrappers (TypeORM driverError, cause)', () => {
    expect(databaseFaultOf({ message: 'query failed', driverError: withCode('57P01') })).toBe('lost');
    expect(databaseFaultOf(new Error('outer', { cause: withCode('ECONNREFUSED') }))).toBe('lost');
    expect(databaseFaultOf(new DatabaseUnavailableError())).toBe('lost');
  });

  it.each([
    ['unique violation', withCode('23505')],
    ['foreign key violation', withCode('23503')],
    ['a file that does not exist', withCode('ENOENT', { syscall: 'open' })],
    ['a programming error', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('%s is not a database outage', (_, error) => {
    expect(databaseFaultOf(error)).toBeUndefined();
  });

  it('is a coded 503 with Chinese and English text and a retry hint', () => {
    const error = new DatabaseUnavailableError();
    expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
    expect(error.bilingual.zh).toMatch(/数据库/);
    expect(error.details?.retryAfterSeconds).toBeGreaterThan(0);
  });
});
