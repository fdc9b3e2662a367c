import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Env } from '@credence/shared';
import { DecisionProjector, PROJECTOR_BATCH } from './decision-projector';

/**
 * Follows the event store into `audit_decisions` while the process runs the worker (the worker app, or the API
 * with RUN_WORKER). Several processes may run it: the checkpoint row is taken with SKIP LOCKED.
 */
@Injectable()
export class DecisionProjectorLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DecisionProjectorLoop.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly env: Env,
    private readonly projector: DecisionProjector,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.RUN_WORKER) return;
    this.running = true;
    this.loop = this.run();
  }

  // Before the database pool closes (onApplicationShutdown), so a batch in flight commits or rolls back cleanly.
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.projector.pollOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'audit projection pass failed');
      }
      // A full batch means more is waiting: go on at once; otherwise sleep until the next poll.
      if (handled < PROJECTOR_BATCH && this.running)
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.env.WORKER_POLL_MS);
        });
    }
  }
}
