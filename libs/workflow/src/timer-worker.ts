import { Injectable, Logger } from '@nestjs/common';
import { Clock, Database, DomainError } from '@credence/shared';
import { SYSTEM_ACTOR } from './case-event';
import { CaseEngine } from './case-engine';

interface DueTimer {
  id: string;
  case_id: string;
  case_type: string;
  name: string;
  event_type: string;
  due_at: Date;
}

/** The due-timer scan: served by the partial index `timers_due` (pending only), however many timers wait. */
export const DUE_TIMER_SCAN = `SELECT id, case_id, case_type, name, event_type, due_at FROM timers
  WHERE status = 'pending' AND due_at <= $1 AND NOT (id = ANY($2::uuid[]))
  ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`;

/**
 * Fires due timers as recorded events through the same engine. Each timer is taken with FOR UPDATE SKIP LOCKED
 * and settled in the transaction that appends its event, so several workers never fire one twice and a crash
 * between the two is impossible.
 */
@Injectable()
export class TimerWorker {
  private readonly logger = new Logger(TimerWorker.name);

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly engine: CaseEngine,
  ) {}

  /** Fires every timer due now (up to `limit`); returns how many fired. */
  async fireDue(limit = 500): Promise<number> {
    let fired = 0;
    const failed: string[] = [];
    for (let i = 0; i < limit; i++) {
      const outcome = await this.fireNext(failed);
      if (outcome === 'none') break;
      if (outcome === 'fired') fired++;
    }
    return fired;
  }

  private async fireNext(skip: string[]): Promise<'none' | 'fired' | 'stale' | 'failed'> {
    let timerId: string | undefined;
    try {
      return await this.db.transaction(async (tx) => {
        const { rows } = await tx.query<DueTimer>(DUE_TIMER_SCAN, [this.clock.now(), skip]);
        const timer = rows[0];
        if (!timer) return 'none';
        timerId = timer.id;
        let outcome: 'fired' | 'stale' = 'fired';
        try {
          await this.engine.execute(
            {
              caseType: timer.case_type,
              caseId: timer.case_id,
              eventType: timer.event_type,
              data: { timer: timer.name, dueAt: timer.due_at.toISOString() },
              actor: SYSTEM_ACTOR,
              origin: { correlationId: `timer:${timer.id}`, causationId: timer.id },
            },
            tx,
          );
        } catch (error) {
          // The machine no longer waits for this deadline (the case moved on): settle it as stale.
          if (!(error instanceof DomainError) || error.status >= 500) throw error;
          outcome = 'stale';
        }
        await tx.query(
          `UPDATE timers SET status = $2, settled_at = $3, attempts = attempts + 1 WHERE id = $1`,
          [timer.id, outcome, this.clock.now()],
        );
        return outcome;
      });
    } catch (error) {
      if (!timerId) throw error;
      skip.push(timerId);
      this.logger.error({ err: error, timerId }, 'timer failed; will retry on the next pass');
      await this.db.query(`UPDATE timers SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
        timerId,
        String(error),
      ]);
      return 'failed';
    }
  }
}
