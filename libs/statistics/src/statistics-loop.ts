import { Injectable } from '@nestjs/common';
import { Env, PollingLoop } from '@credence/shared';
import { STATISTICS_BATCH, StatisticsProjector } from './statistics-projector';

/**
 * Follows the event store into the statistics read model while the process runs the worker (the worker app, or the
 * API with RUN_WORKER). Several processes may run it: the checkpoint row is taken with SKIP LOCKED.
 */
@Injectable()
export class StatisticsProjectorLoop extends PollingLoop {
  constructor(
    env: Env,
    private readonly projector: StatisticsProjector,
  ) {
    super(env);
  }

  /** A full batch means more is waiting. */
  protected async pass(): Promise<boolean> {
    return (await this.projector.pollOnce()) >= STATISTICS_BATCH;
  }
}
