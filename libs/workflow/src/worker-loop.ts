import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@credence/shared';
import { ProvisionalDeadlines } from './clocks/provisional-deadlines';
import { TimerWorker } from './timer-worker';

/** Polls for due work while the process runs (the worker app, or the API with RUN_WORKER). */
@Injectable()
export class WorkerLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerLoop.name);
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly env: Env,
    private readonly timers: TimerWorker,
    private readonly provisional: ProvisionalDeadlines,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.RUN_WORKER) return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.provisional.sweepIfDue();
        await this.timers.fireDue();
      } catch (error) {
        this.logger.error({ err: error }, 'worker pass failed');
      }
      await new Promise((resolve) => setTimeout(resolve, this.env.WORKER_POLL_MS));
    }
  }
}
