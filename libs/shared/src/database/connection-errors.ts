import { DomainError } from '../errors/domain-error';

/** Seconds a client is told to wait (Retry-After) while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached or did not answer in time: 503, never 500, whatever the route. */
export class DatabaseUnavailableError extends DomainError {
  constructor(details?: Record<string, unknown>) {
    super({
      code: 'DATABASE_UNAVAILABLE',
      status: 503,
      message: {
        zh: '数据库暂不可用，请稍后重试',
        en: 'The database is unavailable; try again later',
      },
      details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS, ...details },
    });
    this.name = 'DatabaseUnavailableError';
  }
}

/** How an error says the database is away: lost (refused, terminated, shutting down) or slow (a timeout). */
export type DatabaseFault = 'lost' | 'timeout';

// Socket errors of a server that is gone (TCP, or the Unix socket file removed at shutdown).
const LOST_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// SQLSTATE (PostgreSQL Appendix A): class 08 connection exception; 57P01 admin_shutdown, 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up or shutting down), 53300 too_many_connections.
const LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// 57014 query_canceled: statement_timeout fired (or an operator cancelled the query).
const TIMEOUT_SQLSTATES = new Set(['57014']);
const LOST_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /server closed the connection/i,
  /client has encountered a connection error and is not queryable/i,
  /cannot use a pool after calling end/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];
const TIMEOUT_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /query read timeout/i,
];

/**
 * The one place that decides whether an error means "the database is away" rather than "this statement is wrong".
 * Looks through wrappers (TypeORM's driverError, `cause`, AggregateError) so every caller sees the same answer.
 */
export function databaseFaultOf(error: unknown, depth = 0): DatabaseFault | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  if (error instanceof DatabaseUnavailableError) return 'lost';
  const e = error as {
    code?: unknown;
    syscall?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code !== undefined) {
    // ENOENT is a missing Unix socket only when connecting; from the file system it means something else.
    const socketLost = LOST_SOCKET_CODES.has(code) && (code !== 'ENOENT' || e.syscall === 'connect');
    if (socketLost || LOST_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return 'lost';
    if (TIMEOUT_SQLSTATES.has(code)) return 'timeout';
  }
  const message = typeof e.message === 'string' ? e.message : '';
  if (LOST_MESSAGES.some((m) => m.test(message))) return 'lost';
  if (TIMEOUT_MESSAGES.some((m) => m.test(message))) return 'timeout';
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])]) {
    const fault = databaseFaultOf(inner, depth + 1);
    if (fault) return fault;
  }
  return undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseFaultOf(error) !== undefined;
}
