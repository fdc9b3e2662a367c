import { Injectable } from '@nestjs/common';
import { Env, PollingLoop } from '@credence/shared';
import { DecisionProjector, PROJECTOR_BATCH } from './decision-projector';

/**
 * Follows the event store into `audit_decisions` while the process runs the worker (the worker app, or the API
 * with RUN_WORKER). Several processes may run it: the checkpoint row is taken with SKIP LOCKED.
 */
@Injectable()
export class DecisionProjectorLoop extends PollingLoop {
  constructor(
    env: Env,
    private readonly projector: DecisionProjector,
  ) {
    super(env);
  }

  /** A full batch means more is waiting. */
  protected async pass(): Promise<boolean> {
    return (await this.projector.pollOnce()) >= PROJECTOR_BATCH;
  }
}
