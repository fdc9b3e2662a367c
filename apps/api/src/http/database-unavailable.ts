import type { NextFunction, Request, Response } from 'express';
import { DatabaseAvailability, DatabaseUnavailableError, databaseFaultOf } from '@credence/shared';
import { preferredLanguage } from './language';
import { toProblem } from './problem-details';
import { sendProblem } from './problem-details.filter';

/**
 * Any error that means the database is away (refused, terminated, shutting down, timed out) becomes one coded 503
 * with Retry-After, whatever route it came from; the process-wide availability hears of it so the next requests
 * fail fast until the database answers again.
 */
export function asDatabaseUnavailable(error: unknown, availability: DatabaseAvailability): unknown {
  if (error instanceof DatabaseUnavailableError) return error;
  const fault = databaseFaultOf(error);
  if (!fault) return error;
  availability.report(error);
  return new DatabaseUnavailableError({ fault });
}

// Routes that answer for themselves while the database is away: /health says what is down; the rest never read it.
const ANSWER_THEMSELVES = /^\/(health|metrics|api\/docs)(\/|$|\?|-json)/;

/**
 * While the database is known to be away, every route answers 503 at once instead of each request waiting for its
 * own connect or statement timeout (a hung server would otherwise hold every request for DATABASE_CONNECT_TIMEOUT_MS).
 */
export function failFastWhileDatabaseAway(availability: DatabaseAvailability) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (availability.isAvailable || ANSWER_THEMSELVES.test(req.originalUrl)) return next();
    const language = preferredLanguage(req.headers['accept-language']);
    sendProblem(req, res, toProblem(new DatabaseUnavailableError({ state: availability.current }), language));
  };
}
