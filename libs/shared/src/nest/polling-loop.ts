import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Env } from '../config/env';
import { isDatabaseUnavailable } from '../database/connection-errors';

/**
 * Background work of a worker process (the worker app, or the API with RUN_WORKER): one pass after another,
 * sleeping WORKER_POLL_MS when a pass says nothing more is waiting. Stops before the database pool closes
 * (onModuleDestroy precedes onApplicationShutdown), so a pass in flight commits or rolls back cleanly.
 */
export abstract class PollingLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(this.constructor.name);
  private running = false;
  private databaseAway = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  protected constructor(protected readonly env: Env) {}

  /** One pass of the work; true when more is waiting (the next pass starts at once). */
  protected abstract pass(): Promise<boolean>;

  onApplicationBootstrap(): void | Promise<void> {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  protected start(): void {
    if (!this.env.RUN_WORKER || this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let more = false;
      try {
        more = await this.pass();
        if (this.databaseAway) this.logger.log('database available again: background work resumes');
        this.databaseAway = false;
      } catch (error) {
        if (!isDatabaseUnavailable(error))
          this.logger.error({ err: error }, 'background pass failed; retrying after the poll interval');
        else if (!this.databaseAway) {
          // Once per outage: the loop keeps trying every poll interval and resumes by itself.
          this.databaseAway = true;
          this.logger.warn({ err: error }, 'database unavailable: background work waits for it');
        }
      }
      if (!more && this.running)
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.env.WORKER_POLL_MS);
        });
    }
  }
}
