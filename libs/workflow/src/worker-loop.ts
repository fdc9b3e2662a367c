import { Injectable } from '@nestjs/common';
import { Env, PollingLoop } from '@credence/shared';
import { ProvisionalDeadlines } from './clocks/provisional-deadlines';
import { TimerWorker } from './timer-worker';

const TIMERS_PER_PASS = 500;

/** Fires due timers (and recomputes provisional deadlines when a calendar changes) while the process runs. */
@Injectable()
export class WorkerLoop extends PollingLoop {
  constructor(
    env: Env,
    private readonly timers: TimerWorker,
    private readonly provisional: ProvisionalDeadlines,
  ) {
    super(env);
  }

  protected async pass(): Promise<boolean> {
    await this.provisional.sweepIfDue();
    return (await this.timers.fireDue(TIMERS_PER_PASS)) >= TIMERS_PER_PASS;
  }
}
